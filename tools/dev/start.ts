import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { startProcessStack, type ProcessStack } from '../stack/process-stack';
import { PROJECT_ROOT } from '../stack/temporal-binaries';
import { startMailCatcher, type MailCatcher } from './mail-catcher';
import { privateDataDir } from './private-data';

/**
 * `npm start`: the whole service on embedded defaults, persisted under .data/ (0700, its files 0600):
 * Temporal dev server (SQLite, Web UI), mail catcher, worker, API.
 */
const DATA = join(PROJECT_ROOT, '.data');
const UI_PORT = 8233;
const MAIL_HTTP_PORT = 8025;
const OIDC_PORT = 9090;
const RETENTION_DAYS = Number(process.env.CLOSED_CASE_RETENTION_DAYS ?? 365);
const say = (msg: string) => process.stdout.write(`${msg}\n`);

let stopping = false;
let stack: ProcessStack | undefined;
let mail: MailCatcher | undefined;

/** API first (no new requests), then the worker (drains its tasks), then Temporal, then the mail catcher. */
async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await stack?.close().catch(() => undefined);
  await mail?.close().catch(() => undefined);
  process.exit(code);
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));
  // Before anything is written to it: keys, tokens, the audit trail and mail with addresses are this user's alone.
  privateDataDir(DATA);

  const config = loadConfig({
    PAYLOAD_KEYS_FILE: join(DATA, 'payload-keys.json'),
    KEY_ENCRYPTION_KEYS_FILE: join(DATA, 'key-encryption-keys.json'),
    PRINCIPALS_FILE: join(DATA, 'principals.json'),
    AUDIT_LOG_FILE: join(DATA, 'audit.jsonl'),
    MAIL_LEDGER_FILE: join(DATA, 'sent-notices.jsonl'),
    DIRECTORY_FILE: join(PROJECT_ROOT, 'config', 'dev', 'directory.json'),
    SMTP_HOST: '127.0.0.1',
    CODEC_ALLOW_TOKENLESS_LOOPBACK: 'true',
    // A line per request buried the console; `REQUEST_LOG_LEVEL=info npm start` shows them again.
    REQUEST_LOG_LEVEL: 'debug',
    // A file ended a moment ago can be erased at once (by two admins) while trying the service out.
    ERASURE_WAITING_DAYS: '0',
    ...process.env,
  });
  mail = await startMailCatcher({ smtpPort: config.SMTP_PORT, httpPort: MAIL_HTTP_PORT, dir: join(DATA, 'mail') });

  const [host = 'localhost', port = '7233'] = config.TEMPORAL_ADDRESS.split(':');
  stack = await startProcessStack({
    dir: DATA,
    smtp: mail.smtp,
    host,
    ports: { temporal: Number(port), api: config.HTTP_PORT },
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    ui: { port: UI_PORT },
    workspace: { oidcPort: OIDC_PORT },
    retentionDays: RETENTION_DAYS,
    temporalLogLevel: 'error',
    // The worker and the API get the shell's environment and the configuration above, every value explicit.
    baseEnv: process.env,
    env: Object.fromEntries(Object.entries(config).map(([k, v]) => [k, v === undefined ? '' : String(v)])),
    output: 'inherit',
    stopGraceMs: 15_000,
    log: (line) => say(`[stack] ${line}`),
  });
  for (const p of [stack.temporal, stack.worker, stack.api, ...(stack.oidc ? [stack.oidc.process] : [])]) {
    void p.exited().then((info) => {
      if (stopping) return;
      say(`[stack] ${p.name} exited (${info.signal ?? info.code}); stopping everything`);
      void stopAll(1);
    });
  }
  say(`
──────────────────────────────────────────────────────────────────────
 Victim case orchestration: development stack (data in ${DATA})
 Workspace      ${config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/workspace
   signed in at the development identity provider (${stack.oidc?.issuer ?? ''}), any password
 API            http://localhost:${config.HTTP_PORT}/v1   docs: http://localhost:${config.HTTP_PORT}/docs
 Temporal Web UI http://localhost:${UI_PORT}   (codec: http://localhost:${config.HTTP_PORT}/codec)
 Mail catcher   http://localhost:${MAIL_HTTP_PORT}   (.eml files in ${join(DATA, 'mail')})
 Closed cases   kept ${RETENTION_DAYS} days (CLOSED_CASE_RETENTION_DAYS)
 Dev accounts   all ${Object.keys(stack.tokens).length} (centre-PAYOKE, prosecutor-ANTWERPEN, immigration-office, admin, ...),
   each a sign-in name and its API token, in ${join(DATA, 'dev-tokens.json')}
 Requests are logged at debug (REQUEST_LOG_LEVEL=info npm start shows them).
 Ctrl-C stops everything.
──────────────────────────────────────────────────────────────────────`);
}

main().catch((err: unknown) => {
  say(`[stack] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  void stopAll(1);
});
