import { countFact, type PendingFact } from '../statistics/facts';
import type { IsoDate } from '../calendar';
import { addDays, addPeriod } from '../calendar';
import type { Centre, ComplaintOffice, CourtOfAppeal, ProsecutorOffice, Role } from '../codes';
import type { CaseContacts, Notice } from '../notices';
import { POLICY } from '../policy';
import type { CaseOpening, HistoryDetail, Outcome, PermanentResidenceBasis, Stage } from '../schemas/case';
import type { DocumentType, WithdrawalGround } from '../schemas/events';

/** Who acts: the API passes the authenticated principal (its id, never its token). */
export interface Actor {
  id: string;
  role: Role;
  centre?: Centre;
  office?: ProsecutorOffice;
}

/** The reporter of a ground whose person is not known (imported, or carried from before reporters were kept): any officer may decide it. */
export const UNKNOWN_REPORTER = 'imported';

export interface CaseDocument {
  type: DocumentType;
  issuedOn: IsoDate;
  /** null: unlimited (B-card residence). */
  validUntil: IsoDate | null;
  renewals: number;
  /** Whether the Immigration Office recorded the dates printed on it (until then they are the computed ones). */
  datesRecorded: boolean;
}

export interface OpenQuery {
  queryId: string;
  office: ComplaintOffice;
  courtOfAppeal: CourtOfAppeal;
  sentOn: IsoDate;
  replyBy: IsoDate;
  escalatedTo: CourtOfAppeal | null;
  escalatedOn: IsoDate | null;
  /** The document whose renewal the query decides. */
  documentValidUntil: IsoDate;
}

export interface HistoryEntry {
  on: IsoDate;
  type: string;
  by: Role;
  /** The person who reported it (from issue 29 on; absent from older entries and from imported ones). */
  byId?: string;
  detail?: HistoryDetail;
}

/** The history's entry of what `actor` did: the person named, unless an import could not name one. */
export const historyEntry = (
  on: IsoDate,
  type: string,
  actor: { id: string; role: Role },
  detail?: HistoryDetail,
): HistoryEntry => ({
  on,
  type,
  by: actor.role,
  ...(actor.id === UNKNOWN_REPORTER ? {} : { byId: actor.id }),
  ...(detail ? { detail } : {}),
});

export interface ReportedGround {
  ground: WithdrawalGround;
  reportedOn: IsoDate;
  by: Role;
  /** The principal who reported it: never the one who decides (four eyes). */
  reporterId: string;
  finding?: 'fraudulent' | 'unfounded';
}

export interface WithdrawalReview {
  grounds: ReportedGround[];
  decideBy: IsoDate;
}

/** A conviction or retained charges that make the victim eligible for residence of unlimited duration. */
export interface Eligibility {
  basis: PermanentResidenceBasis;
  on: IsoDate;
}

/** The Guardianship Service's latest result on a contested age, and the day the service recorded it. */
export interface AgeDetermination {
  recordedOn: IsoDate;
  dateOfBirth?: IsoDate;
  adult?: true;
}

export interface PermanentResidenceReview {
  basis: PermanentResidenceBasis;
  eligibleOn: IsoDate;
  decideBy: IsoDate;
}

/** A case-ending deadline noticed late (an outage): it applies as of its own date once the grace is over. */
export interface LateDeadline {
  kind: 'REFLECTION_ENDS' | 'DOCUMENT_EXPIRES';
  due: IsoDate;
  until: IsoDate;
}

/** File numbers of the other administrations, the latest reported of each. */
export interface CaseReferences {
  prosecutorFile?: string;
  immigrationOfficeFile?: string;
}

/** At most this many reference keys per case: a file number corrected twice stays findable by the old ones. */
export const MAX_REFERENCE_KEYS = 8;

/** Bumped whenever the carried shape changes; `upgradeState` brings older shapes up to it. */
export const STATE_VERSION = 6;

