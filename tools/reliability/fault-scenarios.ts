/**
 * Fault scenarios over many concurrent cases driven through the HTTP API of a
 * process stack (tools/stack/process-stack.ts): each case follows a script of events,
 * every request carries an Idempotency-Key and is retried until it gets a
 * definitive answer, as a client integrating with the contract does. After a
 * scenario every case is compared with the same script run without faults
 * (its final status, and the notices its recipients got, counted by
 * Message-ID at the SMTP server).
 *
 * Shared by test/integration/faults.test.ts (few cases) and
 * tools/reliability/index.ts (hundreds); no jest in here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dateAt } from '../../src/domain/calendar';
import { noticeMessageId } from '../../src/mail/message-id';
import { WORKFLOW_TYPE } from '../../workflows/messages';
import type { ApiResponse } from '../stack/http';
import type { ManagedProcess } from '../stack/managed-process';
import type { ProcessStack } from '../stack/process-stack';

/**
 * What a scenario drives and breaks: the process stack, or the cluster (tools/cluster), whose `worker` is one of
 * its two and whose `temporal` is the service a scenario kills.
 */
export type FaultStack = Pick<
  ProcessStack,
  'dir' | 'request' | 'client' | 'smtp' | 'tokens' | 'worker' | 'temporal' | 'api'
>;
import { sleep, waitUntil } from '../stack/wait';

// ---------------------------------------------------------------------------------------------
// Case scripts
// ---------------------------------------------------------------------------------------------

export const VARIANTS = [
  'permanent',
  'withdrawn-minor',
  'returned',
  'renewed-refused',
  'opened-in-error',
  'rejected-guardian',
] as const;
export type Variant = (typeof VARIANTS)[number];

/** Mails each script makes the relay accept (worked out from PROCEDURE.md; the baseline run must agree). */
export const EXPECTED_MAILS: Record<Variant, number> = {
  permanent: 10, // opened; stage 2 (centre, document, query); stage 3 (centre, document); eligible (IO, centre); granted (centre, IO)
  'withdrawn-minor': 5, // opened; review opened; closed (centre, guardian, IO)
  returned: 6, // opened; stage 2 (3); closed (centre, IO)
  'renewed-refused': 9, // opened; stage 2 (3); second query; negative answer (IO, centre); closed (centre, IO)
  'opened-in-error': 2, // opened; cancelled by its centre (the Immigration Office, which was told of the opening)
  'rejected-guardian': 8, // opened; stage 2 (centre, document, query, delivery-failed); closed (centre, IO, delivery-failed)
};

/** The guardian's server refuses this domain for good (550). */
export const REFUSED_DOMAIN = 'refused.example.org';
export const isRefused = (address: string): boolean => address.endsWith(`@${REFUSED_DOMAIN}`);
const refusedGuardian = (who: string) => `guardian-${who}@${REFUSED_DOMAIN}`;

interface Step {
  label: string;
  token: string;
  method: 'POST';
  path: (caseId: string) => string;
  body: unknown;
}

const opening = (openedOn: string, minor: boolean, who: string, guardianEmail?: string) => ({
  openedOn,
  unaccompaniedMinor: minor,
  victim: { pseudonym: `P-${who}`, language: 'ro' },
  exploitation: minor ? 'begging' : 'labour',
  caseworkerEmail: `cw-${who}@example.org`,
  ...(guardianEmail ? { guardian: { name: `G-${who}`, email: guardianEmail } } : {}),
});

const open = (token: string, body: unknown): Step => ({
  label: 'open',
  token,
  method: 'POST',
  path: () => '/v1/cases',
  body,
});
const event = (token: string, body: { type: string } & Record<string, unknown>): Step => ({
  label: body.type,
  token,
  method: 'POST',
  path: (caseId) => `/v1/cases/${caseId}/events`,
  body,
});
const answer = (token: string, q: number, yes: boolean): Step => ({
  label: `answer-q${q}`,
  token,
  method: 'POST',
  path: (caseId) => `/v1/prosecutor/queries/${caseId}-q${q}/answer`,
  body: { consideredVictim: true, proceedingsOngoing: yes, cooperating: yes, tiesSevered: yes },
});

