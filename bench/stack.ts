import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { dataConverterFor } from '../src/crypto/data-converter';
import { ensureDevPayloadKeys, loadPayloadKeys, type PayloadKeys } from '../src/crypto/payload-keys';
import { ensureDevPrincipals } from '../src/dev/dev-principals';
import { PROJECT_ROOT, temporalCliPath, temporalTestServerPath } from '../src/dev/temporal-binaries';
import { registerSearchAttributes } from '../src/temporal/search-attributes';
import { startBenchSmtpSink, type BenchSmtpSink } from './smtp-sink';

/**
 * The service as its operators run it, each part its own process on temp dirs and free
 * loopback ports: the Temporal dev server (SQLite), dist/worker.js, dist/server.js; plus
 * an SMTP server in the bench process. Every child is stopped with SIGTERM (the worker
 * drains, --cpu-prof profiles get written), SIGKILL after a grace period, and killed
 * when the bench process exits whatever the reason.
 */

export const TASK_QUEUE = 'victim-cases-bench';
export const NAMESPACE = 'default';
const say = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------

const live = new Set<ChildProcess>();
const livePids = new Set<number>();
process.once('exit', () => {
  for (const proc of live) proc.kill('SIGKILL');
  for (const pid of livePids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
// Interrupted: 'exit' runs (and kills the children) only on an orderly exit, so make it one.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

export interface BenchProcess {
  name: string;
  proc: ChildProcess;
  pid: number;
  logFile: string;
  /** The last lines of the process's output, for error messages. */
  tail(lines?: number): string;
  stop(graceMs?: number): Promise<void>;
}

function launch(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, logDir: string): BenchProcess {
  const logFile = join(logDir, `${name}.log`);
  const fd = openSync(logFile, 'a');
  const proc = spawn(cmd, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  if (proc.pid === undefined) throw new Error(`${name} did not start (${cmd})`);
  live.add(proc);
  proc.once('exit', () => live.delete(proc));
  const tail = (lines = 15) => {
    try {
      return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  return {
    name,
    proc,
    pid: proc.pid,
    logFile,
    tail,
    async stop(graceMs = 20_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => {
        say(`${name} did not stop within ${graceMs} ms; killing it`);
        proc.kill('SIGKILL');
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

function assertRunning(p: BenchProcess): void {
  if (p.proc.exitCode !== null || p.proc.signalCode !== null) {
    throw new Error(`${p.name} exited (${p.proc.signalCode ?? p.proc.exitCode}); its last output:\n${p.tail()}`);
  }
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, p?: BenchProcess): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    if (p) assertRunning(p);
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`${what} not ready within ${timeoutMs} ms${why}${p ? `\n${p.tail()}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

// ---------------------------------------------------------------------------------------------
// /proc sampling
// ---------------------------------------------------------------------------------------------

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

export interface ProcReading {
  /** Resident set size now, and its peak so far (VmHWM). */
  rssBytes: number;
  peakRssBytes: number;
  /** User + system CPU time since the process started. */
  cpuSeconds: number;
}

/** RSS from /proc/<pid>/status, CPU from fields 14-15 (utime, stime) of /proc/<pid>/stat; undefined once the process is gone. */
export function readProc(pid: number): ProcReading | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM'), cpuSeconds: ticks / ticksPerSecond() };
  } catch {
    return undefined;
  }
}

/** Pids of this process's children whose command line contains `needle` (the time-skipping server the SDK spawns). */
export function childPidsMatching(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * The V8 heap still live after the latest full (Mark-Compact) collection of each isolate of a process
 * started with --trace-gc, read from its log: RSS alone cannot tell retained memory from garbage that a
 * 4 GiB heap limit lets V8 keep. The worker's workflows run in a thread of their own (one more isolate).
 */
export class GcTrace {
  private offset = 0;
  private partial = '';
  private readonly lastAfterMiB = new Map<string, number>();

  constructor(private readonly logFile: string) {}

  /** Sum over isolates of the heap after their latest Mark-Compact, or null before the first one. */
  liveHeapMiB(): number | null {
    let fd: number | undefined;
    try {
      fd = openSync(this.logFile, 'r');
      const size = fstatSync(fd).size;
      if (size > this.offset) {
        const buf = Buffer.alloc(size - this.offset);
        readSync(fd, buf, 0, buf.length, this.offset);
        this.offset = size;
        const text = this.partial + buf.toString('latin1');
        const cut = text.lastIndexOf('\n') + 1;
        this.partial = text.slice(cut);
        for (const m of text.slice(0, cut).matchAll(/\[\d+:(0x[0-9a-f]+)\]\s+\d+ ms: Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(/g)) {
          this.lastAfterMiB.set(m[1]!, Number(m[2]));
        }
      }
    } catch {
      return null;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    if (this.lastAfterMiB.size === 0) return null;
    return Math.round([...this.lastAfterMiB.values()].reduce((a, b) => a + b, 0) * 10) / 10;
  }
}

export interface Sample {
  /** Seconds since the sampler started. */
  t: number;
  /** Per process name: RSS in MiB and CPU use over the last interval in % of one core. */
  procs: Record<string, { rssMiB: number; cpuPct: number }>;
  /** Anything else the section wants on its timeline (e.g. cases opened so far). */
  marks: Record<string, number>;
}

/** Samples the given processes every `intervalMs`, with the section's own counters, until stopped. */
export class ProcSampler {
  readonly samples: Sample[] = [];
  private readonly started = performance.now();
  private readonly first = new Map<string, ProcReading>();
  private readonly last = new Map<string, { reading: ProcReading; at: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pids: Record<string, number>,
    private readonly marks: () => Record<string, number> = () => ({}),
    intervalMs = 1_000,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): Sample {
    const now = performance.now();
    const procs: Sample['procs'] = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      const reading = readProc(pid);
      if (!reading) continue;
      if (!this.first.has(name)) this.first.set(name, reading);
      const prev = this.last.get(name);
      const cpuPct = prev && now > prev.at ? ((reading.cpuSeconds - prev.reading.cpuSeconds) / ((now - prev.at) / 1000)) * 100 : 0;
      this.last.set(name, { reading, at: now });
      procs[name] = { rssMiB: Math.round((reading.rssBytes / 2 ** 20) * 10) / 10, cpuPct: Math.round(cpuPct) };
    }
    const s: Sample = { t: Math.round((now - this.started) / 100) / 10, procs, marks: this.marks() };
    this.samples.push(s);
    return s;
  }

  /** Stops sampling; per process: CPU seconds used while sampled, RSS at the end and its peak (VmHWM). */
  stop(): Record<string, { cpuSeconds: number; rssMiBEnd: number; peakRssMiB: number; maxSampledRssMiB: number }> {
    this.sample();
    clearInterval(this.timer);
    const out: ReturnType<ProcSampler['stop']> = {};
    for (const [name, first] of this.first) {
      const last = this.last.get(name)!.reading;
      out[name] = {
        cpuSeconds: Math.round((last.cpuSeconds - first.cpuSeconds) * 100) / 100,
        rssMiBEnd: Math.round((last.rssBytes / 2 ** 20) * 10) / 10,
        peakRssMiB: Math.round((last.peakRssBytes / 2 ** 20) * 10) / 10,
        maxSampledRssMiB: Math.max(...this.samples.map((s) => s.procs[name]?.rssMiB ?? 0)),
      };
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// The parts
// ---------------------------------------------------------------------------------------------

export interface BenchOptions {
  /** Where --cpu-prof puts the worker's and the API's profiles; no profiling when undefined. */
  cpuProfDir?: string;
}

interface Shared {
  dir: string;
  keysFile: string;
  keys: PayloadKeys;
  smtp: BenchSmtpSink;
}

async function shared(prefix: string): Promise<Shared> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const keysFile = join(dir, 'payload-keys.json');
  ensureDevPayloadKeys(keysFile);
  return { dir, keysFile, keys: loadPayloadKeys(keysFile), smtp: await startBenchSmtpSink() };
}

function nodeArgs(script: string, name: string, o: BenchOptions, traceGc = false): string[] {
  const flags = traceGc ? ['--trace-gc'] : [];
  if (!o.cpuProfDir) return [...flags, script];
  const dir = join(o.cpuProfDir, name);
  mkdirSync(dir, { recursive: true });
  return [...flags, '--cpu-prof', `--cpu-prof-dir=${dir}`, script];
}

/** The worker's environment: everything it reads, so nothing leaks in from the caller's shell. */
function serviceEnv(s: Shared, address: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: NAMESPACE,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(s.smtp.port),
    SMTP_SECURE: 'false',
    MAIL_FROM: 'case-service@bench.invalid',
    DIRECTORY_FILE: join(PROJECT_ROOT, 'config', 'dev', 'directory.json'),
    PUBLIC_BASE_URL: 'http://localhost:3000',
    PAYLOAD_KEYS_FILE: s.keysFile,
    MAIL_LEDGER_FILE: join(s.dir, 'sent-notices.jsonl'),
    AUDIT_LOG_FILE: join(s.dir, 'audit.jsonl'),
    PRINCIPALS_FILE: join(s.dir, 'principals.json'),
    // As operators run it: info, to a file (here the process's own log file).
    LOG_LEVEL: 'info',
    ...extra,
  };
}

async function startWorker(s: Shared, address: string, o: BenchOptions, profName: string): Promise<BenchProcess> {
  // --trace-gc: one log line per collection, so the bench can read the live heap (GcTrace).
  const args = nodeArgs(join(PROJECT_ROOT, 'dist', 'worker.js'), profName, o, true);
  const worker = launch('worker', process.execPath, args, serviceEnv(s, address, {}), s.dir);
  // The worker logs "worker running" once it polls (after bundling the workflow code).
  await until('worker', 120_000, async () => (readFileSync(worker.logFile, 'utf8').includes('"worker running"') ? true : undefined), worker);
  return worker;
}

const clientFor = (connection: Connection, keys: PayloadKeys) =>
  new Client({ connection, namespace: NAMESPACE, dataConverter: dataConverterFor(keys) });

export interface DevStack {
  dir: string;
  address: string;
  apiUrl: string;
  /** Bearer tokens of the dev principals ('centre-PAYOKE', 'immigration-office', 'prosecutor-ANTWERPEN', ...). */
  tokens: Record<string, string>;
  /** A client with the service's encrypting data converter, as the API's. */
  client: Client;
  smtp: BenchSmtpSink;
  server: BenchProcess;
  worker: BenchProcess;
  api: BenchProcess;
  /** Bytes of the SQLite database: the file, its WAL and shared-memory files. */
  dbBytes(): number;
  stop(): Promise<void>;
}

/** Dev server (SQLite) + worker + API as child processes, an SMTP sink in this process. */
export async function startDevStack(o: BenchOptions): Promise<DevStack> {
  const s = await shared('victim-cases-bench-dev-');
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const dbFile = join(s.dir, 'temporal.sqlite');
  const server = launch(
    'temporal',
    temporalCliPath(),
    ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--headless', '--db-filename', dbFile, '--log-level', 'error'],
    { PATH: process.env.PATH, HOME: process.env.HOME },
    s.dir,
  );
  let worker: BenchProcess | undefined;
  let api: BenchProcess | undefined;
  let connection: Connection | undefined;
  const stop = async () => {
    // API first (no new requests), then the worker (drains its tasks), then Temporal, as npm start does.
    await api?.stop();
    await worker?.stop();
    await connection?.close();
    await server.stop();
    await s.smtp.close();
    rmSync(s.dir, { recursive: true, force: true });
  };
  try {
    connection = await until(
      'Temporal dev server',
      60_000,
      async () => {
        const c = await Connection.connect({ address, connectTimeout: 1_000 });
        try {
          await c.workflowService.describeNamespace({ namespace: NAMESPACE });
          return c;
        } catch (err) {
          await c.close();
          throw err;
        }
      },
      server,
    );
    await registerSearchAttributes(connection, NAMESPACE);
    const { tokens } = ensureDevPrincipals(join(s.dir, 'principals.json'), join(s.dir, 'dev-tokens.json'));
    worker = await startWorker(s, address, o, 'worker');
    const httpPort = await freePort();
    api = launch(
      'api',
      process.execPath,
      nodeArgs(join(PROJECT_ROOT, 'dist', 'server.js'), 'api', o),
      serviceEnv(s, address, {
        HTTP_PORT: String(httpPort),
        // One principal sends everything here; the default 600/min would measure the limiter.
        RATE_LIMIT_PER_MINUTE: '100000000',
      }),
      s.dir,
    );
    const apiUrl = `http://127.0.0.1:${httpPort}`;
    await until('API', 60_000, async () => ((await fetch(`${apiUrl}/readyz`)).ok ? true : undefined), api);
    const started = { server, worker, api, connection };
    return {
      dir: s.dir,
      address,
      apiUrl,
      tokens,
      client: clientFor(started.connection, s.keys),
      smtp: s.smtp,
      ...started,
      dbBytes: () => ['', '-wal', '-shm'].reduce((sum, ext) => sum + (existsSync(dbFile + ext) ? statSync(dbFile + ext).size : 0), 0),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface TimeSkippingStack {
  env: TestWorkflowEnvironment;
  client: Client;
  smtp: BenchSmtpSink;
  worker: BenchProcess;
  /** Pid of the time-skipping server the SDK started, when found. */
  serverPid: number | undefined;
  stop(): Promise<void>;
}

/** The real time-skipping test server (pinned binary), with dist/worker.js as its own process and the SMTP sink. */
export async function startTimeSkippingStack(o: BenchOptions): Promise<TimeSkippingStack> {
  const s = await shared('victim-cases-bench-ts-');
  const before = new Set(childPidsMatching('temporal-test-server'));
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
  const serverPid = childPidsMatching('temporal-test-server').find((pid) => !before.has(pid));
  if (serverPid) livePids.add(serverPid);
  let worker: BenchProcess | undefined;
  const stop = async () => {
    await worker?.stop();
    await env.teardown();
    if (serverPid) livePids.delete(serverPid);
    await s.smtp.close();
    rmSync(s.dir, { recursive: true, force: true });
  };
  try {
    await registerSearchAttributes(env.connection, NAMESPACE);
    worker = await startWorker(s, env.address, o, 'worker-time-skipping');
    return { env, client: clientFor(env.connection, s.keys), smtp: s.smtp, worker, serverPid, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
