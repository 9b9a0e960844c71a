import { execFileSync } from 'node:child_process';
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';

/** What the bench reads of its processes from /proc: CPU, RSS, the live V8 heap of a --trace-gc log. */

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

/**
 * RSS from /proc/<pid>/status, CPU from fields 14-15 (utime, stime) of /proc/<pid>/stat, and 16-17 (cutime,
 * cstime: its exited children) when asked; undefined once the process is gone.
 */
export function readProc(pid: number, withExitedChildren = false): ProcReading | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks =
      Number(fields[11]) + Number(fields[12]) + (withExitedChildren ? Number(fields[13]) + Number(fields[14]) : 0);
    return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM'), cpuSeconds: ticks / ticksPerSecond() };
  } catch {
    return undefined;
  }
}

/** Parent of every process now running (from /proc/<pid>/stat field 4). */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      out.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * A process with all its descendants, as one: PostgreSQL is a postmaster and a backend per connection. CPU
 * counts each live process's own time and what its exited children used (cutime, cstime), so a backend that
 * ends between two readings keeps its share.
 */
export function readProcTree(pid: number, parentOf: Map<number, number> = parents()): ProcReading | undefined {
  const root = readProc(pid, true);
  if (!root) return undefined;
  const children = new Map<number, number[]>();
  for (const [child, parent] of parentOf) children.set(parent, [...(children.get(parent) ?? []), child]);
  const sum = { ...root };
  const walk = (p: number) => {
    for (const child of children.get(p) ?? []) {
      const r = readProc(child, true);
      if (!r) continue;
      sum.rssBytes += r.rssBytes;
      sum.peakRssBytes += r.peakRssBytes;
      sum.cpuSeconds += r.cpuSeconds;
      walk(child);
    }
  };
  walk(pid);
  return sum;
}

/** Pids of this process's children whose command line contains `needle` (the time-skipping server the SDK spawns). */
export function childPidsMatching(needle: string): number[] {
  const pids: number[] = [];
  for (const [pid, parent] of parents()) {
    if (parent !== process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)) pids.push(pid);
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
  /** What each isolate's heap kept reserved after that collection (the figure in parentheses after the arrow). */
  private readonly lastCommittedMiB = new Map<string, number>();

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
        for (const m of text
          .slice(0, cut)
          .matchAll(/\[\d+:(0x[0-9a-f]+)\]\s+\d+ ms: Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(([\d.]+)\)/g)) {
          this.lastAfterMiB.set(m[1]!, Number(m[2]));
          this.lastCommittedMiB.set(m[1]!, Number(m[3]));
        }
      }
    } catch {
      return null;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    return GcTrace.sum(this.lastAfterMiB);
  }

  /** Sum over isolates of the heap each kept reserved after its latest Mark-Compact (read by liveHeapMiB). */
  committedHeapMiB(): number | null {
    return GcTrace.sum(this.lastCommittedMiB);
  }

  private static sum(byIsolate: Map<string, number>): number | null {
    if (byIsolate.size === 0) return null;
    return Math.round([...byIsolate.values()].reduce((a, b) => a + b, 0) * 10) / 10;
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

  /** `trees`: the names whose process is read with its descendants (readProcTree). */
  constructor(
    private readonly pids: Record<string, number>,
    private readonly marks: () => Record<string, number> = () => ({}),
    intervalMs = 1_000,
    private readonly trees: readonly string[] = [],
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): Sample {
    const now = performance.now();
    const procs: Sample['procs'] = {};
    const parentOf = this.trees.length > 0 ? parents() : undefined;
    for (const [name, pid] of Object.entries(this.pids)) {
      const reading = parentOf && this.trees.includes(name) ? readProcTree(pid, parentOf) : readProc(pid);
      if (!reading) continue;
      if (!this.first.has(name)) this.first.set(name, reading);
      const prev = this.last.get(name);
      const cpuPct =
        prev && now > prev.at ? ((reading.cpuSeconds - prev.reading.cpuSeconds) / ((now - prev.at) / 1000)) * 100 : 0;
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
