/**
 * What the cluster bench derives from its readings: a process counted with its children (PostgreSQL's backends)
 * and the cores on paper for a burst.
 */
import { spawn } from 'node:child_process';
import { estimateCores } from '../../tools/bench/cluster-bench';
import { readProc, readProcTree } from '../../tools/bench/proc';

describe('readProcTree', () => {
  it("counts a child's CPU in its parent's tree, while it runs", async () => {
    const child = spawn(process.execPath, [
      '-e',
      'const end = Date.now() + 600; while (Date.now() < end); setTimeout(() => {}, 5000)',
    ]);
    try {
      await new Promise((r) => setTimeout(r, 900));
      const own = readProc(process.pid)!.cpuSeconds;
      const childCpu = readProc(child.pid!)!.cpuSeconds;
      expect(childCpu).toBeGreaterThan(0.3);
      expect(readProcTree(process.pid)!.cpuSeconds).toBeGreaterThanOrEqual(own + childCpu - 0.05);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('estimateCores', () => {
  it('needs the rate that finishes 99 % of the burst within 2 s after the unloaded latency, at 70 % busy', () => {
    const e = estimateCores(1_000, { workers: 10, temporal: 20, database: 7 }, 200);
    // 990 cases in 1.8 s.
    expect(e.casesPerSec).toBe(550);
    expect(e.workerCores).toBeCloseTo(7.9, 5); // 550/s × 10 ms ÷ 0.7 = 7.86, rounded up
    expect(e.temporalCores).toBeCloseTo(15.8, 5);
    expect(e.databaseCores).toBeCloseTo(5.5, 5);
  });

  it('grows linearly with the burst', () => {
    const e = estimateCores(100_000, { workers: 10, temporal: 20, database: 7 }, 0);
    expect(e.casesPerSec).toBe(49_500);
    expect(e.workerCores).toBeCloseTo(707.2, 5); // 49,500/s × 10 ms ÷ 0.7 = 707.14
    expect(e.databaseCores).toBeCloseTo(495, 5);
  });
});