export interface CaseState {
  version: typeof STATE_VERSION;
  caseId: string;
  centre: Centre;
  openedOn: IsoDate;
  unaccompaniedMinor: boolean;
  /** Personal data, kept for the record inside encrypted payloads only. */
  opening: CaseOpening;
  contacts: CaseContacts;
  stage: Stage;
  outcome: Outcome | null;
  outcomeDetail: string | null;
  document: CaseDocument | null;
  /** Whether the Immigration Office reported any document as issued (a case opened in error has none). */
  documentReported: boolean;
  complaint: { on: IsoDate; kind: 'complaint' | 'statement'; prosecutorOffice: ComplaintOffice } | null;
  query: OpenQuery | null;
  queriesSent: number;
  /** When the last status query about the current document was sent: the prosecutor's window (PROCEDURE.md). */
  querySentForDocument: IsoDate | null;
  /** Why past queries no longer take answers, so a late answer learns the reason. */
  closedQueries: Record<string, 'answered' | 'closed'>;
  /** The prosecutor's decision on the current document's renewal, if any. */
  decision: 'negative' | null;
  /** The day a prosecutor answered that the proceedings are no longer in progress. */
  proceedingsEndedOn: IsoDate | null;
  review: WithdrawalReview | null;
  /** A positive answer that waits for the open withdrawal review before stage 3. */
  identificationPending: boolean;
  permanentResidenceReview: PermanentResidenceReview | null;
  /** The day a conviction or retained charges first made the victim eligible: from then on the proceedings end *with* one. */
  eligibleSince: IsoDate | null;
  /** An eligibility reported while a positive answer waits for a withdrawal review: it opens the review in stage 3. */
  keptEligibility: Eligibility | null;
  ageDetermination: AgeDetermination | null;
  /** The expiry of a document that ran out without the prosecutor's whole window: the Immigration Office decides. */
  expiredAwaitingDecision: IsoDate | null;
  late: LateDeadline | null;
  identityDocumented: boolean;
  flags: {
    identityProofMissing: boolean;
    humanitarianCandidate: boolean;
    undeliverableNotices: string[];
  };
  /** Offices that were sent a query on this case: they may read it. */
  queriedOffices: ProsecutorOffice[];
  references: CaseReferences;
  /**
   * Keyed hashes of the references, computed by the API under the index key (never the key, never a
   * reference): the search attribute a case is found by.
   */
  referenceIndex: string[];
  history: HistoryEntry[];
  /** Keys of clock items (deadlines, reminders) already run: each runs once, across continue-as-new. */
  clockItemsDone: string[];
  /**
   * Keys of notices that left the outbox (sent, given up on after retries, or from before an import,
   * never mailed): a notice is queued once, across continue-as-new.
   */
  noticesDone: string[];
  /** Countable facts (statistics) not yet in the statistics store, beside the notices' outbox: recorded idempotently, then dropped. */
  factOutbox: PendingFact[];
  /** Notices decided but not yet delivered. */
  outbox: Notice[];
  /** Update ids already applied, so a retried event applies once even after continue-as-new. */
  appliedUpdates: string[];
  /**
   * +1 per applied event, answer and clock item, across continue-as-new: every write to the case index carries
   * it, and the index keeps the highest, so a retried or late write never shows an older case.
   */
  revision: number;
}

/** The stage-1 document of the case's regime (before or after 20 May 2017) and track (minor or adult). */
export function stageOneDocument(
  openedOn: IsoDate,
  minor: boolean,
): { type: DocumentType; validity: typeof POLICY.reflection.adult } {
  if (minor) return { type: 'MINOR_TEMPORARY_RESIDENCE', validity: POLICY.reflection.minor };
  // A case opened with a past date follows the regime of that date (PROCEDURE.md "the regime").
  return {
    type: openedOn < POLICY.annex15From ? 'ORDER_TO_LEAVE_45_DAYS' : 'ANNEX_15',
    validity: POLICY.reflection.adult,
  };
}

/** The last day of the reflection period of a case opened on `openedOn`. */
export const reflectionEnds = (openedOn: IsoDate, minor: boolean): IsoDate =>
  addPeriod(openedOn, stageOneDocument(openedOn, minor).validity);

/** The 18th birthday; born on 29 February, one turns 18 on 1 March in a year without one (PROCEDURE.md: doubt benefits the minor). */
export function eighteenthBirthday(born: IsoDate): IsoDate {
  const birthday = addPeriod(born, { years: POLICY.majorityAge });
  return born.endsWith('-02-29') && !birthday.endsWith('-02-29') ? addDays(birthday, 1) : birthday;
}

