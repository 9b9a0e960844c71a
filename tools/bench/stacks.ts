import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { openCaseKeys } from '../../src/crypto/case-keys';
import { dataConverterFor } from '../../src/crypto/data-converter';
import { ensureDevPayloadKeys, loadPayloadKeys } from '../../src/crypto/payload-keys';
import { registerSearchAttributes } from '../../src/temporal/register-search-attributes';
import { freePort } from '../stack/free-port';
import { killOnExit, ManagedProcess } from '../stack/managed-process';
import { startProcessStack, type ProcessStack } from '../stack/process-stack';
import { bareEnv, serviceEnv } from '../stack/service-env';
import { startSmtpServer, type SmtpServer } from '../stack/smtp-server';
import { PROJECT_ROOT, temporalTestServerPath } from '../stack/temporal-binaries';
import { waitUntil } from '../stack/wait';
import type { IngestionTarget } from './ingestion';
import { childPidsMatching, readProc } from './proc';

/**
 * The service as its operators run it, on the harness of tools/stack: each part its own process on
 * temp dirs and free loopback ports (the Temporal dev server on SQLite, dist/worker.js,
 * dist/server.js), plus an SMTP server in the bench process that only records Message-IDs. Every
 * child is stopped with SIGTERM (the worker drains, --cpu-prof profiles get written), SIGKILL after
 * a grace period, and killed when the bench process exits whatever the reason.
 */

export const TASK_QUEUE = 'victim-cases-bench';
export const NAMESPACE = 'default';

export interface BenchOptions {
  /** Where --cpu-prof puts the worker's and the API's profiles; no profiling when undefined. */
  cpuProfDir?: string;
  /** The dev stack's worker's WORKER_CACHE_MEMORY_MB; unset, the SDK's default cache. */
  workerCacheMiB?: number | undefined;
  /** The workspace's pages with the development identity provider, and the API's metrics on a port of their own. */
  pagesAndMetrics?: boolean;
}

/** Node flags of a measured process: --trace-gc (the worker, read by GcTrace), --cpu-prof when asked. */
function nodeFlags(name: string, o: BenchOptions, traceGc = false): string[] {
  const flags = traceGc ? ['--trace-gc'] : [];
  if (!o.cpuProfDir) return flags;
  const dir = join(o.cpuProfDir, name);
  mkdirSync(dir, { recursive: true });
  return [...flags, '--cpu-prof', `--cpu-prof-dir=${dir}`];
}

/** The bench's own sender and link base (mail sizes as on a laptop's `npm start`). */
export const BENCH_ENV = { MAIL_FROM: 'case-service@bench.invalid', PUBLIC_BASE_URL: 'http://localhost:3000' };

/** A relay that parses nothing, so that ten thousand mails cost the bench process little. */
export const BENCH_SMTP = { parse: false };
const benchSmtp = () => startSmtpServer(BENCH_SMTP);

/** What a worker said when it began to poll (worker.ts), and its RSS then, before any case. */
export interface WorkerStart {
  /** From the process's start to "worker running". */
  startMs: number;
  maxCachedWorkflows: number;
  idleRssMiB: number | null;
}

