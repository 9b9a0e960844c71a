/**
 * Issue 16, "performance on the real topology": the cluster section of the bench, quick, as a child process, so
 * that it never rots. It measures only: this test checks that both runs (one worker, two) measured every process
 * and closed every case, never how fast anything was.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterBenchResult } from '../../tools/bench/cluster-bench';
import { runBench } from '../support/bench-run';

let dir: string;
let report: { parameters: { N: number; M: number; burst: number }; cluster: ClusterBenchResult };
let markdown: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bench-cluster-'));
  const { code, output } = await runBench(['--quick', '--only', 'cluster'], dir);
  if (code !== 0) throw new Error(`the cluster bench exited ${code}:\n${output.slice(-4000)}`);
  const json = /^results: (.+\.json)$/m.exec(output)![1]!;
  report = JSON.parse(readFileSync(json, 'utf8')) as typeof report;
  markdown = readFileSync(json.replace(/\.json$/, '.md'), 'utf8');
}, 20 * 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bench -- --only cluster', () => {
  it('measures the ingestion on both paths with one worker, then two', () => {
    const { runs } = report.cluster;
    expect(runs.map((r) => r.workers)).toEqual([1, 2]);
    for (const run of runs) {
      for (const path of ['api', 'raw'] as const) {
        expect(run.ingestion[path].open.ops).toBe(report.parameters.N);
        expect(run.ingestion[path].event.ops).toBe(report.parameters.M);
        // Each path's CPU is counted on every process of the topology, PostgreSQL with its backends.
        expect(run.ingestion.cpuSeconds[path]).toHaveProperty('postgresql');
        expect(run.ingestion.cpuSeconds[path]).toHaveProperty('temporal-history');
      }
      expect(run.ingestion.cpuSeconds.api.postgresql).toBeGreaterThan(0);
    }
    expect(runs[0]!.ingestion.cpuSeconds.api).not.toHaveProperty('worker-2');
    expect(runs[1]!.ingestion.cpuSeconds.api).toHaveProperty('worker-2');
  });

  it('closes every case of the burst, after the last opening, and counts its CPU per case and process', () => {
    for (const run of report.cluster.runs) {
      expect(run.burst.allClosed).toBe(true);
      expect(run.burst.perCaseMs.count).toBe(report.parameters.burst);
      expect(run.burst.quietBeforeMs).toBeGreaterThan(0);
      for (const name of ['postgresql', 'temporal-history', 'temporal-matching', 'temporal-frontend', 'worker-1'])
        expect(run.burst.cpuMsPerCase[name]).toBeGreaterThan(0);
    }
    const [one, two] = report.cluster.runs;
    expect(one!.burst.cpuMsPerCase).not.toHaveProperty('worker-2');
    // With two workers, both take part in the burst.
    expect(two!.burst.cpuMsPerCase['worker-2']).toBeGreaterThan(0);
  });

  it('derives the cores on paper from the two-worker burst, and writes it all side by side', () => {
    const { estimates, perCaseCpuMs } = report.cluster;
    expect(estimates).toHaveLength(1);
    expect(perCaseCpuMs.workers).toBeGreaterThan(0);
    expect(estimates[0]!.workerCores).toBeGreaterThan(0);
    expect(markdown).toContain('| measure | 1 worker | 2 workers |');
    expect(markdown).toContain('**Cores on paper**');
  });
});
