import type { IsoDate } from '../calendar';
import type { Centre, ProsecutorOffice } from '../codes';
import type { DeadlineKind, Outcome, Stage } from '../schemas/case';
import { isListable, upcomingDeadlines } from './clock';
import { isFinished, type CaseState } from './state';

/** What waits for someone on a case: the closed vocabulary of the contract's `GET /v1/tasks`. */
export const TASK_KINDS = [
  'status-query-answer',
  'document-dates',
  'withdrawal-decision',
  'permanent-residence-decision',
  'expiry-without-decision',
  'identity-proof',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Who must act: the Immigration Office, a centre, or a prosecutor's office. */
export type TaskParty =
  | { role: 'immigration-office' }
  | { role: 'centre'; centre: Centre }
  | { role: 'prosecutor'; office: ProsecutorOffice };

/** One open task for one party: a task several parties may act on is one of these per party. */
export interface OpenTask {
  /** Stable while the task is open: the same task keeps its id across revisions. */
  taskId: string;
  kind: TaskKind;
  party: TaskParty;
  due: IsoDate;
  since: IsoDate;
  /**
   * A withdrawal decision's only: who reported the review's grounds, none of whom may decide it (four eyes). The
   * inbox says so beside the task; the workflow refuses such a decision whatever a list says.
   */
  reporters?: string[];
}

/** Personal data: the index stores it encrypted under the case's own key. */
export interface IndexedPersonalData {
  pseudonym: string;
  prosecutorFile?: string;
  immigrationOfficeFile?: string;
}

export const INDEX_FLAGS = [
  'unaccompanied-minor',
  'awaiting-prosecutor',
  'identity-proof-missing',
  'humanitarian-candidate',
  'undeliverable-notices',
] as const;
export type IndexFlag = (typeof INDEX_FLAGS)[number];

/** A deadline as a list or a feed shows it. */
export interface ListedDeadline {
  kind: DeadlineKind;
  due: IsoDate;
}

/** What every list shows of a case, as of its `revision`. */
export interface CaseIndexEntry {
  caseId: string;
  revision: number;
  centre: Centre;
  /** Offices that were sent a query: they may read the case. */
  offices: ProsecutorOffice[];
  stage: Stage;
  outcome: Outcome | null;
  /** Whether the workflow still runs (a granted case waits for its identity proof). */
  running: boolean;
  openedOn: IsoDate;
  /** The soonest listable deadline: never the 18th birthday (`isListable`). */
  nextDeadline: ListedDeadline | null;
  /** Every listable deadline to come, soonest first: what a calendar feed shows of the case. */
  deadlines: ListedDeadline[];
  /** The current document's expiry (null once unlimited or closed without one): what a query decides on. */
  documentValidUntil: IsoDate | null;
  flags: IndexFlag[];
  /** The blind index of its file numbers (keyed hashes, never a number). */
  referenceKeys: string[];
  personal: IndexedPersonalData;
  tasks: OpenTask[];
}

const IMMIGRATION_OFFICE: TaskParty = { role: 'immigration-office' };

/** The party's centre or office, '' for the Immigration Office (a key column of the index, never null). */
export const partyUnit = (p: TaskParty): string =>
  p.role === 'centre' ? p.centre : p.role === 'prosecutor' ? p.office : '';

function queryTasks(s: CaseState): OpenTask[] {
  const q = s.query;
  if (!q) return [];
  const task = (party: TaskParty, since: IsoDate): OpenTask => ({
    taskId: `${q.queryId}/answer`,
    kind: 'status-query-answer',
    party,
    due: q.replyBy,
    since,
  });
  // After escalation the office queried may still answer, beside its Principal Crown Prosecutor (rules.ts).
  const offices = [task({ role: 'prosecutor', office: q.office }, q.sentOn)];
  if (q.escalatedTo && q.escalatedOn) offices.push(task({ role: 'prosecutor', office: q.escalatedTo }, q.escalatedOn));
  // The escalation's deadline passed unanswered: the document expires without a decision (clock.ts onDeadline).
  const alerted = q.escalatedOn && !upcomingDeadlines(s).some((d) => d.kind === 'ESCALATION_REPLY_DUE');
  if (alerted)
    offices.push({
      taskId: `${q.queryId}/expiry-without-decision`,
      kind: 'expiry-without-decision',
      party: IMMIGRATION_OFFICE,
      due: q.documentValidUntil,
      since: q.replyBy,
    });
  return offices;
}

function immigrationOfficeTasks(s: CaseState): OpenTask[] {
  const tasks: OpenTask[] = [];
  const d = s.document;
  // No legal deadline: the document is to be issued from its first day, so that day is when it is due.
  if (d && !d.datesRecorded && s.outcome === null)
    tasks.push({
      taskId: `document-dates/${d.type}/${d.renewals}`,
      kind: 'document-dates',
      party: IMMIGRATION_OFFICE,
      due: d.issuedOn,
      since: d.issuedOn,
    });
  if (s.review)
    tasks.push({
      taskId: `withdrawal-decision/${s.review.grounds[0]?.reportedOn ?? s.review.decideBy}`,
      kind: 'withdrawal-decision',
      party: IMMIGRATION_OFFICE,
      due: s.review.decideBy,
      since: s.review.grounds[0]?.reportedOn ?? s.review.decideBy,
      reporters: [...new Set(s.review.grounds.map((g) => g.reporterId))].sort(),
    });
  const pr = s.permanentResidenceReview;
  if (pr)
    tasks.push({
      taskId: `permanent-residence-decision/${pr.eligibleOn}`,
      kind: 'permanent-residence-decision',
      party: IMMIGRATION_OFFICE,
      due: pr.decideBy,
      since: pr.eligibleOn,
    });
  // Expired without the prosecutor's whole window: the Immigration Office decides, as of that expiry.
  if (s.expiredAwaitingDecision)
    tasks.push({
      taskId: `expiry-without-decision/${s.expiredAwaitingDecision}`,
      kind: 'expiry-without-decision',
      party: IMMIGRATION_OFFICE,
      due: s.expiredAwaitingDecision,
      since: s.expiredAwaitingDecision,
    });
  return tasks;
}

/** Granted without identity proof: the centre or the Immigration Office may report it, from the grant on. */
function identityProofTasks(s: CaseState): OpenTask[] {
  if (!s.flags.identityProofMissing || !s.document) return [];
  const since = s.document.issuedOn;
  const task = (party: TaskParty): OpenTask => ({
    taskId: 'identity-proof',
    kind: 'identity-proof',
    party,
    due: since,
    since,
  });
  return [task({ role: 'centre', centre: s.centre }), task(IMMIGRATION_OFFICE)];
}

const orderKey = (t: OpenTask): string[] => [t.due, t.taskId, t.party.role, partyUnit(t.party)];

/** Soonest due first, then by id and party: the order the store reads them back in (by code point, as SQL does). */
function soonestDueFirst(a: OpenTask, b: OpenTask): number {
  const [x, y] = [orderKey(a), orderKey(b)];
  const i = x.findIndex((part, n) => part !== y[n]);
  return i < 0 ? 0 : x[i]! < y[i]! ? -1 : 1;
}

function flagsOf(s: CaseState): IndexFlag[] {
  const set: Record<IndexFlag, boolean> = {
    'unaccompanied-minor': s.unaccompaniedMinor,
    'awaiting-prosecutor': s.query !== null,
    'identity-proof-missing': s.flags.identityProofMissing,
    'humanitarian-candidate': s.flags.humanitarianCandidate,
    'undeliverable-notices': s.flags.undeliverableNotices.length > 0,
  };
  return INDEX_FLAGS.filter((f) => set[f]);
}

/** What the case index shows of a case: pure, so the workflow computes it and the tests read it. */
export function caseIndexEntry(s: CaseState): CaseIndexEntry {
  const deadlines = upcomingDeadlines(s)
    .filter(isListable)
    .map((d): ListedDeadline => ({ kind: d.kind, due: d.due }));
  const next = deadlines[0];
  return {
    caseId: s.caseId,
    revision: s.revision,
    centre: s.centre,
    offices: [...s.queriedOffices],
    stage: s.stage,
    outcome: s.outcome,
    running: !isFinished(s),
    openedOn: s.openedOn,
    nextDeadline: next ?? null,
    deadlines,
    documentValidUntil: s.document?.validUntil ?? null,
    flags: flagsOf(s),
    referenceKeys: [...s.referenceIndex],
    personal: { pseudonym: s.opening.victim.pseudonym, ...s.references },
    tasks: (s.outcome === null ? [...queryTasks(s), ...immigrationOfficeTasks(s)] : identityProofTasks(s)).sort(
      soonestDueFirst,
    ),
  };
}

/** Which fields the history's workflow version indexed: a field indexed later must not make an older run write. */
export interface IndexedSince {
  /** A withdrawal decision's reporters (PATCHES.indexedReporters). */
  reporters: boolean;
  /** Every listable deadline (PATCHES.indexedDeadlines). */
  deadlines: boolean;
}

const asIndexedThen = (e: CaseIndexEntry, since: IndexedSince): unknown => ({
  ...e,
  revision: 0,
  tasks: since.reporters ? e.tasks : e.tasks.map(({ reporters: _r, ...t }) => t),
  deadlines: since.deadlines ? e.deadlines : [],
});

/**
 * Whether two entries show the same: a new revision that changes nothing on a list needs no write. A history
 * recorded before a field was indexed wrote no entry for a change in that field alone, and must replay so.
 */
export function sameListing(a: CaseIndexEntry, b: CaseIndexEntry, since: IndexedSince): boolean {
  return JSON.stringify(asIndexedThen(a, since)) === JSON.stringify(asIndexedThen(b, since));
}