/** The requests of one case, in order; `who` makes its addresses unique. */
export function script(variant: Variant, today: string, who: string): Step[] {
  const on = today;
  switch (variant) {
    case 'permanent':
      return [
        open('centre-PAYOKE', opening(today, false, who)),
        event('centre-PAYOKE', { type: 'complaint-filed', on, kind: 'complaint', prosecutorOffice: 'ANTWERPEN' }),
        answer('prosecutor-ANTWERPEN', 1, true),
        event('centre-PAYOKE', { type: 'identity-documented', on, documentKind: 'passport' }),
        event('prosecutor-ANTWERPEN', { type: 'conviction', on, underTraffickingLaw: true, appealed: false }),
        event('immigration-office', { type: 'permanent-residence-decided', on, grant: true }),
      ];
    case 'withdrawn-minor':
      return [
        open('centre-PAG-ASA', opening(today, true, who, `guardian-${who}@example.org`)),
        event('centre-PAG-ASA', { type: 'contact-with-exploiters', on }),
        event('immigration-office', {
          type: 'withdrawal-decided',
          on,
          withdraw: true,
          ground: 'contact-with-exploiters',
        }),
      ];
    case 'returned':
      return [
        open('centre-SURYA', opening(today, false, who)),
        event('centre-SURYA', { type: 'complaint-filed', on, kind: 'statement', prosecutorOffice: 'LIEGE' }),
        event('centre-SURYA', { type: 'voluntary-return', on }),
      ];
    case 'renewed-refused':
      return [
        open('centre-PAYOKE', opening(today, false, who)),
        event('centre-PAYOKE', { type: 'complaint-filed', on, kind: 'complaint', prosecutorOffice: 'ANTWERPEN' }),
        event('immigration-office', { type: 'temporary-residence-renewed', on }),
        answer('prosecutor-ANTWERPEN', 2, false),
        event('immigration-office', { type: 'other-status-granted', on, status: 'refugee' }),
      ];
    case 'opened-in-error':
      return [open('centre-SURYA', opening(today, false, who)), event('centre-SURYA', { type: 'opened-in-error', on })];
    case 'rejected-guardian':
      return [
        open('centre-PAG-ASA', opening(today, true, who, refusedGuardian(who))),
        event('centre-PAG-ASA', { type: 'complaint-filed', on, kind: 'complaint', prosecutorOffice: 'BRUSSEL' }),
        event('centre-PAG-ASA', { type: 'voluntary-return', on }),
      ];
  }
}

// ---------------------------------------------------------------------------------------------
// Driving cases through the API
// ---------------------------------------------------------------------------------------------

export interface CaseRun {
  who: string;
  variant: Variant;
  caseId?: string;
  steps: number;
  done: number;
  /** Requests repeated after no answer, a 5xx or a 429. */
  retries: number;
  /** 503 answers seen (Temporal or the worker unavailable). */
  unavailable: number;
  /** Answers that are neither success nor retryable, and 500s: each one is a failure of the run. */
  errors: string[];
}

export interface DriveOptions {
  /** Cases driven at the same time. */
  concurrency: number;
  /** How long one request is retried before the case gives up. */
  stepDeadlineMs?: number;
  /** Called after every answer, e.g. to trigger a fault at the right moment. */
  onAnswer?: (res: ApiResponse) => void;
  /** Requests under way right now, kept up to date by the drivers. */
  live?: { inFlight: number };
}

const retryable = (res: ApiResponse) => res.status === 0 || res.status === 429 || res.status >= 500;

async function runStep(
  stack: FaultStack,
  run: CaseRun,
  step: Step,
  key: string,
  o: DriveOptions,
): Promise<ApiResponse | undefined> {
  const deadline = Date.now() + (o.stepDeadlineMs ?? 180_000);
  for (let attempt = 0; ; attempt++) {
    if (o.live) o.live.inFlight += 1;
    const res = await stack.request(step.method, step.path(run.caseId ?? ''), {
      token: stack.tokens[step.token],
      body: step.body,
      idempotencyKey: key,
      timeoutMs: 20_000,
    });
    if (o.live) o.live.inFlight -= 1;
    o.onAnswer?.(res);
    if (res.status === 503) run.unavailable += 1;
    if (res.status === 500) run.errors.push(`${step.label}: 500 ${JSON.stringify(res.body)}`);
    if (!retryable(res)) {
      if (res.status >= 200 && res.status < 300) return res;
      run.errors.push(`${step.label}: ${res.status} ${JSON.stringify(res.body)}`);
      return undefined;
    }
    if (Date.now() > deadline) {
      run.errors.push(`${step.label}: gave up after ${attempt + 1} attempts (last ${res.status || res.error})`);
      return undefined;
    }
    run.retries += 1;
    await sleep(Math.min(2_000, 100 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
  }
}

async function driveCase(stack: FaultStack, run: CaseRun, steps: Step[], o: DriveOptions): Promise<void> {
  for (const [i, step] of steps.entries()) {
    const res = await runStep(stack, run, step, `${run.who}-${i}`, o);
    if (!res) return;
    if (i === 0) run.caseId = (res.body as { caseId: string }).caseId;
    run.done += 1;
  }
}

/** Drives every case to the end of its script, `concurrency` cases at a time. */
export async function driveCases(
  stack: FaultStack,
  cases: { who: string; variant: Variant }[],
  today: string,
  o: DriveOptions,
): Promise<CaseRun[]> {
  const runs = cases.map((c): CaseRun => ({ ...c, steps: 0, done: 0, retries: 0, unavailable: 0, errors: [] }));
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < runs.length; i = next++) {
      const run = runs[i]!;
      const steps = script(run.variant, today, run.who);
      run.steps = steps.length;
      await driveCase(stack, run, steps, o);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, runs.length) }, lane));
  return runs;
}

