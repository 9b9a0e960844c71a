import type { IsoDate } from '../calendar';
import { addDays, subtractPeriod } from '../calendar';
import type { NoticeKind } from '../notices';
import { POLICY } from '../policy';
import type { DeadlineKind } from '../schemas/case';
import { centreOf, IMMIGRATION_OFFICE, notify } from './notify';
import type { CaseState } from './state';
import { alertExpiryWithoutDecision, close, escalateQuery, sendQuery } from './transitions';

export interface Deadline {
  kind: DeadlineKind;
  due: IsoDate;
  basis: string;
}

const LABEL: Record<DeadlineKind, string> = {
  REFLECTION_ENDS: 'reflection period ends',
  DOCUMENT_EXPIRES: 'document expires',
  STATUS_QUERY_DUE: 'status query to the prosecutor due',
  PROSECUTOR_REPLY_DUE: "prosecutor's reply due",
  ESCALATION_REPLY_DUE: "Principal Crown Prosecutor's reply due",
  WITHDRAWAL_DECISION_DUE: 'withdrawal decision due',
};

const BASIS: Record<DeadlineKind, string> = {
  REFLECTION_ENDS: 'Reflection period: 45 days (adult), 3 months (unaccompanied minor) [003 §2.1, §4.3, §5.2]',
  DOCUMENT_EXPIRES: 'Document validity: 3 months renewable once (stage 2), 6 months renewed (stage 3) [003 §5.2]',
  STATUS_QUERY_DUE: 'Status query to the prosecutor at the latest one month before expiry [002 §8.2]',
  PROSECUTOR_REPLY_DUE: 'Reply deadline of the status query: 14 days, at the latest 7 days before expiry (policy) [002 §8.2]',
  ESCALATION_REPLY_DUE: 'No reply: the query went to the Principal Crown Prosecutor, 7 days (policy) [002 §8.2]',
  WITHDRAWAL_DECISION_DUE: 'Withdrawal review by the Immigration Office: 14 days (policy) [001; 004 ¶12]',
};

/** Deadlines the case currently depends on, whether or not they already fired. */
function allDeadlines(s: CaseState): Deadline[] {
  if (s.outcome !== null) return [];
  const list: Deadline[] = [];
  const add = (kind: DeadlineKind, due: IsoDate) => list.push({ kind, due, basis: BASIS[kind] });
  const validUntil = s.document?.validUntil;
  if (validUntil) add(s.stage === 'REFLECTION' ? 'REFLECTION_ENDS' : 'DOCUMENT_EXPIRES', validUntil);
  if (validUntil && s.stage === 'IDENTIFIED_VICTIM' && !s.query && s.decision === null) {
    add('STATUS_QUERY_DUE', subtractPeriod(validUntil, POLICY.statusQuery.latestBeforeExpiry));
  }
  if (s.query) add(s.query.escalatedTo ? 'ESCALATION_REPLY_DUE' : 'PROSECUTOR_REPLY_DUE', s.query.replyBy);
  if (s.review) add('WITHDRAWAL_DECISION_DUE', s.review.decideBy);
  return list;
}

/** A deadline's own clock item: it fires when its day is over, except the query, which goes out on its day. */
const deadlineKey = (s: CaseState, d: Deadline) => `clock/${d.kind}/${s.query?.queryId ?? ''}/${d.due}`;
const firesOn = (d: Deadline): IsoDate => (d.kind === 'STATUS_QUERY_DUE' ? d.due : addDays(d.due, 1));

const REMINDERS: Partial<Record<DeadlineKind, { kind: NoticeKind; daysBefore: readonly number[] }>> = {
  REFLECTION_ENDS: { kind: 'reflection-ending-reminder', daysBefore: POLICY.reflection.remindersDaysBefore },
  DOCUMENT_EXPIRES: { kind: 'document-expiry-reminder', daysBefore: POLICY.documentExpiryRemindersDaysBefore },
  PROSECUTOR_REPLY_DUE: { kind: 'status-query-reminder', daysBefore: POLICY.statusQuery.remindersDaysBefore },
  ESCALATION_REPLY_DUE: { kind: 'status-query-reminder', daysBefore: POLICY.statusQuery.remindersDaysBefore },
  WITHDRAWAL_DECISION_DUE: { kind: 'withdrawal-review-reminder', daysBefore: POLICY.withdrawalReview.remindersDaysBefore },
};

