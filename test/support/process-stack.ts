/**
 * The service as it runs in production, one OS process per part: the Temporal
 * CLI dev server on a SQLite file, `node dist/worker.js`, `node dist/server.js`,
 * and an SMTP server in this process that can be slowed, refused, stopped and
 * reopened on the same port. Each part can be killed (SIGKILL or SIGTERM) and
 * started again with the same files and ports, so the fault tests and
 * `npm run reliability` hit real crashes rather than mocks.
 *
 * No jest in here: bench/reliability.ts uses it too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { readAll } from './smtp-sink';
import { dataConverterFor } from '../../src/crypto/data-converter';
import { ensureDevPayloadKeys, loadPayloadKeys, type PayloadKeys } from '../../src/crypto/payload-keys';
import { ensureDevPrincipals } from '../../src/dev/dev-principals';
import { PROJECT_ROOT, temporalCliPath } from '../../src/dev/temporal-binaries';
import { registerSearchAttributes } from '../../src/temporal/search-attributes';

const { TaskQueueType } = proto.api.enums.v1;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A free TCP port on loopback (released at once; the caller binds it soon after). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitUntil<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    }
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------------------------

const LIVE_CHILDREN = new Set<ChildProcess>();
let exitHookInstalled = false;

/** SIGKILLs every child any stack started (for a runner's own SIGINT/SIGTERM handler). */
export function killAllChildren(): void {
  LIVE_CHILDREN.forEach((p) => p.kill('SIGKILL'));
}

