/**
 * Comparing a scenario's cases with the fault-free run: each case's final status, and the notices its recipients
 * got, counted by Message-ID at the SMTP server; and the case index with every case the stack holds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heldCases } from '../../src/case-index/held-cases';
import { verifyIndex } from '../../src/case-index/verify-index';
import { noticeMessageId } from '../../src/mail/compose/message-id';
import { waitUntil } from '../stack/wait';
import type { CaseRun, FaultStack } from './driving';
import { refusedGuardian, type Variant } from './scripts';

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

/** "Index equals status", for every case the stack holds: each difference as `<case id> <field>`. */
export async function indexDifferences(stack: FaultStack): Promise<string[]> {
  const found = await verifyIndex(heldCases(stack.client), stack.caseIndex);
  return found.map((d) => `${d.caseId} ${d.field}`);
}

export async function outcomes(stack: FaultStack, runs: CaseRun[]): Promise<Map<CaseRun, CaseOutcome>> {
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
export function ledgerNotices(stack: FaultStack, caseId: string): NoticeRef[] {
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
  /** Differences between the case index and the cases (of the whole stack, not only this scenario's). */
  indexMismatches: number;
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
  r.indexMismatches === 0 &&
  r.requestErrors === 0;

export function compare(
  name: string,
  runs: CaseRun[],
  got: Map<CaseRun, CaseOutcome>,
  base: Baseline,
  started: number,
  notes: string[],
  faults: number,
  indexDiffs: string[],
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
    indexMismatches: indexDiffs.length,
    requestErrors: 0,
    retries: runs.reduce((n, r) => n + r.retries, 0),
    seconds: (Date.now() - started) / 1000,
    notes,
    problems: [],
  };
  const problem = (p: string) => {
    if (row.problems.length < 12) row.problems.push(p);
  };
  indexDiffs.forEach((d) => problem(`index differs from its case: ${d}`));
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
