import type { ClusterBenchResult, ClusterRun } from './cluster-bench';
import type { OpResult } from './ingestion';
import { fmt, ms, table, target, times } from './markdown';

/** The cluster section of the bench's markdown: one worker and two side by side, then the cores on paper. */

const heads = (r: ClusterBenchResult, first: string) => [
  first,
  ...r.runs.map((run) => `${run.workers} worker${run.workers > 1 ? 's' : ''}`),
];
const row = (r: ClusterBenchResult, name: string, cell: (run: ClusterRun) => string | number) => [
  name,
  ...r.runs.map(cell),
];

const throughput = (api: OpResult, raw: OpResult) =>
  `${fmt(api.throughputPerSec, '/s')} / ${fmt(raw.throughputPerSec, '/s')}`;
const p99 = (api: OpResult, raw: OpResult) => `${ms(api.latencyMs.p99)} / ${ms(raw.latencyMs.p99)}`;

/** Every process name that any run measured, in a stable order. */
const names = (cpu: Record<string, number>[]) => [...new Set(cpu.flatMap((c) => Object.keys(c)))].sort();

export function clusterMd(r: ClusterBenchResult): string {
  const i = r.params.ingestion;
  const b = r.params.burst;
  const perOp = (run: ClusterRun, path: 'api' | 'raw', name: string) => {
    const ops = run.ingestion[path].open.ops + run.ingestion[path].event.ops;
    const cpu = run.ingestion.cpuSeconds[path][name];
    return cpu === undefined ? '–' : ms((cpu / Math.max(1, ops)) * 1000);
  };
  const ingestionCpuNames = names(
    r.runs.flatMap((run) => [run.ingestion.cpuSeconds.api, run.ingestion.cpuSeconds.raw]),
  );
  const burstCpuNames = names(r.runs.map((run) => run.burst.cpuMsPerCase));
  const total = (e: ClusterBenchResult['estimates'][number]) => e.workerCores + e.temporalCores + e.databaseCores;
  return [
    `### Cluster: the production topology, with one case worker and with two`,
    '',
    `Temporal ${r.topology.temporalServer} as ${r.topology.temporalProcesses.length} processes (${r.topology.temporalProcesses.join(', ')}) on PostgreSQL, ` +
      `${r.topology.historyShards} history shards, mutual TLS, SQL visibility; ${r.topology.apis} APIs, requests sent to them in turn; ` +
      'the second worker is stopped for the first run, started for the second. Everything shares the 2 cores with the bench.',
    '',
    `**Ingestion** (N = ${i.cases}, M = ${i.events}, C = ${i.concurrency}, ${i.rounds} round(s), paths alternating), HTTP API / raw client:`,
    '',
    table(heads(r, 'measure'), [
      row(r, 'open throughput', (run) => throughput(run.ingestion.api.open, run.ingestion.raw.open)),
      row(r, 'open p99', (run) => p99(run.ingestion.api.open, run.ingestion.raw.open)),
      row(r, 'event throughput', (run) => throughput(run.ingestion.api.event, run.ingestion.raw.event)),
      row(r, 'event p99', (run) => p99(run.ingestion.api.event, run.ingestion.raw.event)),
      row(
        r,
        'API ÷ raw, throughput open / event (target ≥ 0.9×)',
        (run) => `${times(run.ingestion.ratios.openThroughput)} / ${times(run.ingestion.ratios.eventThroughput)}`,
      ),
      row(
        r,
        'API ÷ raw, p99 open / event (target ≤ 1.2×)',
        (run) => `${times(run.ingestion.ratios.openP99)} / ${times(run.ingestion.ratios.eventP99)}`,
      ),
      row(r, 'errors', (run) =>
        [run.ingestion.api.open, run.ingestion.api.event, run.ingestion.raw.open, run.ingestion.raw.event].reduce(
          (a, o) => a + o.errors,
          0,
        ),
      ),
    ]),
    '',
    'CPU per operation (opens and events together), by process, HTTP API path / raw path:',
    '',
    table(
      heads(r, 'process'),
      ingestionCpuNames.map((name) => row(r, name, (run) => `${perOp(run, 'api', name)} / ${perOp(run, 'raw', name)}`)),
    ),
    '',
    `**Burst**: B = ${b.cases.toLocaleString('en-US')} cases due at the same instant. The cluster's clock cannot be moved, so each case was started ` +
      'with a start delay ending at that instant: the history service fires B durable timers together, as it fires the deadlines of a midnight. ' +
      'Each case then runs for the first time, finds its reflection period over, mails the case-opened and the case-closed notices and completes: ' +
      'more than a running case does at a deadline, so the CPU per case is an upper bound. Latency is from the instant to the SMTP server\u2019s acceptance.',
    '',
    table(heads(r, 'measure'), [
      row(r, 'last case opened, before the instant', (run) => ms(run.burst.quietBeforeMs)),
      row(r, 'mails', (run) => run.burst.mails),
      row(r, 'each case done p50 / p95 / p99', (run) => {
        const c = run.burst.perCaseMs;
        return `${ms(c.p50)} / ${ms(c.p95)} / ${ms(c.p99)}`;
      }),
      row(r, 'first / last case done', (run) => `${ms(run.burst.perCaseMs.min)} / ${ms(run.burst.perCaseMs.max)}`),
      row(r, 'one case due alone (median of 3)', (run) => ms(run.burst.unloadedCaseMs)),
      row(r, 'each mail p99', (run) => ms(run.burst.perMailMs.p99)),
      row(r, 'target p99 < 2 s (per case)', (run) => target(run.burst.perCaseMs.p99, (v) => v < 2000, 'target')),
      row(r, 'every case closed', (run) => (run.burst.allClosed ? 'yes' : 'NO')),
      ...burstCpuNames.map((name) =>
        row(r, `CPU per case: ${name}`, (run) => {
          const v = run.burst.cpuMsPerCase[name];
          return v === undefined ? '–' : ms(v);
        }),
      ),
    ]),
    '',
    `**Cores on paper**, from the two-worker burst: per case ${ms(r.perCaseCpuMs.workers)} of case workers, ${ms(r.perCaseCpuMs.temporal)} of ` +
      `the Temporal services and ${ms(r.perCaseCpuMs.database)} of PostgreSQL; one case due alone was done after ${ms(r.unloadedCaseMs)}. ` +
      `Cases are done one after another at the rate the cores allow, so p99 < ${r.targetMs / 1000} s needs a rate of 0.99 B / (${r.targetMs / 1000} s − ` +
      `${ms(r.unloadedCaseMs)}), and each tier rate × CPU per case ÷ ${r.utilisation} cores (planned ${Math.round(r.utilisation * 100)} % busy). ` +
      'The bench process (load, relay) is left out: in production the relay is elsewhere.',
    '',
    table(
      ['B', 'cases/s needed', 'case workers', 'Temporal services', 'PostgreSQL', 'total cores'],
      r.estimates.map((e) => [
        e.cases.toLocaleString('en-US'),
        e.casesPerSec.toLocaleString('en-US'),
        fmt(e.workerCores),
        fmt(e.temporalCores),
        fmt(e.databaseCores),
        fmt(total(e)),
      ]),
    ),
    '',
    'These cores assume that the work spreads evenly over them. At B = 100,000 more than CPU binds, and this bench does not measure it: ' +
      'every case writes its history shard several times, so the history shards (4 here) and PostgreSQL must take those writes at that rate.',
  ].join('\n');
}
