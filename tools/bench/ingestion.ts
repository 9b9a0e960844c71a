import type { Client } from '@temporalio/client';
import { dateAt } from '../../src/domain/calendar';
import type { SmtpServer } from '../stack/smtp-server';
import { readProc, readProcTree } from './proc';
import { ratio, runPool, summarize, type LatencySummary } from './stats';
import { ApiClient, IMMIGRATION_ACTOR, noticeOf, numberedOpening, rawEvent, rawOpen } from './workload';
import { annex15Issued } from '../../test/support/fixtures';

export type Path = 'api' | 'raw';

export interface IngestionParams {
  /** N: cases opened per path and round. */
  cases: number;
  /** M: events recorded per path and round, spread round-robin over the N cases. */
  events: number;
  /** C: operations in flight. */
  concurrency: number;
  /** Rounds; the order of the two paths alternates (API first, then raw first), latencies pooled. */
  rounds: number;
  /** Operations per path and kind run first and not measured (JIT, connections, worker cache). */
  warmup: number;
}

export interface OpResult {
  ops: number;
  errors: number;
  firstError: string | null;
  wallMs: number;
  throughputPerSec: number;
  /** Successful operations. */
  latencyMs: LatencySummary;
  /** Every operation, failed ones included (up to the failure): the API's deadline (TEMPORAL_CALL_TIMEOUT_MS) cuts its tail into 503s. */
  latencyAllMs: LatencySummary;
}

/** API ÷ raw: throughput (target ≥ 0.95) and p99 latency (target ≤ 1.1). */
export interface PathRatios {
  openThroughput: number | null;
  openP99: number | null;
  eventThroughput: number | null;
  eventP99: number | null;
}

/** One round's figures: the two paths ran back to back, so a round compares them under the same machine load. */
export interface IngestionRound {
  api: { open: OpResult; event: OpResult };
  raw: { open: OpResult; event: OpResult };
  ratios: PathRatios;
  cpuSeconds: Record<Path, Record<string, number>>;
}

export interface IngestionResult {
  params: IngestionParams;
  /** Every round's operations pooled. */
  api: { open: OpResult; event: OpResult };
  raw: { open: OpResult; event: OpResult };
  ratios: PathRatios;
  /** CPU seconds each process used during the measured phases of each path (the bench process is the load generator). */
  cpuSeconds: Record<Path, Record<string, number>>;
  rounds: IngestionRound[];
  /** When the measured phases ran (CLOCK_MONOTONIC µs, the clock of V8's profiles): what --cpu-prof is summarised over. */
  measuredWindowsUs: [number, number][];
}

/** Where the ingestion runs: the dev stack, or the cluster with its two APIs behind one another. */
export interface IngestionTarget {
  /** The API processes; requests go to them in turn, as a load balancer spreads them. */
  apiUrls: string[];
  tokens: Record<string, string>;
  /** The raw path's client, with the codec. */
  client: Client;
  taskQueue: string;
  smtp: SmtpServer;
  /** The processes whose CPU each path costs, by name (the bench process is added). */
  pids: Record<string, number>;
  /** Names among `pids` counted with their descendants (PostgreSQL's backends). */
  trees?: string[];
}

interface Pooled {
  latencies: number[];
  failed: number[];
  errors: number;
  firstError: string | null;
  wallMs: number;
}

/** Now on CLOCK_MONOTONIC in µs: process.hrtime and V8's profile timestamps share that clock across processes. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

function finish(p: Pooled): OpResult {
  const ops = p.latencies.length;
  return {
    ops,
    errors: p.errors,
    firstError: p.firstError,
    wallMs: Math.round(p.wallMs),
    throughputPerSec: p.wallMs > 0 ? (ops / p.wallMs) * 1000 : 0,
    latencyMs: summarize(p.latencies),
    latencyAllMs: summarize([...p.latencies, ...p.failed]),
  };
}

/**
 * Opens N cases and records M events at concurrency C through the HTTP API (centre token for
 * POST /v1/cases, Immigration Office token for POST /v1/cases/{id}/events), then the same through
 * the raw Temporal client (start + executeUpdate), on the same Temporal and workers.
 */