interface ClockItem {
  key: string;
  on: IsoDate;
  /** The deadline this item belongs to, and whether it is only a reminder of it. */
  deadline: string;
  reminder: boolean;
  /** What a person reads on the Web UI's timeline. */
  label: string;
  run: (s: CaseState, today: IsoDate) => void;
}

function onDeadline(s: CaseState, d: Deadline, today: IsoDate): void {
  switch (d.kind) {
    case 'REFLECTION_ENDS':
      return close(s, 'REFLECTION_EXPIRED', null, today);
    case 'DOCUMENT_EXPIRES':
      return close(s, 'NOT_RENEWED', s.decision === 'negative' ? 'negative-answer' : 'no-decision', today);
    case 'STATUS_QUERY_DUE':
      return sendQuery(s, today);
    case 'PROSECUTOR_REPLY_DUE':
      return escalateQuery(s, today);
    case 'ESCALATION_REPLY_DUE':
      return alertExpiryWithoutDecision(s);
    case 'WITHDRAWAL_DECISION_DUE':
      return notify(s, 'withdrawal-review-overdue', `${s.review?.ground}/${d.due}`, [IMMIGRATION_OFFICE], { due: d.due });
  }
}

function reminderRecipients(s: CaseState, d: Deadline) {
  if (d.kind === 'REFLECTION_ENDS' || d.kind === 'DOCUMENT_EXPIRES') return [centreOf(s), { role: 'caseworker' as const }];
  if (d.kind === 'WITHDRAWAL_DECISION_DUE') return [IMMIGRATION_OFFICE];
  const q = s.query;
  if (!q) return [];
  return q.escalatedTo
    ? [{ role: 'principal-crown-prosecutor' as const, courtOfAppeal: q.escalatedTo }]
    : [{ role: 'prosecutor' as const, office: q.office }];
}

function clockItems(s: CaseState): ClockItem[] {
  const items: ClockItem[] = [];
  for (const d of allDeadlines(s)) {
    const deadline = deadlineKey(s, d);
    items.push({ key: deadline, on: firesOn(d), deadline, reminder: false, label: `${LABEL[d.kind]} ${d.due}`, run: (st, today) => onDeadline(st, d, today) });
    const reminder = REMINDERS[d.kind];
    // Decision: expiry reminders only while no decision is known (PROCEDURE.md "Dates and clocks").
    if (!reminder || (d.kind === 'DOCUMENT_EXPIRES' && s.decision !== null)) continue;
    for (const days of reminder.daysBefore) {
      const discriminator = `${s.query && d.kind.endsWith('REPLY_DUE') ? `${s.query.queryId}/` : ''}${d.due}/${days}d`;
      items.push({
        key: `clock/${reminder.kind}/${discriminator}`,
        on: addDays(d.due, -days),
        deadline,
        reminder: true,
        label: `reminder ${days} days before: ${LABEL[d.kind]} ${d.due}`,
        run: (st) => notify(st, reminder.kind, discriminator, reminderRecipients(st, d), { due: d.due, facts: { deadline: d.kind } }),
      });
    }
  }
  return items.filter((i) => !s.fired.includes(i.key));
}

/** Upcoming deadlines, soonest first, for the status and the NextDeadline search attribute. */
export function upcomingDeadlines(s: CaseState): Deadline[] {
  const fired = new Set(s.fired);
  return allDeadlines(s)
    .filter((d) => !fired.has(deadlineKey(s, d)))
    .sort((a, b) => a.due.localeCompare(b.due));
}

/** The next thing on the clock, if any: the day it happens and what it is. */
export function nextClockItem(s: CaseState): { on: IsoDate; label: string } | undefined {
  const next = clockItems(s).sort((a, b) => a.on.localeCompare(b.on))[0];
  return next && { on: next.on, label: next.label };
}

/**
 * Runs every clock item due by `today`, oldest first, each once. When a case
 * wakes late (server down, dates moved), only the latest of a deadline's due
 * reminders is sent: three reminders of the same date at once help nobody.
 */
export function runDueClockItems(s: CaseState, today: IsoDate): void {
  for (let guard = 0; guard < 100; guard++) {
    const due = clockItems(s)
      .filter((i) => i.on <= today)
      .sort((a, b) => a.on.localeCompare(b.on));
    const item = due[0];
    if (!item) return;
    s.fired.push(item.key);
    const superseded = item.reminder && due.slice(1).some((later) => later.deadline === item.deadline);
    if (!superseded) item.run(s, today);
  }
}
