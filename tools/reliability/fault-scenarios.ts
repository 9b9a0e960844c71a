/**
 * Fault scenarios over many concurrent cases driven through the HTTP API of a
 * process stack (tools/stack/process-stack.ts): each case follows a script of events,
 * every request carries an Idempotency-Key and is retried until it gets a
 * definitive answer, as a client integrating with the contract does. After a
 * scenario every case is compared with the same script run without faults
 * (its final status, and the notices its recipients got, counted by
 * Message-ID at the SMTP server).
 *
 * Its parts: the case scripts (scripts.ts), driving them through the API
 * (driving.ts), the comparison with the fault-free run (comparison.ts) and
 * the table printed at the end (table.ts). Shared by
 * test/integration/faults.test.ts and test/cluster/faults.test.ts (few
 * cases) and tools/reliability/index.ts (hundreds); no jest in here.
 */
import { randomCaseId } from '../../src/cases/case-ids';
import { dateAt } from '../../src/domain/calendar';
import { WORKFLOW_TYPE } from '../../workflows/messages';
import type { ApiResponse } from '../stack/http';
import type { ManagedProcess } from '../stack/managed-process';
import { sleep, waitUntil } from '../stack/wait';
import {
  compare,
  expectedMessageIds,
  indexDifferences,
  ledgerNotices,
  outcomes,
  type Baseline,
  type ScenarioRow,
} from './comparison';
import { driveCases, settle, type CaseRun, type FaultStack } from './driving';
import { EXPECTED_MAILS, script, VARIANTS } from './scripts';

export interface ScenarioContext {
  stack: FaultStack;
  base: Baseline;
  /** Prefix of the cases' keys and addresses, unique per run of the suite. */
  tag: string;
  /** Cases driven at the same time. */
  concurrency: number;
  /** Longest wait for every case to finish after the fault. */
  settleMs: number;
  log?: (line: string) => void;
}

const casesFor = (tag: string, scenario: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ who: `${tag}-${scenario}-${i}`, variant: VARIANTS[i % VARIANTS.length]! }));

const delivered = (stack: FaultStack, from: number) => stack.smtp.deliveries.length - from;

/** Every script once without faults: the reference the scenarios are compared with. */
export async function runBaseline(stack: FaultStack, tag: string): Promise<Baseline> {
  const today = dateAt(Date.now());
  const cases = VARIANTS.map((variant) => ({ who: `${tag}-base-${variant}`, variant }));
  const runs = await driveCases(stack, cases, today, { concurrency: cases.length, stepDeadlineMs: 60_000 });
  const failed = runs.filter((r) => r.errors.length > 0 || !r.caseId);
  if (failed.length > 0)
    throw new Error(`baseline failed: ${failed.map((r) => `${r.variant}: ${r.errors.join('; ')}`).join(' | ')}`);
  await settle(stack, 120_000);
  const got = await outcomes(stack, runs);
  const base = { today } as Baseline;
  for (const run of runs) {
    const out = got.get(run)!;
    const notices = ledgerNotices(stack, run.caseId!);
    const ids = expectedMessageIds(notices, run.caseId!);
    const same = ids.length === out.messageIds.length && [...ids].sort().join() === [...out.messageIds].sort().join();
    if (!same || ids.length !== EXPECTED_MAILS[run.variant] || new Set(ids).size !== ids.length) {
      throw new Error(
        `baseline ${run.variant}: ${out.messageIds.length} mails, ${ids.length} in the ledger, expected ${EXPECTED_MAILS[run.variant]} distinct:\n${out.messageIds.join('\n')}`,
      );
    }
    base[run.variant] = { state: out.state, notices, refusedAttempts: out.refusedAttempts };
  }
  return base;
}

/** `faults`: how many faults struck (kills, outages), which bounds the extra tries at a refused address. */
async function finish(
  ctx: ScenarioContext,
  name: string,
  runs: CaseRun[],
  started: number,
  notes: string[],
  faults: number,
): Promise<ScenarioRow> {
  await settle(ctx.stack, ctx.settleMs);
  const got = await outcomes(ctx.stack, runs);
  return compare(name, runs, got, ctx.base, started, notes, faults, await indexDifferences(ctx.stack));
}

/** The control: the same kind of load with no fault. */
export async function noFault(ctx: ScenarioContext, n: number): Promise<ScenarioRow> {
  const started = Date.now();
  const runs = await driveCases(ctx.stack, casesFor(ctx.tag, 'control', n), ctx.base.today, {
    concurrency: ctx.concurrency,
  });
  return finish(ctx, 'no fault (control)', runs, started, [], 0);
}