export async function runIngestion(
  stack: IngestionTarget,
  params: IngestionParams,
  log: (m: string) => void,
): Promise<IngestionResult> {
  const apis = stack.apiUrls.map((url) => new ApiClient(url));
  const api = (i: number) => apis[i % apis.length]!;
  const centreToken = stack.tokens['centre-PAYOKE']!;
  const ioToken = stack.tokens['immigration-office']!;
  const today = dateAt(Date.now());
  const event = annex15Issued(today);

  const open: Record<Path, (i: number) => Promise<string>> = {
    api: async (i) => (await api(i).openCase(centreToken, numberedOpening(today, i))).caseId,
    raw: async (i) => (await rawOpen(stack.client, numberedOpening(today, i), { taskQueue: stack.taskQueue })).caseId,
  };
  const record: Record<Path, (caseId: string, i: number) => Promise<unknown>> = {
    api: (caseId, i) => api(i).recordEvent(ioToken, caseId, event),
    raw: (caseId) => rawEvent(stack.client, caseId, IMMIGRATION_ACTOR, event),
  };

  const pooled = {
    api: { open: newPool(), event: newPool() },
    raw: { open: newPool(), event: newPool() },
  };
  const rounds: IngestionRound[] = [];
  const measuredWindowsUs: [number, number][] = [];

  const pids: Record<string, number> = { ...stack.pids, bench: process.pid };
  const cpuSeconds: Record<Path, Record<string, number>> = { api: {}, raw: {} };
  const read = (name: string, pid: number) => (stack.trees?.includes(name) ? readProcTree(pid) : readProc(pid));
  const cpuNow = () =>
    Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, read(name, pid)?.cpuSeconds ?? 0]));
  const cpuSince = (before: Record<string, number>) => {
    const after = cpuNow();
    return Object.fromEntries(Object.keys(pids).map((name) => [name, after[name]! - before[name]!]));
  };

  /** One path's openings, the settling they cause, and its events: the window its CPU and profile count. */
  const phase = async (path: Path, n: number, m: number) => {
    const ids: string[] = [];
    const cpuBefore = cpuNow();
    const startUs = monotonicUs();
    const o = await runPool(n, params.concurrency, async (i) => {
      ids.push(await open[path](i));
    });
    if (ids.length === 0) throw new Error(`ingestion (${path}): no case could be opened: ${o.firstError}`);
    // Untimed: the worker finishes the new cases (case-opened notice, first timer) before the events, so
    // the events are not queued behind the openings' backlog, and neither path inherits the other's.
    await settled(stack, ids);
    const e = await runPool(m, params.concurrency, async (i) => {
      await record[path](ids[i % ids.length]!, i);
    });
    return { o, e, cpu: cpuSince(cpuBefore), window: [startUs, monotonicUs()] as [number, number] };
  };
  try {
    if (params.warmup > 0) {
      for (const path of ['api', 'raw'] as const) await phase(path, params.warmup, params.warmup);
    }
    for (let round = 0; round < params.rounds; round++) {
      const order: Path[] = round % 2 === 0 ? ['api', 'raw'] : ['raw', 'api'];
      const these = {} as Record<Path, Awaited<ReturnType<typeof phase>>>;
      for (const path of order) {
        const p = await phase(path, params.cases, params.events);
        these[path] = p;
        add(pooled[path].open, p.o);
        add(pooled[path].event, p.e);
        for (const [name, s] of Object.entries(p.cpu)) cpuSeconds[path][name] = (cpuSeconds[path][name] ?? 0) + s;
        measuredWindowsUs.push(p.window);
        log(
          `ingestion round ${round + 1}/${params.rounds} ${path}: ${params.cases} opens in ${Math.round(p.o.wallMs)} ms, ` +
            `${params.events} events in ${Math.round(p.e.wallMs)} ms${p.o.errors + p.e.errors ? ` (${p.o.errors + p.e.errors} errors)` : ''}`,
        );
      }
      const one = (path: Path) => ({ open: finish(pooledOf(these[path].o)), event: finish(pooledOf(these[path].e)) });
      const viaApi = one('api');
      const viaRaw = one('raw');
      rounds.push({
        api: viaApi,
        raw: viaRaw,
        ratios: ratiosOf(viaApi, viaRaw),
        cpuSeconds: { api: roundedCpu(these.api.cpu), raw: roundedCpu(these.raw.cpu) },
      });
    }
  } finally {
    for (const a of apis) a.close();
  }

  const all = (path: Path) => ({ open: finish(pooled[path].open), event: finish(pooled[path].event) });
  const viaApi = all('api');
  const viaRaw = all('raw');
  return {
    params,
    api: viaApi,
    raw: viaRaw,
    ratios: ratiosOf(viaApi, viaRaw),
    cpuSeconds: { api: roundedCpu(cpuSeconds.api), raw: roundedCpu(cpuSeconds.raw) },
    rounds,
    measuredWindowsUs,
  };
}

function ratiosOf(api: IngestionRound['api'], raw: IngestionRound['raw']): PathRatios {
  return {
    openThroughput: ratio(api.open.throughputPerSec, raw.open.throughputPerSec),
    openP99: ratio(api.open.latencyMs.p99, raw.open.latencyMs.p99),
    eventThroughput: ratio(api.event.throughputPerSec, raw.event.throughputPerSec),
    eventP99: ratio(api.event.latencyMs.p99, raw.event.latencyMs.p99),
  };
}

const roundedCpu = (cpu: Record<string, number>) =>
  Object.fromEntries(Object.entries(cpu).map(([name, s]) => [name, Math.round(s * 100) / 100]));

/** Until the case-opened notice of every case was accepted by the SMTP server (or two minutes pass without progress). */
async function settled(stack: IngestionTarget, ids: string[]): Promise<void> {
  const waiting = new Set(ids);
  let scanned = 0;
  const left = () => {
    const mails = stack.smtp.deliveries;
    for (; scanned < mails.length; scanned++) {
      const n = noticeOf(mails[scanned]!.messageId);
      if (n.kind === 'case-opened') waiting.delete(n.caseId);
    }
    return waiting.size;
  };
  while (left() > 0) {
    const before = left();
    const progressed = await stack.smtp
      .waitForDeliveries(() => left() < before, 120_000, 'progress')
      .then(
        () => true,
        () => false,
      );
    if (!progressed)
      throw new Error(`ingestion: ${before} of ${ids.length} new cases never mailed their case-opened notice`);
  }
}

const newPool = (): Pooled => ({ latencies: [], failed: [], errors: 0, firstError: null, wallMs: 0 });

function pooledOf(r: Awaited<ReturnType<typeof runPool>>): Pooled {
  const p = newPool();
  add(p, r);
  return p;
}

function add(into: Pooled, r: Awaited<ReturnType<typeof runPool>>): void {
  into.latencies.push(...r.latenciesMs);
  into.failed.push(...r.failedLatenciesMs);
  into.errors += r.errors;
  into.firstError ??= r.firstError;
  into.wallMs += r.wallMs;
}
