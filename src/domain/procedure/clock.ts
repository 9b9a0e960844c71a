import type { IsoDate, Period } from '../calendar';
import { addDays, addPeriod, subtractPeriod } from '../calendar';
import type { NoticeKind } from '../notices';
import { POLICY } from '../policy';
import type { DeadlineKind } from '../schemas/case';
import { centreOf, GUARDIAN, IMMIGRATION_OFFICE, queueNotice } from './outbox';
import type { EarlierRules } from './earlier-rules';
import { guardianshipEnds, type CaseState } from './state';
import {
  alertExpiryWithoutDecision,
  answererOf,
  close,
  closeNotRenewed,
  escalateQuery,
  hadWholeWindow,
  sendQuery,
} from './transitions';

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
  PERMANENT_RESIDENCE_DECISION_DUE: 'permanent-residence decision due',
  GUARDIANSHIP_ENDS: 'guardianship ends (18th birthday)',
  LATE_REPORTS_CLOSE: 'late reports accepted until',
};

/** A period as the basis texts say it: "45 days", "3 months", "one month". */
function period(p: Period): string {
  const parts = (['years', 'months', 'days'] as const).flatMap((unit) => {
    const n = p[unit];
    if (!n) return [];
    return [n === 1 ? `one ${unit.slice(0, -1)}` : `${n} ${unit}`];
  });
  return parts.join(' and ');
}

/** How long before the expiry: "7 days before", "the day before". */
const before = (p: Period): string =>
  p.days === 1 && !p.months && !p.years ? 'the day before' : `${period(p)} before`;

const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

const { reflection, temporaryResidence, identifiedVictim, statusQuery, withdrawalReview, permanentResidence, outage } =
  POLICY;

/** Each deadline's rule, its numbers read from the policy [seeds cited in PROCEDURE.md]. */
export const DEADLINE_BASIS: Record<DeadlineKind, string> = {
  REFLECTION_ENDS: `Reflection period: ${period(reflection.adult)} (adult), ${period(reflection.minor)} (unaccompanied minor) [003 §2.1, §4.3, §5.2]`,
  DOCUMENT_EXPIRES: `Document validity: ${period(temporaryResidence.validity)} renewable ${times(temporaryResidence.maxRenewals)} (stage 2), ${period(identifiedVictim.validity)} renewed (stage 3) [003 §5.2]`,
  STATUS_QUERY_DUE: `Status query to the prosecutor at the latest ${before(statusQuery.latestBeforeExpiry)} expiry [002 §8.2]`,
  PROSECUTOR_REPLY_DUE: `Reply deadline of the status query: ${period(statusQuery.replyWithin)}, at the latest ${before(statusQuery.replyNoLaterThanBeforeExpiry)} expiry, at least ${period(statusQuery.replyAtLeast)} (policy) [002 §8.2]`,
  ESCALATION_REPLY_DUE: `No reply: the query went to the Principal Crown Prosecutor, ${period(statusQuery.escalationReplyWithin)}, at the latest ${before(statusQuery.escalationNoLaterThanBeforeExpiry)} expiry (policy) [002 §8.2]`,
  WITHDRAWAL_DECISION_DUE: `Withdrawal review by the Immigration Office: ${period(withdrawalReview.decideWithin)} (policy) [001; 004 ¶12]`,
  PERMANENT_RESIDENCE_DECISION_DUE: `Residence of unlimited duration "can be issued": the Immigration Office decides within ${period(permanentResidence.decideWithin)} (policy) [002 §8.3; 003 §5.2]`,
  GUARDIANSHIP_ENDS: `The guardianship of an unaccompanied minor ends at ${POLICY.majorityAge} [003 §4.3; 004 ¶7]`,
  LATE_REPORTS_CLOSE: `A case-ending deadline passed while the service was down: ${period(outage.reportingGrace)} to report what happened meanwhile (policy)`,
};

const QUERY_KINDS: readonly DeadlineKind[] = ['PROSECUTOR_REPLY_DUE', 'ESCALATION_REPLY_DUE'];
/** Deadlines after which the case would end: an outage never ends a case by itself (PROCEDURE.md "Dates and clocks"). */
type EndingKind = 'REFLECTION_ENDS' | 'DOCUMENT_EXPIRES';

