import { dateAt } from '../../src/domain/calendar';
import { GcTrace, ProcSampler, type Sample } from './proc';
import type { DevStack } from './stacks';
import { monotonicUs } from './ingestion';
import { runPool, summarize, type LatencySummary } from './stats';
import { ApiClient, noticeOf, numberedOpening } from './workload';

export interface ScaleParams {
  /** K: cases opened and kept open, each waiting on a live timer (its first reminder, 31 days out). */
  cases: number;
  concurrency: number;
  /** How long the K open cases are watched after the last one settled. */
  holdMs: number;
  /** Waiting for the cases to settle stops after this long without one settling. */
  stallMs: number;
  sampleIntervalMs: number;
  /** Cases whose history length is read (describe), picked at random. */
  historySample: number;
}

interface ProcFigures {
  cpuSeconds: number;
  meanCpuPctWhileOpening: number;
  /** RSS when 25, 50, 75 and 100 % of the cases had settled (the worker meets a case when it runs it, not when the API opens it), and at the end of the hold. */
  rssMiBAt: Record<'25%' | '50%' | '75%' | '100%' | 'end', number | null>;
  peakRssMiB: number;
}

/** How the worker's memory follows the number of cases it has run: flat once its workflow cache is full. */
export interface WorkerMemory {
  /** V8 heap live after the latest full GC (--trace-gc), summed over the worker's isolates, at 25/50/75/100 % settled and at the end. */
  liveHeapMiBAt: Record<'25%' | '50%' | '75%' | '100%' | 'end', number | null>;
  /** Growth from 50 % to 100 % of the cases settled, per 1,000 cases: ~0 when bounded by the cache rather than by K. */
  rssMiBPer1000CasesSecondHalf: number | null;
  liveHeapMiBPer1000CasesSecondHalf: number | null;
}

export interface ScaleResult {
  params: ScaleParams;
  opened: number;
  /** Cases whose case-opened notice was accepted by the SMTP server (all of them, unless settling stalled). */
  settled: number;
  errors: number;
  firstError: string | null;
  openWallMs: number;
  openedPerSec: number;
  /** From the last POST /v1/cases answered to the last case-opened notice accepted by the SMTP server: every case then waits on its timer. */
  settleMs: number;
  /** K ÷ (opening + settling): the rate the whole service sustains. */
  settledPerSec: number;
  openLatencyMs: LatencySummary;
  /** The worker's workflow cache, as it said at its start: what its memory should be bounded by. */
  workerCacheSize: number;
  /**
   * What a cached case costs: the worker's growth from its idle RSS at start to its RSS with every case settled,
   * and its live heap then, over the cases its cache holds (every open case it met, up to the cache's size).
   */
  perCachedCase: {
    cachedCases: number;
    rssMiB: number | null;
    liveHeapMiB: number | null;
    /** The V8 heap reserved after the latest full GC: how much of the RSS is V8's rather than native memory. */
    committedHeapMiB?: number | null;
  };
  worker: ProcFigures;
  temporal: ProcFigures;
  api: ProcFigures;
  workerMemory: WorkerMemory;
  db: { bytesBefore: number; bytesAfter: number; bytesPerCase: number };
  historyEventsPerCase: LatencySummary;
  timeline: Sample[];
  /** From the first POST to the end of the hold (CLOCK_MONOTONIC µs): what --cpu-prof is summarised over. */
  measuredWindowUs: [number, number];
}

const SHARES = { '25%': 0.25, '50%': 0.5, '75%': 0.75, '100%': 1 } as const;

/** The first sample at which `share` of the cases had settled. */
const atSettled = (timeline: Sample[], cases: number, share: number) =>
  timeline.find((x) => (x.marks.settled ?? 0) >= share * cases);

function perThousandSecondHalf(
  timeline: Sample[],
  cases: number,
  value: (s: Sample) => number | undefined,
): number | null {
  const half = atSettled(timeline, cases, 0.5);
  const full = atSettled(timeline, cases, 1);
  const a = half && value(half);
  const b = full && value(full);
  if (a === undefined || b === undefined || cases < 2) return null;
  return ((b - a) / (cases / 2)) * 1000;
}

