import type { IncomingHttpHeaders } from 'node:http';
import { dateAt } from '../../src/domain/calendar';
import type { TaskParty } from '../../src/domain/procedure/case-index-entry';
import type { CaseStatus } from '../../src/domain/schemas/case';
import type { CaseEvent } from '../../src/domain/schemas/events';
import { sleep } from '../stack/wait';
import { MIX_KINDS, mixCase, mixKind, type MixKind } from './index-mix';
import { readProc } from './proc';
import type { DevStack } from './stacks';
import { runPool, summarize, type LatencySummary } from './stats';
import { ApiClient } from './workload';
import { signInToWorkspace, type CookieJar } from './workspace-sign-in';

/**
 * Issue 27.6, "scale, measured": N running cases brought in through the API's imports, and the reads every list makes
 * timed at each N by the service's own clock (Server-Timing), with the calls to Temporal each read made (the API's
 * metrics before and after): a list read from the case index asks no case.
 */

export interface IndexParams {
  /** The levels, ascending: at each, the index holds this many running cases (each imports what the last left). */
  cases: number[];
  /** Imports in flight. */
  concurrency: number;
  /** Timed reads of each list at each level, one at a time, after `warmup` untimed ones. */
  reads: number;
  warmup: number;
  /** A list stops being read after this long, once it was read `MIN_READS` times (a slow read still gets a p95). */
  readBudgetMs: number;
  /** Waiting for the index to hold every case gives up after this long without one more. */
  stallMs: number;
  /** Waiting for the worker and the Temporal server to finish the imports' work (mails, timers) gives up after this. */
  idleWaitMs: number;
}

export interface ReadFigures {
  read: string;
  /** The request, secrets masked. */
  request: string;
  who: string;
  reads: number;
  errors: number;
  firstError: string | null;
  /** Rows the read listed (tasks, queries, cases, calendar events), the last time. */
  rows: number;
  bytes: number;
  /** The API's own time (Server-Timing: from its first middleware to the answer's head). */
  serverMs: LatencySummary;
  /** Every timed read's, in the order read. */
  serverSamplesMs: number[];
  /** The client's round trip on loopback, to the last byte. */
  roundTripMs: LatencySummary;
  /** Calls the API made to Temporal per read, by kind (victim_cases_temporal_calls_total before and after). */
  temporalCallsPerRead: Record<string, number>;
  /** Temporal Queries per row listed: the target is none. */
  queriesPerRow: number | null;
}

export interface IndexLevel {
  cases: number;
  seeding: {
    imported: number;
    errors: number;
    firstError: string | null;
    wallMs: number;
    perSec: number;
    latencyMs: LatencySummary;
  };
  /** From the last import answered to the index holding every case and the worker and the server idle again. */
  settleMs: number;
  /** Cases the index holds. */
  indexed: number;
  /** Open tasks in the index, by whose they are. */
  tasks: Record<string, number>;
  reads: ReadFigures[];
}

export interface IndexResult {
  params: IndexParams;
  /** Of every 20 cases, how many of each kind (tools/bench/index-mix.ts). */
  mix: Record<MixKind, number>;
  levels: IndexLevel[];
}

const MIN_READS = 3;
/** A process is idle below this share of a core. */
const IDLE_CPU = 0.1;

/** The sum of a counter's samples by one label, from Prometheus text. */
export function countsBy(text: string, metric: string, label: string): Record<string, number> {
  const counts: Record<string, number> = {};
  const line = new RegExp(`^${metric}\\{[^}]*\\b${label}="([^"]*)"[^}]*\\} (\\S+)$`, 'gm');
  for (const [, value = '', n = '0'] of text.matchAll(line)) counts[value] = (counts[value] ?? 0) + Number(n);
  return counts;
}

/** Milliseconds of `app;dur=…` in a Server-Timing header. */
export function serverTimingMs(header: string | string[] | undefined): number | undefined {
  const m = /\bapp;dur=([\d.]+)/.exec([header ?? []].flat().join(','));
  return m ? Number(m[1]) : undefined;
}