/** The current document's own deadline: the end of reflection in stage 1, its expiry after. */
const documentDeadline = (s: CaseState): EndingKind =>
  s.stage === 'REFLECTION' ? 'REFLECTION_ENDS' : 'DOCUMENT_EXPIRES';

/** A late deadline still waits for its grace to end while the document it belongs to has not changed. */
const lateStillApplies = (s: CaseState): boolean =>
  !!s.late && s.document?.validUntil === s.late.due && documentDeadline(s) === s.late.kind;

/** Deadlines the case currently depends on, whether or not they already fired. */
function allDeadlines(s: CaseState): Deadline[] {
  if (s.outcome !== null) return [];
  const list: Deadline[] = [];
  const add = (kind: DeadlineKind, due: IsoDate) => list.push({ kind, due, basis: DEADLINE_BASIS[kind] });
  const validUntil = s.document?.validUntil;
  if (validUntil) add(documentDeadline(s), validUntil);
  const renewable = s.stage === 'TEMPORARY_RESIDENCE' || s.stage === 'IDENTIFIED_VICTIM';
  if (
    validUntil &&
    renewable &&
    !s.query &&
    s.decision === null &&
    s.querySentForDocument === null &&
    !s.expiredAwaitingDecision
  ) {
    add('STATUS_QUERY_DUE', subtractPeriod(validUntil, POLICY.statusQuery.latestBeforeExpiry));
  }
  if (s.query) add(s.query.escalatedTo ? 'ESCALATION_REPLY_DUE' : 'PROSECUTOR_REPLY_DUE', s.query.replyBy);
  if (s.review) add('WITHDRAWAL_DECISION_DUE', s.review.decideBy);
  if (s.permanentResidenceReview) add('PERMANENT_RESIDENCE_DECISION_DUE', s.permanentResidenceReview.decideBy);
  if (s.late && lateStillApplies(s)) add('LATE_REPORTS_CLOSE', s.late.until);
  return list;
}

/** A deadline's own clock item: it fires when its day is over, except those that happen on their day. */
const deadlineKey = (s: CaseState, d: Deadline) =>
  `clock/${d.kind}/${QUERY_KINDS.includes(d.kind) ? (s.query?.queryId ?? '') : ''}/${d.due}`;
const firesOn = (d: Deadline): IsoDate => (d.kind === 'STATUS_QUERY_DUE' ? d.due : addDays(d.due, 1));

const REMINDERS: Partial<Record<DeadlineKind, { kind: NoticeKind; daysBefore: readonly number[] }>> = {
  REFLECTION_ENDS: { kind: 'reflection-ending-reminder', daysBefore: POLICY.reflection.remindersDaysBefore },
  DOCUMENT_EXPIRES: { kind: 'document-expiry-reminder', daysBefore: POLICY.documentExpiryRemindersDaysBefore },
  PROSECUTOR_REPLY_DUE: { kind: 'status-query-reminder', daysBefore: POLICY.statusQuery.remindersDaysBefore },
  ESCALATION_REPLY_DUE: { kind: 'status-query-reminder', daysBefore: POLICY.statusQuery.remindersDaysBefore },
  WITHDRAWAL_DECISION_DUE: {
    kind: 'withdrawal-review-reminder',
    daysBefore: POLICY.withdrawalReview.remindersDaysBefore,
  },
  PERMANENT_RESIDENCE_DECISION_DUE: {
    kind: 'permanent-residence-review-reminder',
    daysBefore: POLICY.permanentResidence.remindersDaysBefore,
  },
};

interface ClockItem {
  key: string;
  on: IsoDate;
  /** The deadline this item belongs to, and whether it is only a reminder of it. */
  deadline: string;
  reminder: boolean;
  /** What a person reads on the Web UI's timeline. */
  label: string;
  run: (s: CaseState, today: IsoDate, rules: EarlierRules) => void;
}

/** The document expired but the case goes on: the Immigration Office is alerted and decides. */
function awaitDecision(s: CaseState, due: IsoDate, kind: NoticeKind, recipients = [IMMIGRATION_OFFICE]): void {
  s.expiredAwaitingDecision = due;
  queueNotice(s, kind, due, recipients, { due, facts: { documentValidUntil: due } });
}