/** The worker's memory figures from the timeline (also used to re-render a saved report). */
export function workerMemory(timeline: Sample[], cases: number): WorkerMemory {
  const heap = (s: Sample | undefined) => s?.marks.workerLiveHeapMiB ?? null;
  return {
    liveHeapMiBAt: {
      '25%': heap(atSettled(timeline, cases, 0.25)),
      '50%': heap(atSettled(timeline, cases, 0.5)),
      '75%': heap(atSettled(timeline, cases, 0.75)),
      '100%': heap(atSettled(timeline, cases, 1)),
      end: heap(timeline.at(-1)),
    },
    rssMiBPer1000CasesSecondHalf: perThousandSecondHalf(timeline, cases, (s) => s.procs.worker?.rssMiB),
    liveHeapMiBPer1000CasesSecondHalf: perThousandSecondHalf(timeline, cases, (s) => s.marks.workerLiveHeapMiB),
  };
}

/** RSS of a process at 25/50/75/100 % of the cases settled, and at the end. */
export function rssAtSettled(timeline: Sample[], cases: number, name: string): ProcFigures['rssMiBAt'] {
  const at = (share: number) => atSettled(timeline, cases, share)?.procs[name]?.rssMiB ?? null;
  return {
    '25%': at(SHARES['25%']),
    '50%': at(SHARES['50%']),
    '75%': at(SHARES['75%']),
    '100%': at(SHARES['100%']),
    end: timeline.at(-1)?.procs[name]?.rssMiB ?? null,
  };
}

/**
 * Opens K cases through the API at concurrency C and keeps them open, each waiting on its first
 * reminder timer, while /proc samples the worker, the dev server and the API.
 */