function trackChild(proc: ChildProcess): void {
  LIVE_CHILDREN.add(proc);
  proc.once('exit', () => LIVE_CHILDREN.delete(proc));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A test runner that dies leaves no server, worker or API behind.
    process.once('exit', () => LIVE_CHILDREN.forEach((p) => p.kill('SIGKILL')));
  }
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One child process that can be started, killed and started again with the same command and environment. */
export class ManagedProcess {
  private proc: ChildProcess | undefined;
  private exit: Promise<ExitInfo> | undefined;
  private log: WriteStream;
  /** Recent stdout/stderr lines, for readiness checks and failure messages. */
  readonly lines: string[] = [];
  starts = 0;

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
    readonly logFile: string,
    private readonly ready: (p: ManagedProcess) => Promise<void>,
  ) {
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  get running(): boolean {
    return !!this.proc && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** Spawns the process and resolves once it is ready; a process that exits first fails with its last lines. */
  async start(timeoutMs = 120_000): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.starts += 1;
    this.log.write(`\n----- start #${this.starts} ${new Date().toISOString()} -----\n`);
    const proc = spawn(this.command, this.args, { cwd: PROJECT_ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    trackChild(proc);
    this.proc = proc;
    this.exit = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
    const onData = (chunk: Buffer) => {
      this.log.write(chunk);
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        this.lines.push(line);
        if (this.lines.length > 400) this.lines.splice(0, this.lines.length - 400);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    const exited = this.exit.then((e) => {
      throw new Error(`${this.name} exited during start-up (${e.signal ?? e.code}); last lines:\n${this.lines.slice(-15).join('\n')}`);
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.name} not ready after ${timeoutMs} ms; last lines:\n${this.lines.slice(-15).join('\n')}`)), timeoutMs);
    });
    try {
      await Promise.race([this.ready(this), exited, timeout]);
    } catch (err) {
      if (this.running) await this.kill('SIGKILL');
      throw err;
    } finally {
      clearTimeout(timer);
      exited.catch(() => undefined);
    }
  }

  /** Sends the signal and waits for the exit (SIGKILL after `forceAfterMs` when a gentler signal is ignored). */
  async kill(signal: NodeJS.Signals = 'SIGKILL', forceAfterMs = 60_000): Promise<ExitInfo> {
    const proc = this.proc;
    if (!proc || !this.exit) throw new Error(`${this.name} was never started`);
    if (!this.running) return this.exit;
    proc.kill(signal);
    const force = signal === 'SIGKILL' ? undefined : setTimeout(() => proc.kill('SIGKILL'), forceAfterMs);
    const info = await this.exit;
    clearTimeout(force);
    this.log.write(`\n----- exited (${info.signal ?? info.code}) after ${signal} ${new Date().toISOString()} -----\n`);
    return info;
  }

  /** Sends a signal without waiting (SIGTERM to watch a graceful shutdown, SIGSTOP/SIGCONT to pause). */
  signal(signal: NodeJS.Signals): void {
    if (!this.proc || !this.running) throw new Error(`${this.name} is not running`);
    this.proc.kill(signal);
  }

  /** Resolves when the process exits by itself (or was killed). */
  exited(): Promise<ExitInfo> {
    if (!this.exit) throw new Error(`${this.name} was never started`);
    return this.exit;
  }

  closeLog(): Promise<void> {
    return new Promise((resolve) => this.log.end(() => resolve()));
  }
}

// ---------------------------------------------------------------------------------------------
// SMTP server that can fail
// ---------------------------------------------------------------------------------------------

export interface Delivery {
  messageId: string;
  to: string[];
  subject: string;
  at: number;
}

export interface FaultySmtpOptions {
  /** Answer 550 to RCPT TO for these addresses: a permanent refusal. */
  rejectRecipients?: (address: string) => boolean;
  /** Delay before the 250 that accepts a mail's DATA, i.e. how slow the relay is (mutable later). */
  delayMs?: number;
}

/**
 * A relay that can be slowed (`delayMs`), made to refuse sessions with 421
 * (`refusing`), stopped (connection refused) and reopened on the same port.
 * A mail counts as delivered when the 250 after its DATA goes out, as for a
 * real relay: a session that drops before that delivered nothing.
 */
export class FaultySmtp {
  port = 0;
  delayMs: number;
  refusing = false;
  /** While true, mails wait after their DATA for their 250 (a relay that stalls); see `lastAcceptedAt`. */
  holding = false;
  /** When the last 250 after a DATA went out. */
  lastAcceptedAt = 0;
  readonly deliveries: Delivery[] = [];
  /** RCPT TO attempts per address, refused ones included. */
  readonly rcptAttempts = new Map<string, number>();
  /** Sessions currently between DATA and their 250. */
  inData = 0;
  private server: SMTPServer | undefined;
  private closedSessions = new Set<string>();

  constructor(private readonly options: FaultySmtpOptions = {}) {
    this.delayMs = options.delayMs ?? 0;
  }

  /** Listens on `port` (first time: a free one; later: the same one). */
  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      disableReverseLookup: true,
      closeTimeout: 100,
      onConnect: (_session, callback) => {
        callback(this.refusing ? Object.assign(new Error('service not available, try again later'), { responseCode: 421 }) : null);
      },
      onRcptTo: (address, _session, callback) => {
        this.rcptAttempts.set(address.address, (this.rcptAttempts.get(address.address) ?? 0) + 1);
        const refuse = this.options.rejectRecipients?.(address.address);
        callback(refuse ? Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }) : null);
      },
      onData: (stream, session, callback) => {
        this.inData += 1;
        readAll(stream)
          .then(async (source) => {
            const parsed = await simpleParser(source);
            if (this.delayMs > 0) await sleep(this.delayMs);
            while (this.holding && !this.closedSessions.has(session.id) && this.server === server) await sleep(20);
            // Let pending socket events (a client that died meanwhile) be seen before answering.
            await new Promise((r) => setImmediate(r));
            // The client went away (killed, or the relay stopped) before the 250: nothing was delivered.
            if (this.closedSessions.has(session.id) || this.server !== server) {
              callback(Object.assign(new Error('session closed'), { responseCode: 451 }));
              return;
            }
            this.lastAcceptedAt = Date.now();
            this.deliveries.push({
              messageId: parsed.messageId ?? '(none)',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              at: Date.now(),
            });
            callback();
          })
          .catch((err: Error) => callback(err))
          .finally(() => {
            this.inData -= 1;
          });
      },
      onClose: (session) => {
        this.closedSessions.add(session.id);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined);
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /** The relay goes away: no new connections, and open sessions are cut. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const connections = (server as unknown as { connections: Set<{ close(): void }> }).connections;
    connections.forEach((c) => c.close());
    await closed;
  }
}


// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

export interface ApiResponse {
  /** 0 when no HTTP answer came (connection refused or reset, timeout). */
  status: number;
  body: unknown;
  headers: Headers | undefined;
  error?: string;
  ms: number;
}

export interface ApiRequest {
  token?: string;
  body?: unknown;
  /** Sent as it is (e.g. broken JSON), instead of `body`. */
  rawBody?: string;
  idempotencyKey?: string;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** One HTTP request; network failures come back as status 0 rather than throwing. */
export async function httpRequest(baseUrl: string, method: string, path: string, req: ApiRequest = {}): Promise<ApiResponse> {
  const started = performance.now();
  const headers: Record<string, string> = { ...req.headers };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  if (req.idempotencyKey) headers['idempotency-key'] = req.idempotencyKey;
  if (req.body !== undefined || req.rawBody !== undefined) headers['content-type'] ??= 'application/json';
  try {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: req.rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body)),
      signal: AbortSignal.timeout(req.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body, headers: res.headers, ms: performance.now() - started };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return { status: 0, body: undefined, headers: undefined, error: cause?.code ?? (err as Error).name, ms: performance.now() - started };
  }
}

// ---------------------------------------------------------------------------------------------
// The stack
// ---------------------------------------------------------------------------------------------

export interface ProcessStackOptions {
  smtp?: FaultySmtpOptions;
  /** TEMPORAL_CALL_TIMEOUT_MS of the API (default 3000: an outage is a quick 503). */
  temporalCallTimeoutMs?: number;
  /** RATE_LIMIT_PER_MINUTE of the API (default 100000: the fault runs are not about rate limits). */
  rateLimitPerMinute?: number;
  /** LOG_LEVEL of the worker and the API (default info; the logs go to files in `dir`). */
  logLevel?: string;
  /** Task queue (default victim-cases). */
  taskQueue?: string;
  /** Keep the temporary directory after close (default: removed unless KEEP_PROCESS_STACK=1). */
  keepDir?: boolean;
}

export interface ProcessStack {
  /** Temporary directory with the SQLite file, keys, principals, ledger, audit and the processes' logs. */
  dir: string;
  apiUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  smtp: FaultySmtp;
  temporal: ManagedProcess;
  worker: ManagedProcess;
  api: ManagedProcess;
  keys: PayloadKeys;
  /** Bearer tokens by label: `centre-PAYOKE`, `immigration-office`, `admin`, `prosecutor-ANTWERPEN`, `prosecutor-CA-ANTWERPEN`... */
  tokens: Record<string, string>;
  /** A client with the payload codec, on a lazy connection that survives server restarts. */
  client: Client;
  request(method: string, path: string, req?: ApiRequest): Promise<ApiResponse>;
  close(): Promise<void>;
}

const DIRECTORY_FILE = join(PROJECT_ROOT, 'config', 'dev', 'directory.json');

/** Starts the dev server, the worker and the API as child processes, and the SMTP server in this process. */
export async function startProcessStack(options: ProcessStackOptions = {}): Promise<ProcessStack> {
  for (const built of ['worker.js', 'server.js']) {
    if (!existsSync(join(PROJECT_ROOT, 'dist', built))) throw new Error(`dist/${built} is missing: run npm run build (or node scripts/setup.mjs)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'victim-cases-proc-'));
  mkdirSync(join(dir, 'logs'));
  const keysFile = join(dir, 'payload-keys.json');
  ensureDevPayloadKeys(keysFile);
  const keys = loadPayloadKeys(keysFile);
  const principalsFile = join(dir, 'principals.json');
  const { tokens } = ensureDevPrincipals(principalsFile, join(dir, 'tokens.json'));

  const smtp = new FaultySmtp(options.smtp);
  await smtp.start();
  const [temporalPort, httpPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const temporalAddress = `127.0.0.1:${temporalPort}`;
  const namespace = 'default';
  const taskQueue = options.taskQueue ?? 'victim-cases';

  let searchAttributesRegistered = false;
  const temporal = new ManagedProcess(
    'temporal',
    temporalCliPath(),
    [
      'server', 'start-dev', '--headless',
      '--ip', '127.0.0.1',
      '--port', String(temporalPort),
      '--http-port', String(httpPort),
      '--db-filename', join(dir, 'temporal.sqlite'),
      '--log-level', 'warn',
    ],
    process.env,
    join(dir, 'logs', 'temporal.log'),
    async () => {
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
        60_000,
        300,
      );
      try {
        // Once: after a restart they must come from the SQLite file.
        if (!searchAttributesRegistered) await registerSearchAttributes(connection, namespace);
        searchAttributesRegistered = true;
      } finally {
        await connection.close();
      }
    },
  );

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    HTTP_PORT: String(apiPort),
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_SECURE: 'false',
    MAIL_FROM: 'case-service@test.invalid',
    PRINCIPALS_FILE: principalsFile,
    DIRECTORY_FILE,
    PUBLIC_BASE_URL: `http://127.0.0.1:${apiPort}`,
    PAYLOAD_KEYS_FILE: keysFile,
    AUDIT_LOG_FILE: join(dir, 'audit.jsonl'),
    MAIL_LEDGER_FILE: join(dir, 'sent-notices.jsonl'),
    TEMPORAL_CALL_TIMEOUT_MS: String(options.temporalCallTimeoutMs ?? 3_000),
    RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute ?? 100_000),
    LOG_LEVEL: options.logLevel ?? 'info',
  };
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const client = new Client({ connection: Connection.lazy({ address: temporalAddress }), namespace, dataConverter: dataConverterFor(keys) });
  // Ready when this very process (its pid is in the poller identity) polls both the workflow and the activity queue.
  const worker = new ManagedProcess('worker', process.execPath, [join(PROJECT_ROOT, 'dist', 'worker.js')], env, join(dir, 'logs', 'worker.log'), (p) =>
    waitUntil(
      'the worker to poll its task queue',
      async () => {
        for (const taskQueueType of [TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY]) {
          const { pollers } = await client.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue }, taskQueueType });
          if (!pollers?.some((poller) => poller.identity?.startsWith(`${p.pid}@`))) return false;
        }
        return true;
      },
      180_000,
      250,
    ).then(() => undefined),
  );
  const api = new ManagedProcess('api', process.execPath, [join(PROJECT_ROOT, 'dist', 'server.js')], env, join(dir, 'logs', 'api.log'), async () => {
    await waitUntil('the API', async () => (await httpRequest(apiUrl, 'GET', '/healthz', { timeoutMs: 1_000 })).status === 200, 60_000, 100);
  });

  const stack: ProcessStack = {
    dir,
    apiUrl,
    temporalAddress,
    namespace,
    taskQueue,
    smtp,
    temporal,
    worker,
    api,
    keys,
    tokens,
    client,
    request: (method, path, req) => httpRequest(apiUrl, method, path, req),
    async close() {
      // As the dev stack stops: API, worker, Temporal, mail.
      for (const p of [api, worker, temporal]) {
        if (p.running) await p.kill('SIGTERM', 20_000).catch(() => undefined);
      }
      await client.connection.close().catch(() => undefined);
      await smtp.stop();
      await Promise.all([api, worker, temporal].map((p) => p.closeLog()));
      if (!(options.keepDir ?? process.env.KEEP_PROCESS_STACK === '1')) rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await temporal.start();
    await Promise.all([worker.start(), api.start()]);
  } catch (err) {
    await stack.close().catch(() => undefined);
    throw err;
  }
  return stack;
}
