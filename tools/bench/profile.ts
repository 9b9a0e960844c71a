import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../stack/temporal-binaries';

/** V8's .cpuprofile (what node --cpu-prof writes). */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileEntry {
  name: string;
  selfMs: number;
  /** Share of the thread's busy (non-idle) time. */
  pct: number;
}

export interface ThreadProfile {
  file: string;
  /** The profile's own length, or the length of the measured windows within it when it was cut to them. */
  durationMs: number;
  /** Whether only the samples taken within the measured windows count (start-up and shutdown left out). */
  windowed?: boolean;
  busyMs: number;
  byPackage: ProfileEntry[];
  topFunctions: ProfileEntry[];
  /** Time with a frame of the project's own code on the stack (self + callees), per module: what our code costs, libraries included. */
  inclusiveByProjectModule: ProfileEntry[];
}

/** Where a frame's code comes from: a package, Node itself, the project's own folders, or V8's pseudo-frames. */
function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node (built-in modules)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const path = url.replace(/^file:\/\//, '');
  if (path.includes('webpack') || path.includes('workflow-bundle'))
    return 'workflow bundle (project + SDK workflow code)';
  const rel = relative(PROJECT_ROOT, path);
  return rel.startsWith('..')
    ? path
    : `project: ${rel
        .split('/')
        .slice(0, rel.startsWith('dist/') ? 2 : 1)
        .join('/')}`;
}

const top = (m: Map<string, number>, busy: number, n: number): ProfileEntry[] =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({
      name,
      selfMs: Math.round(us / 1000),
      pct: busy > 0 ? Math.round((us / busy) * 1000) / 10 : 0,
    }));

/** [start, end] in CLOCK_MONOTONIC µs, the clock of a profile's timestamps. */
export type WindowUs = [number, number];

/**
 * Self time per package and per function, from the sample timeline (timeDeltas), idle excluded; with
 * `windows`, only the samples taken within them (a process's start-up would otherwise dominate a short run).
 */
export function summarizeProfile(file: string, windows?: readonly WindowUs[]): ThreadProfile {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const inWindow = (t: number) => !windows || windows.some(([a, b]) => t >= a && t <= b);
  // Each delta is the time before its sample: attribute it to the next sample's node.
  let at = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    at += deltas[i] ?? 0;
    if (!inWindow(at)) continue;
    const next = deltas[i + 1] ?? 0;
    selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + next);
  }
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const projectModule = (url: string): string | undefined => {
    const path = url.replace(/^file:\/\//, '');
    if (!path.startsWith(PROJECT_ROOT) || path.includes('node_modules')) return undefined;
    return relative(PROJECT_ROOT, path)
      .replace(/^dist\//, '')
      .replace(/\.js$/, '');
  };
  const inclusive = new Map<string, number>();
  const pkgs = new Map<string, number>();
  const fns = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const f = byId.get(id)?.callFrame;
    if (!f || f.functionName === '(idle)') continue;
    busy += us;
    const pkg = packageOf(f.url, f.functionName);
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + us);
    const where = f.url
      ? ` ${f.url
          .replace(/^file:\/\//, '')
          .replace(`${PROJECT_ROOT}/`, '')
          .replace(/.*node_modules\//, '')}:${f.lineNumber + 1}`
      : '';
    const fn = `${f.functionName || '(anonymous)'}${where}`;
    fns.set(fn, (fns.get(fn) ?? 0) + us);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const m = projectModule(byId.get(at)?.callFrame.url ?? '');
      if (m) onStack.add(m);
    }
    for (const m of onStack) inclusive.set(m, (inclusive.get(m) ?? 0) + us);
  }
  const overlapUs = (w: readonly WindowUs[]) =>
    w.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, profile.endTime) - Math.max(a, profile.startTime)), 0);
  return {
    file: relative(PROJECT_ROOT, file),
    durationMs: Math.round((windows ? overlapUs(windows) : profile.endTime - profile.startTime) / 1000),
    ...(windows ? { windowed: true } : {}),
    busyMs: Math.round(busy / 1000),
    byPackage: top(pkgs, busy, 12),
    topFunctions: top(fns, busy, 15),
    inclusiveByProjectModule: top(inclusive, busy, 12),
  };
}

/**
 * Every profile under `dir` (one folder per process; one file per thread), busiest first; a process with
 * measured windows is summarised over them only.
 */
export function summarizeProfiles(
  dir: string,
  windows: Record<string, readonly WindowUs[]> = {},
): Record<string, ThreadProfile[]> {
  const out: Record<string, ThreadProfile[]> = {};
  if (!existsSync(dir)) return out;
  for (const proc of readdirSync(dir)) {
    const files = readdirSync(join(dir, proc)).filter((f) => f.endsWith('.cpuprofile'));
    const w = windows[proc]?.length ? windows[proc] : undefined;
    out[proc] = files.map((f) => summarizeProfile(join(dir, proc, f), w)).sort((a, b) => b.busyMs - a.busyMs);
  }
  return out;
}