export async function runScale(stack: DevStack, p: ScaleParams, log: (m: string) => void): Promise<ScaleResult> {
  const api = new ApiClient(stack.apiUrl);
  const token = stack.tokens['centre-PAYOKE']!;
  const today = dateAt(Date.now());
  const ids = new Set<string>();
  const delivered = new Set<string>();
  let scanned = stack.smtp.deliveries.length;
  const countDelivered = () => {
    const mails = stack.smtp.deliveries;
    for (; scanned < mails.length; scanned++) {
      const n = noticeOf(mails[scanned]!.messageId);
      if (n.kind === 'case-opened' && ids.has(n.caseId)) delivered.add(n.caseId);
    }
    return delivered.size;
  };
  const gc = new GcTrace(stack.worker.logFile!);
  gc.liveHeapMiB(); // skip what start-up and the sections before left in the log
  let liveHeap: number | null = null;
  const dbBefore = stack.dbBytes();
  const sampler = new ProcSampler(
    { worker: stack.worker.pid!, temporal: stack.temporal.pid!, api: stack.api.pid! },
    () => {
      liveHeap = gc.liveHeapMiB() ?? liveHeap;
      return {
        opened: ids.size,
        settled: countDelivered(),
        dbMiB: Math.round((stack.dbBytes() / 2 ** 20) * 10) / 10,
        ...(liveHeap === null ? {} : { workerLiveHeapMiB: liveHeap }),
        ...(gc.committedHeapMiB() === null ? {} : { workerCommittedHeapMiB: gc.committedHeapMiB()! }),
      };
    },
    p.sampleIntervalMs,
  );

  let nextReport = 0.1;
  const startUs = monotonicUs();
  const opened = await runPool(p.cases, p.concurrency, async (i) => {
    const status = await api.openCase(token, numberedOpening(today, i));
    ids.add(status.caseId);
    if (ids.size >= nextReport * p.cases) {
      log(`scale: ${ids.size}/${p.cases} cases opened`);
      nextReport += 0.1;
    }
  });
  api.close();
  const openedAt = performance.now();
  // Settled: every case's case-opened notice accepted. Waits as long as cases keep settling; gives up after `stallMs` without one.
  for (let lastReport = performance.now(); countDelivered() < ids.size;) {
    const before = countDelivered();
    const progressed = await stack.smtp
      .waitForDeliveries(() => countDelivered() > before || countDelivered() >= ids.size, p.stallMs, 'progress')
      .then(
        () => true,
        () => false,
      );
    if (!progressed) {
      log(`scale: no case settled for ${p.stallMs} ms; ${countDelivered()}/${ids.size} settled, giving up waiting`);
      break;
    }
    if (performance.now() - lastReport > 30_000) {
      log(`scale: ${countDelivered()}/${ids.size} cases settled`);
      lastReport = performance.now();
    }
  }
  const settled = countDelivered();
  const settleMs = performance.now() - openedAt;
  sampler.sample();
  log(
    `scale: ${settled}/${ids.size} cases settled ${Math.round(settleMs)} ms after the last was opened; holding ${p.holdMs} ms`,
  );
  await new Promise((r) => setTimeout(r, p.holdMs));
  const measuredWindowUs: [number, number] = [startUs, monotonicUs()];
  const dbAfter = stack.dbBytes();
  const totals = sampler.stop();
  const timeline = sampler.samples;

  // Every open case had its first task on this worker (ingestion's too): the cache holds them up to its size.
  const { count: open } = await stack.client.workflow.count('ExecutionStatus="Running"');
  const cachedCases = Math.min(open, stack.workerStart.maxCachedWorkflows);
  const settledSample = atSettled(timeline, p.cases, 1);
  const idle = stack.workerStart.idleRssMiB;
  const full = settledSample?.procs.worker?.rssMiB;
  const perCase = (mib: number | undefined) => (mib !== undefined && cachedCases > 0 ? mib / cachedCases : null);
  const perCachedCase = {
    cachedCases,
    rssMiB: idle !== null && full !== undefined ? perCase(full - idle) : null,
    liveHeapMiB: perCase(settledSample?.marks.workerLiveHeapMiB),
    committedHeapMiB: perCase(settledSample?.marks.workerCommittedHeapMiB),
  };

  const picked = [...ids].sort(() => Math.random() - 0.5).slice(0, p.historySample);
  const lengths: number[] = [];
  for (const id of picked) lengths.push((await stack.client.workflow.getHandle(id).describe()).historyLength);

  const openingSamples = timeline.filter((s) => s.t <= opened.wallMs / 1000 + 0.001);
  const figures = (name: string): ProcFigures => {
    const during = openingSamples.map((s) => s.procs[name]?.cpuPct ?? 0).slice(1);
    return {
      cpuSeconds: totals[name]?.cpuSeconds ?? 0,
      meanCpuPctWhileOpening: during.length ? Math.round(during.reduce((a, b) => a + b, 0) / during.length) : 0,
      rssMiBAt: rssAtSettled(timeline, p.cases, name),
      peakRssMiB: totals[name]?.peakRssMiB ?? 0,
    };
  };
  return {
    params: p,
    opened: ids.size,
    settled,
    errors: opened.errors,
    firstError: opened.firstError,
    openWallMs: Math.round(opened.wallMs),
    openedPerSec: (ids.size / opened.wallMs) * 1000,
    settleMs: Math.round(settleMs),
    settledPerSec: (ids.size / (opened.wallMs + settleMs)) * 1000,
    openLatencyMs: summarize(opened.latenciesMs),
    workerCacheSize: stack.workerStart.maxCachedWorkflows,
    perCachedCase,
    worker: figures('worker'),
    temporal: figures('temporal'),
    api: figures('api'),
    workerMemory: workerMemory(timeline, p.cases),
    db: { bytesBefore: dbBefore, bytesAfter: dbAfter, bytesPerCase: ids.size ? (dbAfter - dbBefore) / ids.size : 0 },
    historyEventsPerCase: summarize(lengths),
    timeline,
    measuredWindowUs,
  };
}