/** Waits until no case workflow runs any more (each script ends its case; the last notices go out before). */
export async function settle(stack: FaultStack, timeoutMs: number): Promise<void> {
  await waitUntil(
    'every case to finish',
    async () =>
      (await stack.client.workflow.count(`WorkflowType = '${WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'`)).count ===
      0,
    timeoutMs,
    1_000,
  );
}

// ---------------------------------------------------------------------------------------------
// Comparing with the fault-free run
// ---------------------------------------------------------------------------------------------

export interface CaseOutcome {
  /** The final status with the case id replaced by CASE, without the run's pseudonym. */
  state: string;
  /** Message-IDs of the mails the relay accepted for the case, as often as it accepted each. */
  messageIds: string[];
  /** RCPT TO attempts at the refused guardian address. */
  refusedAttempts: number;
}

/** A notice of a script, independent of the case it ran in: its key with the case id replaced by CASE, and its recipient. */
export interface NoticeRef {
  key: string;
  recipient: string;
}

/** What each script gives without faults. */
export type Baseline = { today: string } & Record<
  Variant,
  { state: string; notices: NoticeRef[]; refusedAttempts: number }
>;

const normalise = (text: string, caseId: string) => text.split(caseId).join('CASE');

/** The Message-IDs a case must have received: those of the script's notices, with this case's id. */
export const expectedMessageIds = (notices: NoticeRef[], caseId: string): string[] =>
  notices.map((n) => noticeMessageId(n.key.split('CASE').join(caseId), n.recipient));

async function finalState(stack: FaultStack, caseId: string): Promise<string> {
  const res = await waitUntil(
    `the status of ${caseId}`,
    async () => {
      const r = await stack.request('GET', `/v1/cases/${caseId}`, { token: stack.tokens.admin, timeoutMs: 20_000 });
      return r.status === 200 ? r : undefined;
    },
    60_000,
    500,
  );
  // The pseudonym names the script's run (P-<who>), not what the procedure did.
  const { victim: _pseudonym, ...status } = res.body as Record<string, unknown>;
  return normalise(JSON.stringify(status), caseId);
}

/** Message-IDs per case id (a Message-ID starts with its notice's case id). */
function deliveriesByCase(stack: FaultStack): Map<string, string[]> {
  const byCase = new Map<string, string[]>();
  for (const d of stack.smtp.deliveries) {
    const caseId = /^<(case-[0-9a-f-]{36})/.exec(d.messageId)?.[1] ?? '(none)';
    byCase.set(caseId, [...(byCase.get(caseId) ?? []), d.messageId]);
  }
  return byCase;
}

async function outcomes(stack: FaultStack, runs: CaseRun[]): Promise<Map<CaseRun, CaseOutcome>> {
  const byCase = deliveriesByCase(stack);
  const result = new Map<CaseRun, CaseOutcome>();
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < runs.length; i = next++) {
      const run = runs[i]!;
      if (!run.caseId) continue;
      const caseId = run.caseId;
      result.set(run, {
        state: await finalState(stack, caseId),
        messageIds: byCase.get(caseId) ?? [],
        refusedAttempts: stack.smtp.rcptAttempts.get(refusedGuardian(run.who)) ?? 0,
      });
    }
  };
  await Promise.all(Array.from({ length: 6 }, lane));
  return result;
}

/**
 * The notices behind a fault-free case's mails, from the worker's sent-mail ledger
 * (Message-IDs digest the notice key, so the key itself is read there).
 */
function ledgerNotices(stack: FaultStack, caseId: string): NoticeRef[] {
  const lines = readFileSync(join(stack.dir, 'sent-notices.jsonl'), 'utf8').split('\n');
  const refs: NoticeRef[] = [];
  for (const line of lines) {
    if (!line.includes(caseId)) continue;
    const entry = JSON.parse(line) as { noticeKey: string; recipient: string };
    if (entry.noticeKey.startsWith(`${caseId}/`))
      refs.push({ key: normalise(entry.noticeKey, caseId), recipient: entry.recipient });
  }
  return refs.sort((a, b) => `${a.key} ${a.recipient}`.localeCompare(`${b.key} ${b.recipient}`));
}