/**
 * How long after the relay's last 250 a kill may land. A worker killed in the
 * instant between the relay accepting a mail and the ledger line being
 * written (one synchronous write right after the 250 is read) sends that mail
 * again on retry, with the same Message-ID: SMTP cannot tell the worker
 * whether a mail whose answer it never read was accepted. The default
 * scenario times its kills outside that instant; `atAnyInstant` does not.
 */
export const ACCEPTANCE_QUIET_MS = 500;

/**
 * The worker is SIGKILLed `kills` times while cases are under way: with mails
 * in the middle of being sent (after their DATA, before the relay's answer),
 * Updates waiting for it, and the other cases between timers. It is started
 * again each time.
 */
export async function workerKilled(
  ctx: ScenarioContext,
  n: number,
  kills: number,
  opts: { atAnyInstant?: boolean } = {},
): Promise<ScenarioRow> {
  const { stack } = ctx;
  const started = Date.now();
  const from = stack.smtp.deliveries.length;
  const notes: string[] = [];
  const cases = casesFor(ctx.tag, opts.atAnyInstant ? 'worker-any' : 'worker', n);
  const expected = cases.reduce((sum, c) => sum + ctx.base[c.variant].notices.length, 0);
  const totalSteps = cases.reduce((sum, c) => sum + script(c.variant, ctx.base.today, c.who).length, 0);
  stack.smtp.delayMs = 300;
  let killed = 0;
  const live = { inFlight: 0 };
  let answered = 0;
  const driving = driveCases(ctx.stack, cases, ctx.base.today, {
    concurrency: ctx.concurrency,
    live,
    onAnswer: (res) => {
      if (res.status >= 200 && res.status < 300) answered += 1;
    },
  });
  // The relay holds its answers from the start: the first kill finds mails waiting for theirs and none just accepted.
  if (!opts.atAnyInstant) stack.smtp.holding = true;
  try {
    for (let k = 1; k <= kills; k++) {
      // Mid-flight: requests (Updates) under way and mails between their DATA and the relay's answer.
      const at = Math.floor((totalSteps * k) / (kills + 1));
      const over = () => answered >= totalSteps && delivered(stack, from) >= expected;
      await waitUntil(`${at} requests before kill ${k}`, () => answered >= at || over(), 240_000, 5);
      if (over()) break;
      // Every mail the relay accepted is in the ledger (a synchronous write once the 250 is read) well within this.
      if (!opts.atAnyInstant) stack.smtp.holding = true;
      const ready = () =>
        stack.smtp.inData > 0 && (opts.atAnyInstant || Date.now() - stack.smtp.lastAcceptedAt > ACCEPTANCE_QUIET_MS);
      await waitUntil(`a mail mid-send before kill ${k}`, () => ready() || over(), 240_000, 5);
      if (!ready()) break;
      const inData = stack.smtp.inData;
      const requests = live.inFlight;
      await stack.worker.kill('SIGKILL');
      killed += 1;
      // The held mails lose their session: a relay never answers a client that is gone, so they were not delivered.
      await waitUntil('the held sessions to close', () => stack.smtp.inData === 0, 30_000, 10).catch(() => undefined);
      stack.smtp.holding = false;
      notes.push(
        `kill ${k}: ${inData} mail(s) mid-send, ${requests} request(s) in flight, ${delivered(stack, from)}/${expected} mails in`,
      );
      ctx.log?.(`worker killed (${k}/${kills}), ${inData} mail(s) mid-send, ${requests} request(s) in flight`);
      await stack.worker.start();
    }
  } finally {
    stack.smtp.delayMs = 0;
    stack.smtp.holding = false;
  }
  const runs = await driving;
  notes.push(`${runs.reduce((s, r) => s + r.unavailable, 0)} answers 503 while the worker was down`);
  return finish(
    ctx,
    opts.atAnyInstant ? 'worker SIGKILL at any instant' : 'worker SIGKILL + restart',
    runs,
    started,
    notes,
    killed,
  );
}

/** What serverKilled stops: by default the dev server (SIGKILL); on the cluster a Temporal service or PostgreSQL. */
export interface ServerTarget {
  /** In the scenario's name and notes: "dev server", "history service", "PostgreSQL". */
  name: string;
  process: ManagedProcess;
  /** Default SIGKILL; PostgreSQL's fast shutdown is SIGINT (a SIGKILLed postmaster leaves its backends behind). */
  signal?: NodeJS.Signals;
  /** The requests that must answer 503 while it is down (default: readiness and the case list). */
  probes?: (stack: FaultStack) => Promise<ApiResponse>[];
}