/** What a list shows: its items, the cases a page links to, or a calendar's events. */
const ROWS = {
  json: (text: string) => (JSON.parse(text) as { items: unknown[] }).items.length,
  page: (text: string) => text.match(/href="\/workspace\/cases\/case-/g)?.length ?? 0,
  calendar: (text: string) => text.match(/^BEGIN:VEVENT/gm)?.length ?? 0,
};

interface ReadSpec {
  read: string;
  who: string;
  path: string;
  /** Shown instead of the path (a feed's secret). */
  shown?: string;
  auth: { token: string } | { jar: CookieJar } | null;
  rows: (text: string) => number;
}

const FEEDS = [
  { who: 'centre PAYOKE', subscriber: { centre: 'PAYOKE' } },
  { who: 'prosecutor ANTWERPEN', subscriber: { prosecutorOffice: 'ANTWERPEN' } },
  { who: 'Immigration Office', subscriber: { immigrationOffice: true } },
] as const;

export async function runIndexBench(stack: DevStack, p: IndexParams, log: (m: string) => void): Promise<IndexResult> {
  if (!stack.metricsUrl || !stack.oidc) throw new Error('the index section needs a stack with pages and metrics');
  const { metricsUrl, oidc } = stack;
  const api = new ApiClient(stack.apiUrl);
  const t = stack.tokens;
  const today = dateAt(Date.now());
  const levels: IndexLevel[] = [];
  const feeds: { who: string; path: string }[] = [];
  for (const f of FEEDS) {
    const issued = await api.call<{ url: string }>('POST', '/v1/calendar-feeds', t.admin!, {
      subscriber: f.subscriber,
      language: 'nl',
    });
    feeds.push({ who: f.who, path: new URL(issued.url).pathname });
  }
  try {
    let [seeded, imported] = [0, 0];
    for (const target of p.cases) {
      const seeding = await seed(api, t['immigration-office']!, today, seeded, target, p.concurrency, log);
      seeded = target;
      imported += seeding.imported;
      const settledFrom = performance.now();
      const indexed = await untilIndexed(stack, imported, p.stallMs, log);
      await untilIdle(stack, p.idleWaitMs, log);
      const settleMs = Math.round(performance.now() - settledFrom);
      const tasks = await openTasks(stack);
      log(`index: N = ${target}: ${indexed} cases indexed (${JSON.stringify(tasks)}); reading the lists`);
      const reads: ReadFigures[] = [];
      for (const spec of await readSpecs(stack, api, oidc.issuer, feeds)) {
        const r = await measure(api, metricsUrl, stack.apiUrl, spec, p);
        reads.push(r);
        log(
          `index: N = ${target}: ${r.read} (${r.who}): ${r.rows} rows, server p50 ${r.serverMs.p50.toFixed(1)} ms, ` +
            `p95 ${r.serverMs.p95.toFixed(1)} ms over ${r.reads} reads; Temporal per read ${JSON.stringify(r.temporalCallsPerRead)}`,
        );
      }
      levels.push({ cases: target, seeding, settleMs, indexed, tasks, reads });
    }
  } finally {
    api.close();
  }
  const mix = Object.fromEntries(MIX_KINDS.map((k) => [k, 0])) as Record<MixKind, number>;
  for (let i = 0; i < 20; i++) mix[mixKind(i)] += 1;
  return { params: p, mix, levels };
}

/** The reads of every list, as their readers make them; the pages with a session signed in for this level. */
async function readSpecs(
  stack: DevStack,
  api: ApiClient,
  issuer: string,
  feeds: { who: string; path: string }[],
): Promise<ReadSpec[]> {
  const t = stack.tokens;
  const office = { who: 'Immigration Office', token: t['immigration-office']! };
  const antwerpen = { who: 'prosecutor ANTWERPEN', token: t['prosecutor-ANTWERPEN']! };
  // Signed in afresh at each level: a session idle through a long seeding would have ended.
  const [officer, prosecutor] = await Promise.all([
    signInToWorkspace(stack.apiUrl, issuer, 'immigration-office'),
    signInToWorkspace(stack.apiUrl, issuer, 'prosecutor-ANTWERPEN'),
  ]);
  const page = (read: string, who: string, path: string, jar: CookieJar): ReadSpec => ({
    read,
    who,
    path,
    auth: { jar },
    rows: ROWS.page,
  });
  const json = (read: string, as: { who: string; token: string }, path: string, shown?: string): ReadSpec => ({
    read,
    who: as.who,
    path,
    ...(shown ? { shown } : {}),
    auth: { token: as.token },
    rows: ROWS.json,
  });
  const later = await laterPage(api, '/v1/tasks', office.token, 10);
  return [
    page('inbox page', office.who, '/workspace/inbox', officer),
    page('queries page', antwerpen.who, '/workspace/queries', prosecutor),
    json('GET /v1/prosecutor/queries', antwerpen, '/v1/prosecutor/queries'),
    json('GET /v1/tasks, first page', office, '/v1/tasks'),
    json('GET /v1/tasks, a later page (`next`)', office, later, '/v1/tasks?cursor=…'),
    json('GET /v1/cases, first page', office, '/v1/cases'),
    ...feeds.map((f) => ({
      read: 'calendar feed',
      who: f.who,
      path: f.path,
      shown: '/calendars/{secret}',
      auth: null,
      rows: ROWS.calendar,
    })),
  ];
}

/** Imports cases `from` to `to` (exclusive) of the mix as the Immigration Office, `concurrency` at a time. */
async function seed(
  api: ApiClient,
  token: string,
  today: string,
  from: number,
  to: number,
  concurrency: number,
  log: (m: string) => void,
): Promise<IndexLevel['seeding']> {
  let done = 0;
  let nextReport = 0.1;
  // Under an Idempotency-Key, so a request that did not get its answer is sent again safely.
  const post = <T>(path: string, body: unknown, key: string, again: RegExp) =>
    retried(() => api.call<T>('POST', path, token, body, { 'idempotency-key': key }), again);
  const after: { caseId: string; i: number; event: CaseEvent }[] = [];
  const pool = await runPool(to - from, concurrency, async (k) => {
    const i = from + k;
    const { body, then } = mixCase(today, i);
    const status = await post<CaseStatus>('/v1/cases/import', body, `bench-index-${today}-${i}`, BUSY);
    if (then) after.push({ caseId: status.caseId, i, event: then });
    done += 1;
    if (done >= nextReport * (to - from)) {
      log(`index: ${from + done}/${to} cases imported`);
      nextReport += 0.1;
    }
  });
  // After the imports: an event waits for the case's first workflow task, which the worker reaches once it has
  // caught up with the imports (before, the Update outlasts the API's call deadline: 503).
  const events = await runPool(after.length, 4, async (k) => {
    const { caseId, i, event } = after[k]!;
    await post(`/v1/cases/${caseId}/events`, event, `bench-index-${today}-${i}-then`, BUSY);
  });
  return {
    imported: pool.latenciesMs.length,
    errors: pool.errors + events.errors,
    firstError: pool.firstError ?? events.firstError,
    wallMs: Math.round(pool.wallMs),
    perSec: (pool.latenciesMs.length / pool.wallMs) * 1000,
    latencyMs: summarize(pool.latenciesMs),
  };
}

/**
 * A kept-alive socket the server closed as the request went out, or Temporal not answering within the API's deadline
 * (a start or an Update the busy server had not confirmed yet: sent again, the key finds what it did).
 */
const BUSY = /socket hang up|ECONNRESET|EPIPE|: 503 /;

/** `request` again (up to ten times, a second apart) while it fails as `again` says. */
async function retried<T>(request: () => Promise<T>, again: RegExp): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (err) {
      if (attempt >= 10 || !again.test((err as Error).message)) throw err;
      await sleep(1_000);
    }
  }
}