export interface ScenarioRow {
  scenario: string;
  cases: number;
  /** Requests that took effect: case openings, events, answers. */
  events: number;
  expected: number;
  /** Expected notices that arrived (once or more). */
  delivered: number;
  lost: number;
  /** Arrivals beyond the first of the same Message-ID. */
  duplicated: number;
  /** Notices nobody expected. */
  unexpected: number;
  /** Cases whose final status differs from the fault-free run. */
  stateMismatches: number;
  /** Cases whose refused guardian address saw a different number of attempts than without faults. */
  refusalMismatches: number;
  requestErrors: number;
  retries: number;
  seconds: number;
  /** What the fault did and what was observed during it. */
  notes: string[];
  /** The first few differences, for the failure message. */
  problems: string[];
}

export const rowIsClean = (r: ScenarioRow): boolean =>
  r.lost === 0 &&
  r.duplicated === 0 &&
  r.unexpected === 0 &&
  r.stateMismatches === 0 &&
  r.refusalMismatches === 0 &&
  r.requestErrors === 0;

function compare(
  name: string,
  runs: CaseRun[],
  got: Map<CaseRun, CaseOutcome>,
  base: Baseline,
  started: number,
  notes: string[],
  faults: number,
): ScenarioRow {
  const row: ScenarioRow = {
    scenario: name,
    cases: runs.length,
    events: runs.reduce((n, r) => n + r.done, 0),
    expected: 0,
    delivered: 0,
    lost: 0,
    duplicated: 0,
    unexpected: 0,
    stateMismatches: 0,
    refusalMismatches: 0,
    requestErrors: 0,
    retries: runs.reduce((n, r) => n + r.retries, 0),
    seconds: (Date.now() - started) / 1000,
    notes,
    problems: [],
  };
  const problem = (p: string) => {
    if (row.problems.length < 12) row.problems.push(p);
  };
  for (const run of runs) {
    const ref = base[run.variant];
    row.expected += ref.notices.length;
    row.requestErrors += run.errors.length;
    run.errors.forEach((e) => problem(`${run.who} (${run.variant}): ${e}`));
    const out = got.get(run);
    if (!out || !run.caseId) {
      row.lost += ref.notices.length;
      row.stateMismatches += 1;
      problem(`${run.who} (${run.variant}): never opened`);
      continue;
    }
    const counts = new Map<string, number>();
    out.messageIds.forEach((m) => counts.set(m, (counts.get(m) ?? 0) + 1));
    for (const m of expectedMessageIds(ref.notices, run.caseId)) {
      const c = counts.get(m) ?? 0;
      if (c === 0) {
        row.lost += 1;
        problem(`${run.caseId}: lost ${m}`);
      } else {
        row.delivered += 1;
        if (c > 1) problem(`${run.caseId}: ${c}× ${m}`);
        row.duplicated += c - 1;
      }
      counts.delete(m);
    }
    for (const [m, c] of counts) {
      row.unexpected += c;
      problem(`${run.caseId}: unexpected ${c}× ${m}`);
    }
    if (out.state !== ref.state) {
      row.stateMismatches += 1;
      problem(`${run.caseId} (${run.variant}): final status differs\n  got      ${out.state}\n  expected ${ref.state}`);
    }
    // Each refused notice is tried at that address once; a fault that strikes between the 550 and Temporal
    // learning of it (the attempt's failure is not reported) costs one more try: bounded by the faults, never a loop.
    if (out.refusedAttempts < ref.refusedAttempts || out.refusedAttempts > ref.refusedAttempts + faults) {
      row.refusalMismatches += 1;
      problem(
        `${run.caseId}: ${out.refusedAttempts} attempts at the refused address, ${ref.refusedAttempts} without faults (+${faults} allowed)`,
      );
    }
  }
  return row;
}

// ---------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------

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
  return compare(name, runs, await outcomes(ctx.stack, runs), ctx.base, started, notes, faults);
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

const defaultProbes = (stack: FaultStack) => [
  stack.request('GET', '/readyz', { timeoutMs: 10_000 }),
  stack.request('GET', '/v1/cases', { token: stack.tokens.admin, timeoutMs: 10_000 }),
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
    async () => (await stack.request('GET', '/v1/cases', { token: stack.tokens.admin })).status === 200,
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

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

/** The table `npm run reliability` prints. */
export function formatTable(rows: ScenarioRow[]): string {
  const header = [
    'scenario',
    'cases',
    'events',
    'notices expected',
    'delivered',
    'lost',
    'duplicated',
    'state diffs',
    'seconds',
  ];
  const body = rows.map((r) => [
    r.scenario,
    String(r.cases),
    String(r.events),
    String(r.expected),
    String(r.delivered),
    String(r.lost),
    String(r.duplicated + r.unexpected),
    String(r.stateMismatches + r.refusalMismatches + r.requestErrors),
    r.seconds.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...body.map(line),
  ].join('\n');
}