// A case no index holds is asked of Temporal (404 when it answers); the lists read the index and answer anyway.
const defaultProbes = (stack: FaultStack) => [
  stack.request('GET', '/readyz', { timeoutMs: 10_000 }),
  stack.request('GET', `/v1/cases/${randomCaseId()}`, { token: stack.tokens.admin, timeoutMs: 10_000 }),
];

/**
 * The Temporal dev server (or `target`) is stopped and started again on the same data after `downMs`. Before
 * the stop the relay refuses sessions (421), so notices wait on retry timers that fall due while it is down;
 * the relay accepts again during the outage. The API stays up: it must answer 503 meanwhile and recover by
 * itself, as must the workers.
 */
export async function serverKilled(
  ctx: ScenarioContext,
  n: number,
  downMs: number,
  target: ServerTarget = { name: 'dev server', process: ctx.stack.temporal },
): Promise<ScenarioRow> {
  const { stack } = ctx;
  const signal = target.signal ?? 'SIGKILL';
  const started = Date.now();
  const notes: string[] = [];
  const cases = casesFor(ctx.tag, `server-${target.name.replace(/\W+/g, '-')}`, n);
  const totalSteps = cases.reduce((sum, c) => sum + script(c.variant, ctx.base.today, c.who).length, 0);
  stack.smtp.refusing = true;
  let answered = 0;
  const driving = driveCases(stack, cases, ctx.base.today, {
    concurrency: ctx.concurrency,
    onAnswer: (res) => {
      if (res.status >= 200 && res.status < 300) answered += 1;
    },
  });
  let done = false;
  void driving.finally(() => (done = true));
  await waitUntil('half of the requests', () => done || answered >= totalSteps / 2, 240_000, 20);
  // Let the refused notices reach their retry timers.
  await sleep(2_500);
  await target.process.kill(signal);
  const killedAt = Date.now();
  stack.smtp.refusing = false;
  ctx.log?.(`${target.name} stopped (${signal})`);
  // While it is down: the API is up and says 503, quickly.
  const probes: ApiResponse[] = [];
  while (Date.now() - killedAt < downMs) {
    probes.push(...(await Promise.all((target.probes ?? defaultProbes)(stack))));
    await sleep(500);
  }
  const statuses = [...new Set(probes.map((p) => p.status))].sort();
  notes.push(
    `down ${((Date.now() - killedAt) / 1000).toFixed(1)} s: API answered ${statuses.join('/')} (slowest ${Math.max(...probes.map((p) => p.ms)).toFixed(0)} ms)`,
  );
  if (statuses.some((s) => s !== 503))
    notes.push(`PROBLEM: the API answered something other than 503 while the ${target.name} was down`);
  await target.process.start();
  const restartedAt = Date.now();
  await waitUntil(
    'the API to recover',
    async () => (await stack.request('GET', '/readyz')).status === 200,
    120_000,
    250,
  );
  notes.push(`API answered 200 again ${((Date.now() - restartedAt) / 1000).toFixed(1)} s after the restart, by itself`);
  const runs = await driving;
  return finish(ctx, `${target.name} ${signal} + restart`, runs, started, notes, 1);
}

/**
 * The relay goes away (connection refused) for `downMs` while cases run, and
 * comes back on the same port. Notices wait and retry with back-off; the
 * refused guardian addresses of some scripts get a 550: flagged on the case,
 * tried once per notice, not again.
 */