/**
 * A document expired (PROCEDURE.md). A positive answer waiting for the withdrawal review, or an open decision on
 * residence of unlimited duration, keeps the case open for the Immigration Office's decision; otherwise it ends
 * only when the prosecutor had the whole window.
 */
function expire(s: CaseState, due: IsoDate, rules: EarlierRules): void {
  // A run begun before issue 25 knew neither of these decisions that are still open.
  if (!rules.before25 && s.identificationPending) return awaitDecision(s, due, 'expiry-awaits-withdrawal-decision');
  if (!rules.before25 && s.permanentResidenceReview)
    return awaitDecision(s, due, 'expiry-awaits-permanent-residence-decision');
  if (hadWholeWindow(s, due)) return closeNotRenewed(s, due);
  awaitDecision(s, due, 'expiry-decision-needed', [IMMIGRATION_OFFICE, centreOf(s)]);
}

function endOf(s: CaseState, kind: EndingKind, due: IsoDate, rules: EarlierRules): void {
  if (kind === 'REFLECTION_ENDS') return close(s, 'REFLECTION_EXPIRED', null, due);
  expire(s, due, rules);
}

/** Noticed late: the centre and the Immigration Office are told, and late reports are taken for a grace period. */
function noticedLate(s: CaseState, kind: EndingKind, due: IsoDate, today: IsoDate): void {
  const until = addPeriod(today, POLICY.outage.reportingGrace);
  s.late = { kind, due, until };
  queueNotice(s, 'deadline-passed-unnoticed', `${kind}/${due}`, [centreOf(s), IMMIGRATION_OFFICE], {
    due: until,
    facts: { deadline: kind },
  });
}

function onDeadline(s: CaseState, d: Deadline, today: IsoDate, rules: EarlierRules): void {
  switch (d.kind) {
    case 'REFLECTION_ENDS':
    case 'DOCUMENT_EXPIRES':
      if (today > addDays(firesOn(d), POLICY.outage.lateAfterDays - 1)) return noticedLate(s, d.kind, d.due, today);
      return endOf(s, d.kind, d.due, rules);
    case 'LATE_REPORTS_CLOSE': {
      const late = s.late;
      s.late = null;
      // The deadline applies as of its own date, unless what was reported meanwhile changed the document.
      if (late && s.document?.validUntil === late.due && documentDeadline(s) === late.kind)
        endOf(s, late.kind, late.due, rules);
      return;
    }
    case 'STATUS_QUERY_DUE':
      return sendQuery(s, today);
    case 'PROSECUTOR_REPLY_DUE':
      return escalateQuery(s, today);
    case 'ESCALATION_REPLY_DUE':
      return alertExpiryWithoutDecision(s);
    case 'WITHDRAWAL_DECISION_DUE':
      return queueNotice(
        s,
        'withdrawal-review-overdue',
        `${s.review?.grounds[0]?.ground}/${d.due}`,
        [IMMIGRATION_OFFICE],
        { due: d.due },
      );
    case 'PERMANENT_RESIDENCE_DECISION_DUE':
      return queueNotice(s, 'permanent-residence-review-overdue', d.due, [IMMIGRATION_OFFICE], { due: d.due });
    case 'GUARDIANSHIP_ENDS':
      // Never on the clock: its day would give the date of birth away (guardianshipNoticeItem).
      return;
  }
}

function reminderRecipients(s: CaseState, d: Deadline) {
  if (d.kind === 'REFLECTION_ENDS' || d.kind === 'DOCUMENT_EXPIRES')
    return [centreOf(s), { role: 'caseworker' as const }];
  if (d.kind === 'WITHDRAWAL_DECISION_DUE' || d.kind === 'PERMANENT_RESIDENCE_DECISION_DUE')
    return [IMMIGRATION_OFFICE];
  return s.query ? [answererOf(s.query)] : [];
}

/**
 * The guardian and the centre are told that the guardianship ends, on the first day of its month (at once if that
 * day has passed): no timer lands on the 18th birthday, from which the date of birth could be read (PROCEDURE.md).
 */
