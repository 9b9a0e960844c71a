/**
 * The service as it runs in production, one OS process per part: the Temporal CLI dev server on a
 * SQLite file, `node dist/worker.js`, `node dist/server.js`, and an SMTP server in this process.
 * Each part can be killed (SIGKILL or SIGTERM) and started again with the same files and ports, so
 * the fault tests and `npm run reliability` hit real crashes rather than mocks. The same stack runs
 * `npm start` (fixed ports, the Web UI, data in .data/, the mail catcher's SMTP server) and the
 * bench (its own node flags and relay).
 *
 * No jest in here: the tools use it as the tests do. Its parts, shared with the cluster and the bench:
 * the services' environment (service-env.ts), readiness (readiness.ts), the development identity
 * provider (dev-identity-provider.ts), the SMTP server, managed processes, ports and binaries.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import Long from 'long';
import { openCaseIndex, type CaseIndexStore } from '../../src/case-index/case-index-store';
import { openCaseKeys } from '../../src/crypto/case-keys';
import { dataConverterFor } from '../../src/crypto/data-converter';
import { ensureDevPayloadKeys, loadPayloadKeys, type PayloadKeys } from '../../src/crypto/payload-keys';
import { registerSearchAttributes } from '../../src/temporal/register-search-attributes';
import { ensureDevPrincipals } from './dev-principals';
import { freePort } from './free-port';
import { httpRequest, type ApiRequest, type ApiResponse } from './http';
import { ManagedProcess } from './managed-process';
import { SmtpServer, type SmtpServerOptions } from './smtp-server';
import { PROJECT_ROOT, temporalCliPath } from './temporal-binaries';
import { waitUntil } from './wait';
import { devIdentityProvider } from './dev-identity-provider';
import { answersOk, workerPolls } from './readiness';
import { bareEnv, serviceEnv } from './service-env';

export interface ProcessStackOptions {
  /**
   * The data folder: SQLite file, keys, principals and dev tokens, ledger, audit trail, logs/.
   * Default: a new temporary folder, removed by close() unless `keepDir`. A given folder is kept.
   */
  dir?: string;
  /** Keep the temporary folder after close() (default: KEEP_PROCESS_STACK=1). */
  keepDir?: boolean;
  /** Options of the SMTP server the stack starts on a free port, or a running one (the mail catcher's). close() stops it last. */
  smtp?: SmtpServerOptions | SmtpServer;
  /** What the dev server binds and the processes dial (default 127.0.0.1). */
  host?: string;
  /** Fixed ports; by default free ones (the dev server's HTTP port: the CLI's default when the Web UI runs). */
  ports?: { temporal?: number; temporalHttp?: number; api?: number };
  /** Namespace (default `default`). */
  namespace?: string;
  /** Task queue (default victim-cases). */
  taskQueue?: string;
  /** The Temporal Web UI on this port, with the API's codec endpoint (default: headless). */
  ui?: { port: number };
  /** The workspace's pages, signed in through the development identity provider (on this port, or a free one). */
  workspace?: { oidcPort?: number };
  /** Set the namespace retention of closed cases at the first start. */
  retentionDays?: number;
  /** --log-level of the dev server (default warn). */
  temporalLogLevel?: string;
  /** What every child starts from (default PATH and HOME only, so nothing leaks in from the caller's shell). */
  baseEnv?: NodeJS.ProcessEnv;
  /** Variables of the worker and the API over the stack's own (serviceEnv and the options below). */
  env?: Record<string, string>;
  /** Variables of the API alone, over `env` (the bench: its METRICS_ADDRESS, which the worker would bind too). */
  apiEnv?: Record<string, string>;
  /** TEMPORAL_CALL_TIMEOUT_MS of the API (default 3000: an outage is a quick 503). */
  temporalCallTimeoutMs?: number;
  /** RATE_LIMIT_PER_MINUTE of the API (default 100000: the fault runs are not about rate limits). */
  rateLimitPerMinute?: number;
  /** LOG_LEVEL of the worker and the API (default info). */
  logLevel?: string;
  /** Node flags of the worker and the API (the bench: --trace-gc, --cpu-prof). */
  nodeArgs?: { worker?: string[]; api?: string[] };
  /** Where the children's output goes: files in `dir`/logs (default), or this process's stdout and stderr. */
  output?: 'files' | 'inherit';
  /** SIGTERM to SIGKILL in close() (default 20 s). */
  stopGraceMs?: number;
  /** Lines about what the stack does (a key created, a part stopped); default silent. */
  log?: (line: string) => void;
}