export async function smtpOutage(ctx: ScenarioContext, n: number, downMs: number): Promise<ScenarioRow> {
  const { stack } = ctx;
  const started = Date.now();
  const notes: string[] = [];
  const from = stack.smtp.deliveries.length;
  const cases = casesFor(ctx.tag, 'smtp', n);
  const expected = cases.reduce((sum, c) => sum + ctx.base[c.variant].notices.length, 0);
  const driving = driveCases(stack, cases, ctx.base.today, { concurrency: ctx.concurrency });
  let done = false;
  void driving.finally(() => (done = true));
  await waitUntil(
    'the first mails',
    () => done || delivered(stack, from) >= Math.max(1, Math.floor(expected / 5)),
    240_000,
    20,
  );
  await stack.smtp.stop();
  const stoppedAt = Date.now();
  ctx.log?.('SMTP server stopped');
  // During the outage, the cases' pending sends show their attempts and the next retry.
  let maxAttempt = 0;
  /** Temporal's current retry interval of pending sends, by attempt: the back-off. */
  const gaps = new Map<number, number>();
  while (Date.now() - stoppedAt < downMs) {
    await sleep(Math.min(2_000, downMs / 4));
    // A sample of the running cases (at most 20 a round), so the look does not outlast the outage.
    const sample: string[] = [];
    for await (const wf of stack.client.workflow.list({
      query: `WorkflowType = '${WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'`,
      pageSize: 20,
    })) {
      sample.push(wf.workflowId);
      if (sample.length >= 20 || Date.now() - stoppedAt >= downMs) break;
    }
    for (const workflowId of sample) {
      if (Date.now() - stoppedAt >= downMs) break;
      const d = await stack.client.workflow.getHandle(workflowId).describe();
      for (const a of d.raw.pendingActivities ?? []) {
        maxAttempt = Math.max(maxAttempt, a.attempt ?? 0);
        const interval = a.currentRetryInterval?.seconds;
        if (interval != null) gaps.set(a.attempt ?? 0, Math.max(gaps.get(a.attempt ?? 0) ?? 0, Number(interval)));
      }
    }
  }
  await stack.smtp.start();
  notes.push(
    `relay down ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s; pending sends reached attempt ${maxAttempt}`,
  );
  if (gaps.size > 0) {
    const seen = [...gaps].sort(([a], [b]) => a - b).map(([attempt, s]) => `before attempt ${attempt}: ${s} s`);
    notes.push(`back-off seen ${seen.join(', ')}`);
  }
  const runs = await driving;
  return finish(ctx, 'SMTP down + back', runs, started, notes, 1);
}

/**
 * The API is SIGKILLed `kills` times while requests carrying Idempotency-Keys
 * are in flight, and started again; the clients retry with the same keys.
 * Each key must have one effect: one case per opening, one history entry per
 * event (checked through the final status), one set of notices.
 */
export async function apiKilled(ctx: ScenarioContext, n: number, kills: number): Promise<ScenarioRow> {
  const { stack } = ctx;
  const started = Date.now();
  const notes: string[] = [];
  const cases = casesFor(ctx.tag, 'api', n);
  const totalSteps = cases.reduce((sum, c) => sum + script(c.variant, ctx.base.today, c.who).length, 0);
  const before = new Set<string>();
  for await (const wf of stack.client.workflow.list({ query: `WorkflowType = '${WORKFLOW_TYPE}'` }))
    before.add(wf.workflowId);
  let answered = 0;
  const live = { inFlight: 0 };
  const driving = driveCases(stack, cases, ctx.base.today, {
    concurrency: ctx.concurrency,
    live,
    onAnswer: (res) => {
      if (res.status >= 200 && res.status < 300) answered += 1;
    },
  });
  let done = false;
  void driving.finally(() => (done = true));
  let cut = 0;
  const cutRequests: number[] = [];
  for (let k = 1; k <= kills; k++) {
    await waitUntil(`request ${k} of ${kills}`, () => done || answered >= (totalSteps * k) / (kills + 1), 240_000, 10);
    if (done) break;
    cutRequests.push(live.inFlight);
    await stack.api.kill('SIGKILL');
    cut += 1;
    ctx.log?.(`API killed (${k}/${kills})`);
    await stack.api.start();
  }
  const runs = await driving;
  const after: string[] = [];
  for await (const wf of stack.client.workflow.list({ query: `WorkflowType = '${WORKFLOW_TYPE}'` }))
    if (!before.has(wf.workflowId)) after.push(wf.workflowId);
  const distinct = new Set(after);
  const ours = new Set(runs.map((r) => r.caseId).filter((id): id is string => !!id));
  notes.push(
    `${cut} kill(s), requests in flight at each: ${cutRequests.join(', ')}; ${runs.reduce((s, r) => s + r.retries, 0)} retries`,
  );
  notes.push(`${distinct.size} case(s) created for ${runs.length} opening keys`);
  const row = await finish(ctx, 'API SIGKILL + client retries', runs, started, notes, cut);
  const strays = [...distinct].filter((id) => !ours.has(id));
  if (distinct.size !== runs.length || strays.length > 0) {
    row.stateMismatches += Math.abs(distinct.size - runs.length) + strays.length;
    row.problems.push(`cases created: ${distinct.size} for ${runs.length} keys; not ours: ${strays.join(', ')}`);
  }
  return row;
}
