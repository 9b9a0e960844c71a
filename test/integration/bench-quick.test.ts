import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBench } from '../support/bench-run';

/**
 * The quick bench once, as a child process, so the bench never rots: `npm run bench -- --quick`
 * without its set-up step, which `npm test` ran already. It measures only: this test checks that
 * every section ran and was written, never how fast anything was.
 */
describe('npm run bench -- --quick', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-quick-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('completes and writes its JSON with all five sections', async () => {
    const { code, output } = await runBench(['--quick'], dir);
    if (code !== 0) throw new Error(`the quick bench exited ${code}:\n${output.slice(-4000)}`);
    const jsonPath = /^results: (.+\.json)$/m.exec(output)?.[1];
    expect(jsonPath).toBeDefined();
    expect(jsonPath!.startsWith(dir)).toBe(true);
    expect(readFileSync(jsonPath!.replace(/\.json$/, '.md'), 'utf8')).toMatch(/^# Benchmark results \(quick\)/);

    const report = JSON.parse(readFileSync(jsonPath!, 'utf8'));
    expect(report).toMatchObject({
      mode: 'quick',
      machine: { cores: expect.any(Number), cpuModel: expect.any(String), ramGiB: expect.any(Number) },
      versions: {
        node: process.version,
        temporalSdk: expect.stringContaining('1.'),
        temporalCli: expect.stringContaining('temporal'),
      },
      parameters: { N: expect.any(Number), M: expect.any(Number), C: expect.any(Number), K: expect.any(Number) },
    });

    // Ingestion: both paths opened cases and recorded events, with latencies and ratios.
    for (const path of ['api', 'raw'] as const) {
      expect(report.ingestion[path].open.ops).toBe(report.parameters.N);
      expect(report.ingestion[path].event.ops).toBe(report.parameters.M);
      expect(report.ingestion[path].event.latencyMs).toMatchObject({
        p50: expect.any(Number),
        p95: expect.any(Number),
        p99: expect.any(Number),
      });
    }
    expect(report.ingestion.ratios).toMatchObject({ openThroughput: expect.any(Number), eventP99: expect.any(Number) });

    // Scale: every case opened and settled, the worker sampled from /proc, the database measured.
    expect(report.scale.opened).toBe(report.parameters.K);
    expect(report.scale.timeline.length).toBeGreaterThan(1);
    expect(report.scale.worker.peakRssMiB).toBeGreaterThan(0);
    expect(report.scale.db.bytesPerCase).toBeGreaterThan(0);
    expect(report.scale.historyEventsPerCase.count).toBeGreaterThan(0);

    // Timer burst: every case closed at the same midnight and each one's notice reached the SMTP server.
    expect(report.timerBurst.allClosed).toBe(true);
    expect(report.timerBurst.perNoticeMs.count).toBe(report.parameters.burst);
    expect(report.timerBurst.perMailMs).toMatchObject({ p50: expect.any(Number), p99: expect.any(Number) });

    // Lifetime: six renewals to permanent residence, over several continued-as-new runs.
    expect(report.lifetime.runs).toHaveLength(report.parameters.lifetimeRuns);
    expect(report.lifetime.runs[0]).toMatchObject({ outcome: 'PERMANENT_RESIDENCE', wallMs: expect.any(Number) });
    expect(report.lifetime.runs[0].historyLengths.length).toBeGreaterThan(1);

    // Index: the cases imported and indexed, every list read with the API's own times and its calls to Temporal
    // counted (a page of cases is one visibility list).
    const [level] = report.index.levels;
    expect(level).toMatchObject({ cases: report.parameters.indexCases.split(',').map(Number)[0] });
    expect(level.indexed).toBe(level.cases);
    expect(level.reads.map((r: { read: string }) => r.read)).toEqual([
      'inbox page',
      'queries page',
      'GET /v1/prosecutor/queries',
      'GET /v1/tasks, first page',
      'GET /v1/tasks, a later page (`next`)',
      'GET /v1/cases, first page',
      'calendar feed',
      'calendar feed',
      'calendar feed',
    ]);
    for (const read of level.reads) {
      expect({ read: read.read, errors: read.errors }).toEqual({ read: read.read, errors: 0 });
      expect(read.serverMs).toMatchObject({ count: read.reads, p50: expect.any(Number), p95: expect.any(Number) });
      // Every list reads the case index: not one call to Temporal, let alone a Query per row.
      expect({ read: read.read, calls: read.temporalCallsPerRead }).toEqual({ read: read.read, calls: {} });
    }
    expect(level.reads[0].rows).toBeGreaterThan(0);
  }, 300_000);
});