/** Waits until the index holds `cases` rows, as long as rows keep coming; how many it holds. */
async function untilIndexed(stack: DevStack, cases: number, stallMs: number, log: (m: string) => void) {
  let held = 0;
  for (let progressAt = performance.now(); ; await sleep(500)) {
    const now = (await stack.caseIndex.caseIds()).length;
    if (now >= cases) return now;
    if (now > held) [held, progressAt] = [now, performance.now()];
    if (performance.now() - progressAt > stallMs) {
      log(`index: no case indexed for ${stallMs} ms; ${held}/${cases} indexed, reading anyway`);
      return held;
    }
  }
}

/** Waits until the worker and the Temporal server are idle (their mails sent, their timers set), up to `waitMs`. */
async function untilIdle(stack: DevStack, waitMs: number, log: (m: string) => void): Promise<void> {
  const pids = [stack.worker.pid!, stack.temporal.pid!];
  const cpu = () => pids.map((pid) => readProc(pid)?.cpuSeconds ?? 0);
  const started = performance.now();
  for (let before = cpu(), said = started; performance.now() < started + waitMs;) {
    await sleep(2_000);
    const after = cpu();
    const busy = after.map((c, i) => (c - before[i]!) / 2);
    if (busy.every((share) => share < IDLE_CPU)) return;
    before = after;
    if (performance.now() - said > 60_000) {
      said = performance.now();
      const [worker = 0, server = 0] = busy.map((b) => Math.round(b * 100));
      log(`index: waiting for the imports' work: worker ${worker} %, Temporal server ${server} % of a core`);
    }
  }
  log(`index: the worker or the server still busy after ${Math.round(waitMs / 1000)} s; reading anyway`);
}