function guardianshipNoticeItem(s: CaseState, rules: EarlierRules): ClockItem | null {
  const ends = guardianshipEnds(s);
  if (!ends) return null;
  const month = ends.slice(0, 7);
  const key = `clock/guardianship-ended-notice/${ends}`;
  return {
    key,
    on: rules.before25 ? ends : `${month}-01`,
    deadline: key,
    reminder: false,
    label: `${LABEL.GUARDIANSHIP_ENDS} in ${month}`,
    run: (st) => queueNotice(st, 'guardianship-ended', ends, [centreOf(st), GUARDIAN], { due: ends }),
  };
}

function clockItems(s: CaseState, rules: EarlierRules): ClockItem[] {
  const guardianship = s.outcome === null ? guardianshipNoticeItem(s, rules) : null;
  const items: ClockItem[] = guardianship ? [guardianship] : [];
  for (const d of allDeadlines(s)) {
    const deadline = deadlineKey(s, d);
    items.push({
      key: deadline,
      on: firesOn(d),
      deadline,
      reminder: false,
      label: `${LABEL[d.kind]} ${d.due}`,
      run: (st, today, r) => onDeadline(st, d, today, r),
    });
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
        run: (st) =>
          queueNotice(st, reminder.kind, discriminator, reminderRecipients(st, d), {
            due: d.due,
            facts: { deadline: d.kind },
          }),
      });
    }
  }
  return items.filter((i) => !s.clockItemsDone.includes(i.key));
}

const soonestFirst = (a: Deadline, b: Deadline) => a.due.localeCompare(b.due);

/** Upcoming deadlines, soonest first, for the NextDeadline search attribute and every list: never the 18th birthday. */
export function upcomingDeadlines(s: CaseState): Deadline[] {
  const done = new Set(s.clockItemsDone);
  return allDeadlines(s)
    .filter((d) => !done.has(deadlineKey(s, d)))
    .sort(soonestFirst);
}

/** Whether a deadline may go into a list, a feed or a digest: never the 18th birthday, only the status shows it. */
export const isListable = (d: Pick<Deadline, 'kind'>): boolean => d.kind !== 'GUARDIANSHIP_ENDS';

/** The status's deadlines: the upcoming ones, and the end of the guardianship until its day has passed. */
export function statusDeadlines(s: CaseState, today: IsoDate): Deadline[] {
  const ends = s.outcome === null ? guardianshipEnds(s) : null;
  const guardianship: Deadline[] =
    ends && ends >= today ? [{ kind: 'GUARDIANSHIP_ENDS', due: ends, basis: DEADLINE_BASIS.GUARDIANSHIP_ENDS }] : [];
  return [...upcomingDeadlines(s), ...guardianship].sort(soonestFirst);
}

/** The next thing on the clock, if any: the day it happens and what it is. */
export function nextClockItem(s: CaseState, rules: EarlierRules = {}): { on: IsoDate; label: string } | undefined {
  const next = clockItems(s, rules).sort((a, b) => a.on.localeCompare(b.on))[0];
  return next && { on: next.on, label: next.label };
}

function runClock(s: CaseState, until: IsoDate, live: boolean, rules: EarlierRules): void {
  for (let guard = 0; guard < 10_000; guard++) {
    const due = clockItems(s, rules)
      .filter((i) => i.on <= until)
      .sort((a, b) => a.on.localeCompare(b.on));
    const item = due[0];
    if (!item) return;
    s.clockItemsDone.push(item.key);
    s.revision += 1;
    if (!live) item.run(s, item.on, rules);
    else if (!(item.reminder && due.slice(1).some((later) => later.deadline === item.deadline)))
      item.run(s, until, rules);
  }
}

/**
 * Runs every clock item due by `today`, oldest first, each once. When a case
 * wakes late (server down, dates moved), only the latest of a deadline's due
 * reminders is sent: three reminders of the same date at once help nobody.
 */
export const runDueClockItems = (s: CaseState, today: IsoDate, rules: EarlierRules = {}): void =>
  runClock(s, today, true, rules);

/** An import (PROCEDURE.md): every clock item due by `until` runs as of its own date, as if the service had been there. */
export const runClockAsOfTheirDates = (s: CaseState, until: IsoDate, rules: EarlierRules): void =>
  runClock(s, until, false, rules);
