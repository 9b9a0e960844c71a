import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { PROJECT_ROOT } from '../stack/temporal-binaries';
import { runClusterBench } from './cluster-bench';
import { runIndexBench } from './index-reads';
import { runIngestion } from './ingestion';
import { runLifetime } from './lifetime';
import { summarizeProfiles } from './profile';
import { machine, toMarkdown, versions, type BenchReport } from './report';
import { rssAtSettled, runScale, workerMemory } from './scale';
import { devIngestionTarget, startDevStack, startTimeSkippingStack } from './stacks';
import { runTimerBurst } from './timer-burst';

/** What a plain run measures; the cluster section builds and starts the production topology, so only when asked. */
const SECTIONS = ['ingestion', 'scale', 'burst', 'lifetime', 'index'] as const;
const ALL_SECTIONS = [...SECTIONS, 'cluster'] as const;
type Section = (typeof ALL_SECTIONS)[number];

const USAGE = `npm run bench -- [options]

Measures the service on servers it starts itself (Temporal dev server with SQLite, dist/worker.js,
dist/server.js, an SMTP server; the time-skipping test server for the timer burst and the lifetime),
prints the results and writes them as markdown and JSON under tools/bench/results/. The index section
seeds N running cases through the API's imports on a stack of its own and times the reads of every list
(the service's own time, Server-Timing) and the calls to Temporal each makes. The cluster section
(--only cluster) runs the ingestion and a burst on the production topology of npm run cluster instead,
with one case worker and then two.

  --quick                  a tiny run of every section, in seconds (what npm test runs)
  --ingest-cases N         ingestion: cases opened per path and round      (default 300; quick 10)
  --events M               ingestion: events recorded per path and round   (default 600; quick 20)
  --concurrency C          ingestion and scale: operations in flight       (default 16; quick 4)
  --rounds R               ingestion: rounds, path order alternating       (default 2; quick 1)
  --cases K                scale: open cases with live timers              (default 10000; quick 20)
  --hold-ms MS             scale: watch the K open cases this long         (default 10000; quick 500)
  --burst B                timer burst: cases with the same deadline       (default 1000; quick 20)
  --lifetime-runs R        lifetime: cases taken through a whole lifetime  (default 3; quick 1)
  --index-cases LIST       index: running cases in the index at each level (default 1000,10000; quick 20)
  --index-reads R          index: timed reads of each list at each level   (default 40; quick 3)
  --renewals R             lifetime: 6-month renewals before conviction    (default 6)
  --only LIST              run only these sections: ${ALL_SECTIONS.join(',')} (default all but cluster)
  --worker-cache-mb MB     the worker's WORKER_CACHE_MEMORY_MB (its cache: MB ÷ 0.5 cases) (default unset)
  --cpu-prof               profile the worker and API processes (node --cpu-prof) and summarise
  --results-dir DIR        where the results go                            (default tools/bench/results)
  --render FILE.json       measure nothing: re-derive a saved report's figures from its samples
                           and rewrite its markdown (after a change to the report format)
  --help`;

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      'ingest-cases': { type: 'string' },
      events: { type: 'string' },
      concurrency: { type: 'string' },
      rounds: { type: 'string' },
      cases: { type: 'string' },
      'hold-ms': { type: 'string' },
      burst: { type: 'string' },
      'lifetime-runs': { type: 'string' },
      renewals: { type: 'string' },
      'index-cases': { type: 'string' },
      'index-reads': { type: 'string' },
      only: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      'worker-cache-mb': { type: 'string' },
      'results-dir': { type: 'string' },
      render: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const q = values.quick;
  const int = (name: keyof typeof values, full: number, quick: number, min = 1): number => {
    const raw = values[name];
    if (raw === undefined) return q ? quick : full;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${String(raw)}`);
    return n;
  };
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...SECTIONS];
  for (const s of only)
    if (!ALL_SECTIONS.includes(s as Section))
      throw new Error(`--only: unknown section ${s} (${ALL_SECTIONS.join(', ')})`);
  const concurrency = int('concurrency', 16, 4);
  const indexCases = (values['index-cases']?.split(',') ?? (q ? ['20'] : ['1000', '10000'])).map((s) => Number(s));
  if (!indexCases.every((n, i) => Number.isInteger(n) && n >= 1 && (i === 0 || n > indexCases[i - 1]!)))
    throw new Error(`--index-cases: ascending whole numbers, got ${String(values['index-cases'])}`);
  return {
    quick: q,
    sections: new Set(only as Section[]),
    ingestion: {
      cases: int('ingest-cases', 300, 10),
      events: int('events', 600, 20, 0),
      concurrency,
      rounds: int('rounds', 2, 1),
      warmup: q ? 3 : 30,
    },
    scale: {
      cases: int('cases', 10_000, 20),
      concurrency,
      holdMs: int('hold-ms', 10_000, 500, 0),
      stallMs: q ? 30_000 : 120_000,
      sampleIntervalMs: q ? 250 : 1_000,
      historySample: q ? 5 : 50,
    },
    burst: { cases: int('burst', 1_000, 20), concurrency },
    lifetime: { runs: int('lifetime-runs', 3, 1), renewals: int('renewals', 6, 6) },
    index: {
      cases: indexCases,
      concurrency,
      reads: int('index-reads', 40, 3),
      warmup: q ? 1 : 3,
      readBudgetMs: q ? 10_000 : 90_000,
      stallMs: q ? 30_000 : 120_000,
      // The worker settles the imports well after the API answered them (three mails each): ~25 min at 10,000 here.
      idleWaitMs: q ? 60_000 : 3_600_000,
    },
    cpuProf: values['cpu-prof'],
    workerCacheMiB: values['worker-cache-mb'] === undefined ? undefined : int('worker-cache-mb', 0, 0, 1),
    resultsDir: resolve(values['results-dir'] ?? join(PROJECT_ROOT, 'tools', 'bench', 'results')),
    render: values.render,
  };
}

const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

/** Rewrites a saved report: the scale figures derived from its timeline, then its markdown. */
function render(file: string): void {
  const report = JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
  const sc = report.scale;
  if (sc) {
    for (const name of ['worker', 'temporal', 'api'] as const)
      sc[name].rssMiBAt = rssAtSettled(sc.timeline, sc.params.cases, name);
    sc.workerMemory = workerMemory(sc.timeline, sc.params.cases);
  }
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(file.replace(/\.json$/, '.md'), toMarkdown(report));
  process.stdout.write(`rewrote ${file} and its markdown\n`);
}

async function main(): Promise<void> {
  // Interrupted: 'exit' kills the children (tools/stack/managed-process.ts) only on an orderly exit, so make it one.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  const o = options();
  if (o.render) return render(resolve(o.render));
  // Core's own log lines (worker warnings of the in-process test environment) would drown the progress lines.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  mkdirSync(o.resultsDir, { recursive: true });
  const cpuProfDir = o.cpuProf ? join(o.resultsDir, `profiles-${stamp}`) : undefined;
  const started = performance.now();
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    mode: o.quick ? 'quick' : 'full',
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: machine(),
    versions: versions(),
    parameters: {
      N: o.ingestion.cases,
      M: o.ingestion.events,
      C: o.ingestion.concurrency,
      rounds: o.ingestion.rounds,
      K: o.scale.cases,
      holdMs: o.scale.holdMs,
      burst: o.burst.cases,
      lifetimeRuns: o.lifetime.runs,
      renewals: o.lifetime.renewals,
      indexCases: o.index.cases.join(','),
      indexReads: o.index.reads,
      sections: [...o.sections].join('+'),
      cpuProf: o.cpuProf,
      workerCacheMiB: o.workerCacheMiB ?? null,
    },
    sectionWallMs: {},
    notes: [
      'Benchmarks measure; nothing here asserts a timing. Targets are reported as met or not met.',
      'All processes (Temporal server, worker, API, the bench itself with its load generator, raw client and SMTP server) share the machine; ' +
        'on a 2-core machine that is shared with other work the numbers are noisy: compare runs only with their load averages in mind.',
      'Payloads are encrypted (AES-256-GCM codec) on both paths, as in production; the API ran at LOG_LEVEL=info with its rate limit raised for the single bench principal.',
    ],
  };
  const base = join(o.resultsDir, `${stamp}-${report.mode}`);
  /** Written after every section, so a run that fails or is cut short keeps what it measured. */
  const save = () => {
    report.finishedAt = new Date().toISOString();
    report.totalWallMs = Math.round(performance.now() - started);
    report.machine.loadAvgEnd = loadavg().map((l) => Math.round(l * 100) / 100);
    const markdown = toMarkdown(report);
    writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(`${base}.md`, markdown);
    return markdown;
  };
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      report.sectionWallMs[name] = Math.round(performance.now() - t0);
    }
  };

  try {
    if (o.sections.has('ingestion') || o.sections.has('scale')) {
      log('starting the dev server (SQLite), the worker and the API');
      const stack = await startDevStack({ cpuProfDir, workerCacheMiB: o.workerCacheMiB });
      report.workerStart = { ...report.workerStart, dev: stack.workerStart };
      try {
        if (o.sections.has('ingestion')) {
          report.ingestion = await timed('ingestion', () => runIngestion(devIngestionTarget(stack), o.ingestion, log));
          save();
        }
        if (o.sections.has('scale')) {
          report.scale = await timed('scale', () => runScale(stack, o.scale, log));
          save();
        }
      } finally {
        await stack.close();
      }
    }
    if (o.sections.has('index')) {
      log('starting a dev stack of its own for the index section, with the pages and the metrics');
      const stack = await startDevStack({ workerCacheMiB: o.workerCacheMiB, pagesAndMetrics: true });
      try {
        report.index = await timed('index', () => runIndexBench(stack, o.index, log));
        save();
      } finally {
        await stack.close();
      }
    }
    if (o.sections.has('burst') || o.sections.has('lifetime')) {
      log('starting the time-skipping server and a worker on it');
      const ts = await startTimeSkippingStack({ cpuProfDir });
      report.workerStart = { ...report.workerStart, 'time-skipping': ts.workerStart };
      try {
        if (o.sections.has('burst')) {
          report.timerBurst = await timed('timer burst', () => runTimerBurst(ts, o.burst, log));
          save();
        }
        if (o.sections.has('lifetime'))
          report.lifetime = await timed('lifetime', () => runLifetime(ts, o.lifetime, log));
      } finally {
        await ts.stop();
      }
    }
    if (o.sections.has('cluster')) {
      report.cluster = await timed('cluster', () =>
        runClusterBench({ ingestion: o.ingestion, burst: o.burst }, o.quick ? [o.burst.cases] : [1_000, 100_000], log),
      );
      save();
    }
    if (cpuProfDir) {
      // The dev stack's processes over the measured phases only: their start-up is no request's cost.
      const measured = [
        ...(report.ingestion?.measuredWindowsUs ?? []),
        ...(report.scale ? [report.scale.measuredWindowUs] : []),
      ];
      report.profiles = summarizeProfiles(cpuProfDir, { worker: measured, api: measured });
    }
  } catch (err) {
    report.error = err instanceof Error ? err.message : String(err);
    save();
    process.stderr.write(`[bench] partial results: ${base}.json\n`);
    throw err;
  }

  const markdown = save();
  // The committed latest.* are the last full run of every default section, cluster-latest.* of the cluster alone,
  // index-latest.* of the index section alone; never a quick or partial one.
  const everyDefault = SECTIONS.every((s) => o.sections.has(s)) && !o.sections.has('cluster');
  const only = (s: Section) => o.sections.size === 1 && o.sections.has(s);
  const latest = o.quick
    ? undefined
    : everyDefault
      ? 'latest'
      : only('cluster')
        ? 'cluster-latest'
        : only('index')
          ? 'index-latest'
          : undefined;
  if (latest) {
    writeFileSync(join(o.resultsDir, `${latest}.json`), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(o.resultsDir, `${latest}.md`), markdown);
  }
  process.stdout.write(`${markdown}\n`);
  process.stdout.write(`results: ${base}.json\nmarkdown: ${base}.md\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