/**
 * The day the guardianship of an unaccompanied minor ends: the 18th birthday of the date of birth last
 * established, or the day an age determination was recorded that found an adult (or a birth date by which the
 * person was already 18). Personal data: shown in the status only, never on a timer, attribute or feed.
 */
export function guardianshipEnds(
  s: Pick<CaseState, 'unaccompaniedMinor' | 'opening' | 'ageDetermination'>,
): IsoDate | null {
  if (!s.unaccompaniedMinor) return null;
  const determined = s.ageDetermination;
  if (determined?.adult) return determined.recordedOn;
  const born = determined?.dateOfBirth ?? s.opening.victim.dateOfBirth;
  if (!born) return null;
  const birthday = eighteenthBirthday(born);
  return determined && birthday < determined.recordedOn ? determined.recordedOn : birthday;
}

export const guardianshipEnded = (s: CaseState, today: IsoDate): boolean => {
  const ends = guardianshipEnds(s);
  return ends !== null && ends <= today;
};

export function newCaseState(
  caseId: string,
  centre: Centre,
  opening: CaseOpening,
  referenceIndex: readonly string[] = [],
  openedById?: string,
): CaseState {
  const first = stageOneDocument(opening.openedOn, opening.unaccompaniedMinor);
  const s: CaseState = {
    version: STATE_VERSION,
    caseId,
    centre,
    openedOn: opening.openedOn,
    unaccompaniedMinor: opening.unaccompaniedMinor,
    opening,
    contacts: {
      caseworkerEmail: opening.caseworkerEmail,
      guardianEmail: opening.guardian?.email,
      ...(opening.guardian?.language ? { guardianLanguage: opening.guardian.language } : {}),
    },
    stage: 'REFLECTION',
    outcome: null,
    outcomeDetail: null,
    document: {
      type: first.type,
      issuedOn: opening.openedOn,
      validUntil: addPeriod(opening.openedOn, first.validity),
      renewals: 0,
      datesRecorded: false,
    },
    documentReported: false,
    complaint: null,
    query: null,
    queriesSent: 0,
    querySentForDocument: null,
    closedQueries: {},
    decision: null,
    proceedingsEndedOn: null,
    review: null,
    identificationPending: false,
    permanentResidenceReview: null,
    eligibleSince: null,
    keptEligibility: null,
    ageDetermination: null,
    expiredAwaitingDecision: null,
    late: null,
    identityDocumented: false,
    flags: {
      identityProofMissing: false,
      humanitarianCandidate: false,
      undeliverableNotices: [],
    },
    queriedOffices: [],
    references: { ...opening.references },
    referenceIndex: [...new Set(referenceIndex)].slice(-MAX_REFERENCE_KEYS),
    history: [{ on: opening.openedOn, type: 'case-opened', by: 'centre', ...(openedById ? { byId: openedById } : {}) }],
    clockItemsDone: [],
    noticesDone: [],
    factOutbox: [],
    outbox: [],
    appliedUpdates: [],
    revision: 0,
  };
  countFact(s, opening.openedOn, { kind: 'case-opened' });
  return s;
}

/** Adds the keys of newly reported references; the oldest go once there are more than MAX_REFERENCE_KEYS. */
export function indexReferences(s: CaseState, keys: readonly string[]): void {
  const added = keys.filter((k) => !s.referenceIndex.includes(k));
  s.referenceIndex = [...s.referenceIndex, ...added].slice(-MAX_REFERENCE_KEYS);
}

/**
 * The done keys of closed queries, dropped when a run carries its state on. Every clock item and notice of a query
 * names its id (a key segment), and a closed query never comes back (the next one takes the next number) nor takes
 * an answer, so nothing asks for those keys again: what is carried grows with the case's documents, no longer with
 * each query and its reminders.
 */
export function forgetClosedQueries(s: CaseState): CaseState {
  const closed = new Set(Object.keys(s.closedQueries));
  const kept = (key: string) => !key.split('/').some((part) => closed.has(part));
  return { ...s, clockItemsDone: s.clockItemsDone.filter(kept), noticesDone: s.noticesDone.filter(kept) };
}

/** The workflow ends when the case has an outcome, unless a granted residence still waits for identity proof. */
export const isFinished = (s: CaseState): boolean => s.outcome !== null && !s.flags.identityProofMissing;

export const isOpen = (s: CaseState): boolean => s.outcome === null;
