import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import Long from 'long';
import { loadConfig } from '../config';
import { ensureDevPayloadKeys } from '../crypto/payload-keys';
import { registerSearchAttributes } from '../temporal/search-attributes';
import { ensureDevPrincipals } from './dev-principals';
import { startMailCatcher } from './mail-catcher';
import { PROJECT_ROOT, temporalCliPath } from './temporal-binaries';

/**
 * `npm start`: the whole service on embedded defaults, persisted under .data/:
 * Temporal dev server (SQLite, Web UI), mail catcher, worker, API.
 */
const DATA = join(PROJECT_ROOT, '.data');
const UI_PORT = 8233;
const MAIL_HTTP_PORT = 8025;
const RETENTION_DAYS = Number(process.env.CLOSED_CASE_RETENTION_DAYS ?? 365);
const say = (msg: string) => process.stdout.write(`${msg}\n`);

const children: { name: string; proc: ChildProcess }[] = [];

function start(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const proc = spawn(cmd, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  proc.on('exit', (code, signal) => {
    if (!stopping) {
      say(`[stack] ${name} exited (${signal ?? code}); stopping everything`);
      void stopAll(1);
    }
  });
  children.push({ name, proc });
  return proc;
}

let stopping = false;
let closeMail: (() => Promise<void>) | undefined;

/** API first (no new requests), then the worker (drains its tasks), then Temporal, then the mail catcher. */
async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const { name, proc } of [...children].reverse()) {
    if (proc.exitCode !== null || proc.signalCode !== null) continue;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    say(`[stack] ${name} stopped`);
  }
  await closeMail?.();
  process.exit(code);
}

async function waitForTemporal(address: string, namespace: string): Promise<Connection> {
  for (let attempt = 0; ; attempt++) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.workflowService.describeNamespace({ namespace });
      return connection;
    } catch (err) {
      if (attempt > 120) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));
  mkdirSync(DATA, { recursive: true, mode: 0o700 });

  const config = loadConfig({
    PAYLOAD_KEYS_FILE: join(DATA, 'payload-keys.json'),
    PRINCIPALS_FILE: join(DATA, 'principals.json'),
    AUDIT_LOG_FILE: join(DATA, 'audit.jsonl'),
    MAIL_LEDGER_FILE: join(DATA, 'sent-notices.jsonl'),
    DIRECTORY_FILE: join(PROJECT_ROOT, 'config', 'dev', 'directory.json'),
    SMTP_HOST: '127.0.0.1',
    CODEC_ALLOW_TOKENLESS_LOOPBACK: 'true',
    ...process.env,
  });
  const keys = ensureDevPayloadKeys(config.PAYLOAD_KEYS_FILE);
  if (keys.created) say(`[stack] created a development payload key in ${config.PAYLOAD_KEYS_FILE} (keep it: cases stored with it need it)`);
  const { tokens } = ensureDevPrincipals(config.PRINCIPALS_FILE, join(DATA, 'dev-tokens.json'));

  const mail = await startMailCatcher({ smtpPort: config.SMTP_PORT, httpPort: MAIL_HTTP_PORT, dir: join(DATA, 'mail') });
  closeMail = () => mail.close();

  const [host, port] = config.TEMPORAL_ADDRESS.split(':');
  start('temporal', temporalCliPath(), [
    'server', 'start-dev',
    '--ip', host ?? 'localhost',
    '--port', port ?? '7233',
    '--ui-port', String(UI_PORT),
    '--db-filename', join(DATA, 'temporal.sqlite'),
    '--namespace', config.TEMPORAL_NAMESPACE,
    '--ui-codec-endpoint', `http://localhost:${config.HTTP_PORT}/codec`,
    '--log-level', 'error',
  ], process.env);
  const connection = await waitForTemporal(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  await registerSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
  await connection.workflowService.updateNamespace({
    namespace: config.TEMPORAL_NAMESPACE,
    config: { workflowExecutionRetentionTtl: { seconds: Long.fromNumber(RETENTION_DAYS * 86_400) } },
  });
  await connection.close();

  const env = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, v === undefined ? '' : String(v)]));
  const childEnv = { ...process.env, ...env };
  start('worker', process.execPath, [join(PROJECT_ROOT, 'dist', 'worker.js')], childEnv);
  start('api', process.execPath, [join(PROJECT_ROOT, 'dist', 'server.js')], childEnv);

  say(`
──────────────────────────────────────────────────────────────────────
 Victim case orchestration: development stack (data in ${DATA})
 API            http://localhost:${config.HTTP_PORT}/v1   docs: http://localhost:${config.HTTP_PORT}/docs
 Temporal Web UI http://localhost:${UI_PORT}   (codec: http://localhost:${config.HTTP_PORT}/codec)
 Mail catcher   http://localhost:${MAIL_HTTP_PORT}   (.eml files in ${join(DATA, 'mail')})
 Closed cases   kept ${RETENTION_DAYS} days (CLOSED_CASE_RETENTION_DAYS)
 Dev tokens (all of them: ${join(DATA, 'dev-tokens.json')}):
${['centre-PAG-ASA', 'centre-PAYOKE', 'centre-SURYA', 'immigration-office', 'admin', 'prosecutor-ANTWERPEN', 'prosecutor-LABOUR-ANTWERPEN', 'prosecutor-CA-ANTWERPEN']
  .map((label) => `   ${label.padEnd(28)} ${tokens[label]}`)
  .join('\n')}
 Ctrl-C stops everything.
──────────────────────────────────────────────────────────────────────`);
}

main().catch((err: unknown) => {
  say(`[stack] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  void stopAll(1);
});