async function openTasks(stack: DevStack): Promise<Record<string, number>> {
  const parties: [string, TaskParty][] = [
    ['Immigration Office', { role: 'immigration-office' }],
    ['prosecutor ANTWERPEN', { role: 'prosecutor', office: 'ANTWERPEN' }],
    ['prosecutor CA-ANTWERPEN', { role: 'prosecutor', office: 'CA-ANTWERPEN' }],
    ['centre PAYOKE', { role: 'centre', centre: 'PAYOKE' }],
  ];
  const totals = await Promise.all(parties.map(([, party]) => stack.caseIndex.listTasks({ party }, undefined, 1)));
  return Object.fromEntries(parties.map(([name], i) => [name, totals[i]!.total]));
}

/** The path of the `depth`-th page of a list (or its last), following `next`. */
async function laterPage(api: ApiClient, first: string, token: string, depth: number): Promise<string> {
  let path = first;
  for (let page = 1; page < depth; page++) {
    const { next } = await api.call<{ next?: string }>('GET', path, token);
    if (!next) break;
    path = `${new URL(next).pathname}${new URL(next).search}`;
  }
  return path;
}

async function temporalCalls(metricsUrl: string): Promise<Record<string, number>> {
  return countsBy(await (await fetch(metricsUrl)).text(), 'victim_cases_temporal_calls_total', 'call');
}

/** Reads one list again and again, one read at a time: the API's time and the client's, rows, calls to Temporal. */
async function measure(
  api: ApiClient,
  metricsUrl: string,
  apiUrl: string,
  spec: ReadSpec,
  p: IndexParams,
): Promise<ReadFigures> {
  const headers = (): Record<string, string> =>
    spec.auth === null
      ? {}
      : 'token' in spec.auth
        ? { authorization: `Bearer ${spec.auth.token}` }
        : { cookie: spec.auth.jar.header(apiUrl) };
  const once = async () => {
    const res = await api.send('GET', spec.path, headers());
    if (spec.auth && 'jar' in spec.auth) spec.auth.jar.take(apiUrl, setCookies(res.headers));
    if (res.status !== 200) throw new Error(`${spec.shown ?? spec.path}: ${res.status} ${res.text.slice(0, 200)}`);
    return res;
  };
  let errors = 0;
  let firstError: string | null = null;
  const failed = (err: unknown) => {
    errors += 1;
    firstError ??= err instanceof Error ? err.message : String(err);
  };
  for (let i = 0; i < p.warmup; i++) await once().catch(failed);
  const before = await temporalCalls(metricsUrl);
  const server: number[] = [];
  const roundTrip: number[] = [];
  let rows = 0;
  let bytes = 0;
  const until = performance.now() + p.readBudgetMs;
  let reads = 0;
  for (; reads < p.reads && (reads < MIN_READS || performance.now() < until); reads++) {
    try {
      const res = await once();
      const ms = serverTimingMs(res.headers['server-timing']);
      if (ms !== undefined) server.push(ms);
      roundTrip.push(res.roundTripMs);
      rows = spec.rows(res.text);
      bytes = Buffer.byteLength(res.text);
    } catch (err) {
      failed(err);
    }
  }
  const after = await temporalCalls(metricsUrl);
  const perRead = Object.fromEntries(
    Object.keys(after)
      .map((call) => [call, (after[call]! - (before[call] ?? 0)) / Math.max(1, reads)] as const)
      .filter(([, n]) => n > 0),
  );
  return {
    read: spec.read,
    request: `GET ${spec.shown ?? spec.path}`,
    who: spec.who,
    reads,
    errors,
    firstError,
    rows,
    bytes,
    serverMs: summarize(server),
    serverSamplesMs: server,
    roundTripMs: summarize(roundTrip),
    temporalCallsPerRead: perRead,
    queriesPerRow: rows > 0 ? (perRead.query ?? 0) / rows : null,
  };
}

const setCookies = (h: IncomingHttpHeaders): string[] => h['set-cookie'] ?? [];