/** Read from the worker's log, right after it became ready. */
function workerStart(worker: ManagedProcess): WorkerStart {
  const line = readFileSync(worker.logFile!, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"worker running"'))
    .at(-1);
  const said = JSON.parse(line ?? '{}') as Partial<WorkerStart>;
  const rss = readProc(worker.pid!)?.rssBytes;
  return {
    startMs: said.startMs ?? Number.NaN,
    maxCachedWorkflows: said.maxCachedWorkflows ?? Number.NaN,
    idleRssMiB: rss === undefined ? null : Math.round((rss / 2 ** 20) * 10) / 10,
  };
}

export interface DevStack extends ProcessStack {
  /** Bytes of the SQLite database: the file, its WAL and shared-memory files. */
  dbBytes(): number;
  workerStart: WorkerStart;
  /** The API's Prometheus metrics (`pagesAndMetrics`). */
  metricsUrl?: string;
}

/** Dev server (SQLite) + worker + API as child processes, the SMTP server in this process. */
export async function startDevStack(o: BenchOptions): Promise<DevStack> {
  const metricsAddress = o.pagesAndMetrics ? `127.0.0.1:${await freePort()}` : undefined;
  const stack = await startProcessStack({
    smtp: await benchSmtp(),
    namespace: NAMESPACE,
    taskQueue: TASK_QUEUE,
    temporalLogLevel: 'error',
    // One principal sends everything here; the default 600/min would measure the limiter.
    rateLimitPerMinute: 100_000_000,
    // The service's default: the bench measures the API as it is configured.
    temporalCallTimeoutMs: 5_000,
    env: {
      ...BENCH_ENV,
      ...(o.workerCacheMiB ? { WORKER_CACHE_MEMORY_MB: String(o.workerCacheMiB) } : {}),
    },
    ...(metricsAddress ? { apiEnv: { METRICS_ADDRESS: metricsAddress } } : {}),
    ...(o.pagesAndMetrics ? { workspace: {} } : {}),
    nodeArgs: { worker: nodeFlags('worker', o, true), api: nodeFlags('api', o) },
  });
  const db = stack.dbFile;
  return Object.assign(stack, {
    ...(metricsAddress ? { metricsUrl: `http://${metricsAddress}/metrics` } : {}),
    workerStart: workerStart(stack.worker),
    dbBytes: () =>
      ['', '-wal', '-shm'].reduce((sum, ext) => sum + (existsSync(db + ext) ? statSync(db + ext).size : 0), 0),
  });
}

/** The dev stack as the ingestion's target: one API, one worker, the dev server. */
export const devIngestionTarget = (s: DevStack): IngestionTarget => ({
  apiUrls: [s.apiUrl],
  tokens: s.tokens,
  client: s.client,
  taskQueue: TASK_QUEUE,
  smtp: s.smtp,
  pids: { temporal: s.temporal.pid!, worker: s.worker.pid!, api: s.api.pid! },
});

export interface TimeSkippingStack {
  env: TestWorkflowEnvironment;
  client: Client;
  smtp: SmtpServer;
  worker: ManagedProcess;
  /** Pid of the time-skipping server the SDK started, when found. */
  serverPid: number | undefined;
  workerStart: WorkerStart;
  stop(): Promise<void>;
}

/** The real time-skipping test server (pinned binary), with dist/worker.js as its own process and the SMTP server. */
export async function startTimeSkippingStack(o: BenchOptions): Promise<TimeSkippingStack> {
  const dir = mkdtempSync(join(tmpdir(), 'victim-cases-bench-ts-'));
  const smtp = await benchSmtp();
  const before = new Set(childPidsMatching('temporal-test-server'));
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
  const serverPid = childPidsMatching('temporal-test-server').find((pid) => !before.has(pid));
  const forget = serverPid ? killOnExit(serverPid) : () => undefined;
  const service = serviceEnv({
    dir,
    temporalAddress: env.address,
    namespace: NAMESPACE,
    taskQueue: TASK_QUEUE,
    smtpPort: smtp.port,
  });
  const keysFile = service.PAYLOAD_KEYS_FILE!;
  ensureDevPayloadKeys(keysFile);
  const worker = new ManagedProcess({
    name: 'worker',
    command: process.execPath,
    args: [...nodeFlags('worker-time-skipping', o, true), join(PROJECT_ROOT, 'dist', 'worker.js')],
    env: { ...bareEnv(), ...service, ...BENCH_ENV },
    output: join(dir, 'worker.log'),
    // The worker logs "worker running" once it polls.
    ready: (p) =>
      waitUntil('the worker', () => readFileSync(p.logFile!, 'utf8').includes('"worker running"'), 120_000, 100).then(
        () => undefined,
      ),
  });
  const stop = async () => {
    if (worker.running) await worker.kill('SIGTERM', 20_000);
    await env.teardown();
    forget();
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await registerSearchAttributes(env.connection, NAMESPACE);
    await worker.start();
    const caseKeys = openCaseKeys(
      service.SERVICE_DATABASE!,
      loadPayloadKeys(keysFile),
      service.KEY_ENCRYPTION_KEYS_FILE,
    );
    const client = new Client({
      connection: env.connection,
      namespace: NAMESPACE,
      dataConverter: dataConverterFor(loadPayloadKeys(keysFile), caseKeys),
    });
    return {
      env,
      client,
      smtp,
      worker,
      serverPid,
      workerStart: workerStart(worker),
      stop: () => stop().finally(() => caseKeys.close()),
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
