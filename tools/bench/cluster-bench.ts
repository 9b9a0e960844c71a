import { TEMPORAL_SERVER_VERSION } from '../cluster/binaries';
import { HISTORY_SHARDS, startCluster, type Cluster } from '../cluster/cluster';
import { SERVICES } from '../cluster/server-config';
import { runClusterBurst, type ClusterBurstResult } from './cluster-burst';
import { runIngestion, type IngestionParams, type IngestionResult } from './ingestion';
import { BENCH_ENV, BENCH_SMTP } from './stacks';

/**
 * The production topology under load (npm run bench -- --only cluster): the cluster of npm run cluster, measured
 * first with one case worker, then with two, in one run: the ingestion (both APIs in turn against the raw client)
 * and the burst of B cases due at the same instant. From the CPU each process spends per case, the cores that
 * would meet p99 < 2 s, on paper.
 */

export interface ClusterBenchParams {
  ingestion: IngestionParams;
  burst: { cases: number; concurrency: number };
}

export interface ClusterRun {
  workers: number;
  ingestion: IngestionResult;
  burst: ClusterBurstResult;
}

/** What a burst of `cases` due at once needs so that 99 % of them are done within the target, at `utilisation`. */
export interface CoreEstimate {
  cases: number;
  casesPerSec: number;
  workerCores: number;
  temporalCores: number;
  databaseCores: number;
}

export interface ClusterBenchResult {
  params: ClusterBenchParams;
  topology: { temporalServer: string; historyShards: number; temporalProcesses: string[]; apis: number };
  runs: ClusterRun[];
  /** From the two-worker burst: CPU per case of the case workers, the Temporal services and PostgreSQL. */
  perCaseCpuMs: { workers: number; temporal: number; database: number };
  /** One case due alone, in that run: the path's latency when nothing waits. */
  unloadedCaseMs: number;
  targetMs: number;
  utilisation: number;
  estimates: CoreEstimate[];
}

export const TEMPORAL_NAMES = SERVICES.map((s) => `temporal-${s}`);
const TARGET_MS = 2_000;
/** Cores planned at 70 % busy: a burst that saturates them has no room for GC pauses and retries. */
const UTILISATION = 0.7;

/** The processes of the cluster as they run now, by name; PostgreSQL with its backends. */
function processes(c: Cluster, withApis: boolean): Record<string, number> {
  const pids: Record<string, number> = { postgresql: c.postgres.pid! };
  for (const s of SERVICES) pids[`temporal-${s}`] = c.temporal[s].pid!;
  c.workers.forEach((w, i) => {
    if (w.running) pids[`worker-${i + 1}`] = w.pid!;
  });
  if (withApis) c.apis.forEach((a, i) => (pids[`api-${i + 1}`] = a.pid!));
  return pids;
}

const sum = (cpu: Record<string, number>, names: (n: string) => boolean) =>
  Object.entries(cpu)
    .filter(([n]) => names(n))
    .reduce((a, [, v]) => a + v, 0);

/**
 * Cases finish one after another at the rate the cores allow, so the p99 case is done after the unloaded latency
 * plus 99 % of the burst at that rate: the rate needed is 0.99 B / (target − unloaded latency).
 */
export function estimateCores(
  cases: number,
  perCase: ClusterBenchResult['perCaseCpuMs'],
  unloadedMs: number,
): CoreEstimate {
  const casesPerSec = (0.99 * cases) / (Math.max(1, TARGET_MS - unloadedMs) / 1000);
  // Up to the next tenth of a core, after rounding away the float noise of an exact tenth.
  const cores = (cpuMs: number) => Math.ceil(Math.round((casesPerSec * cpuMs) / UTILISATION) / 100) / 10;
  return {
    cases,
    casesPerSec: Math.round(casesPerSec),
    workerCores: cores(perCase.workers),
    temporalCores: cores(perCase.temporal),
    databaseCores: cores(perCase.database),
  };
}

export async function runClusterBench(
  p: ClusterBenchParams,
  estimateFor: number[],
  log: (m: string) => void,
): Promise<ClusterBenchResult> {
  log('starting the cluster (PostgreSQL, four Temporal services, two workers, two APIs)');
  const cluster = await startCluster({
    log: (l) => log(`cluster: ${l}`),
    smtp: BENCH_SMTP,
    // One principal sends everything here; the default 600/min would measure the limiter.
    env: { ...BENCH_ENV, RATE_LIMIT_PER_MINUTE: '100000000' },
  });
  const runs: ClusterRun[] = [];
  try {
    // One worker first: the second stops before any case exists, so no case waits on its cache.
    await cluster.workers[1]!.kill('SIGTERM', 20_000);
    for (const workers of [1, 2]) {
      if (workers === 2) await cluster.workers[1]!.start();
      log(`cluster, ${workers} worker(s): ingestion`);
      const target = {
        client: cluster.client,
        taskQueue: cluster.taskQueue,
        smtp: cluster.smtp,
        trees: ['postgresql'],
      };
      const ingestion = await runIngestion(
        { ...target, apiUrls: cluster.apiUrls, tokens: cluster.tokens, pids: processes(cluster, true) },
        p.ingestion,
        log,
      );
      log(`cluster, ${workers} worker(s): burst of ${p.burst.cases}`);
      const burst = await runClusterBurst(
        {
          ...target,
          pids: { ...processes(cluster, false), bench: process.pid },
        },
        { ...p.burst, openRatePerSec: ingestion.raw.open.throughputPerSec },
        log,
      );
      runs.push({ workers, ingestion, burst });
    }
  } finally {
    await cluster.close();
  }
  const last = runs.at(-1)!.burst;
  const perCaseCpuMs = {
    workers: sum(last.cpuMsPerCase, (n) => n.startsWith('worker-')),
    temporal: sum(last.cpuMsPerCase, (n) => TEMPORAL_NAMES.includes(n)),
    database: last.cpuMsPerCase.postgresql ?? 0,
  };
  const unloadedCaseMs = last.unloadedCaseMs;
  return {
    params: p,
    topology: {
      temporalServer: TEMPORAL_SERVER_VERSION,
      historyShards: HISTORY_SHARDS,
      temporalProcesses: TEMPORAL_NAMES,
      apis: cluster.apiUrls.length,
    },
    runs,
    perCaseCpuMs,
    unloadedCaseMs,
    targetMs: TARGET_MS,
    utilisation: UTILISATION,
    estimates: estimateFor.map((b) => estimateCores(b, perCaseCpuMs, unloadedCaseMs)),
  };
}