export interface ProcessStack {
  /** The data folder: SQLite file, keys, principals, ledger, audit and (output 'files') the processes' logs. */
  dir: string;
  apiUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  /** The SQLite file of the dev server. */
  dbFile: string;
  smtp: SmtpServer;
  temporal: ManagedProcess;
  worker: ManagedProcess;
  api: ManagedProcess;
  keys: PayloadKeys;
  /** Whether the stack made the payload key (a new data folder). */
  keysCreated: boolean;
  /** Bearer tokens by label: `centre-PAYOKE`, `immigration-office`, `admin`, `prosecutor-ANTWERPEN`, `prosecutor-CA-ANTWERPEN`... */
  tokens: Record<string, string>;
  /** The development identity provider of the workspace, when started with `workspace`. */
  oidc: { issuer: string; process: ManagedProcess } | null;
  /** A client with the payload codec, on a lazy connection that survives server restarts. */
  client: Client;
  /** The case index in the service's database, as the lists read it (the fault scenarios verify it). */
  caseIndex: CaseIndexStore;
  request(method: string, path: string, req?: ApiRequest): Promise<ApiResponse>;
  /** Stops the API (no new requests), the worker (drains its tasks), Temporal, then the SMTP server. */
  close(): Promise<void>;
}

/** Starts the dev server, then the worker and the API, as child processes, and the SMTP server in this process. */
export async function startProcessStack(options: ProcessStackOptions = {}): Promise<ProcessStack> {
  for (const built of ['worker.js', 'server.js']) {
    if (!existsSync(join(PROJECT_ROOT, 'dist', built)))
      throw new Error(`dist/${built} is missing: run npm run build (or node scripts/setup.mjs)`);
  }
  const say = options.log ?? (() => undefined);
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'victim-cases-proc-'));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keepDir = options.dir !== undefined || (options.keepDir ?? process.env.KEEP_PROCESS_STACK === '1');
  const logs = options.output === 'inherit' ? undefined : join(dir, 'logs');
  if (logs) mkdirSync(logs, { recursive: true });
  const output = (name: string) => (logs ? join(logs, `${name}.log`) : 'inherit');

  const host = options.host ?? '127.0.0.1';
  const temporalPort = options.ports?.temporal ?? (await freePort());
  const temporalHttpPort = options.ports?.temporalHttp ?? (options.ui ? undefined : await freePort());
  const apiPort = options.ports?.api ?? (await freePort());
  const temporalAddress = `${host}:${temporalPort}`;
  const namespace = options.namespace ?? 'default';
  const taskQueue = options.taskQueue ?? 'victim-cases';
  const dbFile = join(dir, 'temporal.sqlite');
  const apiUrl = `http://127.0.0.1:${apiPort}`;

  const smtp = options.smtp instanceof SmtpServer ? options.smtp : new SmtpServer(options.smtp);
  await smtp.start();
  const baseEnv = options.baseEnv ?? bareEnv();
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    ...serviceEnv({ dir, temporalAddress, namespace, taskQueue, smtpPort: smtp.port, apiPort }),
    TEMPORAL_CALL_TIMEOUT_MS: String(options.temporalCallTimeoutMs ?? 3_000),
    RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute ?? 100_000),
    LOG_LEVEL: options.logLevel ?? 'info',
    ...options.env,
  };
  const keysFile = env.PAYLOAD_KEYS_FILE!;
  const { created: keysCreated } = ensureDevPayloadKeys(keysFile);
  if (keysCreated) say(`created a development payload key in ${keysFile} (keep it: cases stored with it need it)`);
  const keys = loadPayloadKeys(keysFile);
  const { tokens } = ensureDevPrincipals(env.PRINCIPALS_FILE!, join(dir, 'dev-tokens.json'));
  const oidc = options.workspace
    ? await devIdentityProvider(options.workspace, dir, env, Object.keys(tokens), output)
    : null;

  let prepared = false;
  const temporal = new ManagedProcess({
    name: 'temporal',
    command: temporalCliPath(),
    args: [
      'server',
      'start-dev',
      ...(options.ui
        ? ['--ui-port', String(options.ui.port), '--ui-codec-endpoint', `http://localhost:${apiPort}/codec`]
        : ['--headless']),
      '--ip',
      host,
      '--port',
      String(temporalPort),
      ...(temporalHttpPort === undefined ? [] : ['--http-port', String(temporalHttpPort)]),
      '--db-filename',
      dbFile,
      '--namespace',
      namespace,
      '--log-level',
      options.temporalLogLevel ?? 'warn',
    ],
    env: baseEnv,
    output: output('temporal'),
    ready: async () => {
      const connection = await waitUntil(
        'the Temporal dev server',
        async () => {
          const c = await Connection.connect({ address: temporalAddress, connectTimeout: 1_000 });
          try {
            await c.workflowService.describeNamespace({ namespace });
            return c;
          } catch (err) {
            await c.close();
            throw err;
          }
        },
        120_000,
        300,
      );
      try {
        // Once: after a restart they must come from the SQLite file.
        if (prepared) return;
        await registerSearchAttributes(connection, namespace);
        if (options.retentionDays !== undefined) {
          await connection.workflowService.updateNamespace({
            namespace,
            config: { workflowExecutionRetentionTtl: { seconds: Long.fromNumber(options.retentionDays * 86_400) } },
          });
        }
        prepared = true;
      } finally {
        await connection.close();
      }
    },
  });

  const caseKeys = openCaseKeys(env.SERVICE_DATABASE!, keys, env.KEY_ENCRYPTION_KEYS_FILE);
  const caseIndex = openCaseIndex(env.SERVICE_DATABASE!, caseKeys);
  const client = new Client({
    connection: Connection.lazy({ address: temporalAddress }),
    namespace,
    dataConverter: dataConverterFor(keys, caseKeys),
  });
  const node = (script: string, flags: string[] = []) => [...flags, join(PROJECT_ROOT, 'dist', script)];
  const worker = new ManagedProcess({
    name: 'worker',
    command: process.execPath,
    args: node('worker.js', options.nodeArgs?.worker),
    env,
    output: output('worker'),
    ready: (p) => workerPolls(client, namespace, taskQueue, p),
  });
  const api = new ManagedProcess({
    name: 'api',
    command: process.execPath,
    args: node('server.js', options.nodeArgs?.api),
    env: { ...env, ...options.apiEnv },
    output: output('api'),
    ready: () => answersOk('the API', apiUrl, '/healthz', 60_000),
  });

  const grace = options.stopGraceMs ?? 20_000;
  let closed: Promise<void> | undefined;
  const stack: ProcessStack = {
    dir,
    apiUrl,
    temporalAddress,
    namespace,
    taskQueue,
    dbFile,
    smtp,
    temporal,
    worker,
    api,
    keys,
    keysCreated,
    tokens,
    oidc,
    client,
    caseIndex,
    request: (method, path, req) => httpRequest(apiUrl, method, path, req),
    close: () =>
      (closed ??= (async () => {
        for (const p of [api, worker, temporal, ...(oidc ? [oidc.process] : [])]) {
          if (!p.running) continue;
          const info = await p.kill('SIGTERM', grace).catch(() => undefined);
          say(info?.signal === 'SIGKILL' ? `${p.name} did not stop within ${grace} ms: killed` : `${p.name} stopped`);
        }
        await client.connection.close().catch(() => undefined);
        await caseIndex.close();
        await caseKeys.close();
        await smtp.stop();
        if (!keepDir) rmSync(dir, { recursive: true, force: true });
      })()),
  };
  try {
    await Promise.all([temporal.start(), oidc?.process.start()]);
    await Promise.all([worker.start(), api.start()]);
  } catch (err) {
    await stack.close().catch(() => undefined);
    throw err;
  }
  return stack;
}
