import type { IsoDate } from '../calendar';
import { addPeriod } from '../calendar';
import type { Centre, CourtOfAppeal, JudicialDistrict, ProsecutorOffice, Role } from '../codes';
import type { CaseContacts, Notice } from '../notices';
import { POLICY } from '../policy';
import type { CaseOpening, Outcome, Stage } from '../schemas/case';
import type { DocumentType, WithdrawalGround } from '../schemas/events';

/** Who acts: the API passes the authenticated principal (its id, never its token). */
export interface Actor {
  id: string;
  role: Role;
  centre?: Centre;
  office?: ProsecutorOffice;
}

export interface CaseDocument {
  type: DocumentType;
  issuedOn: IsoDate;
  /** null: unlimited (B-card residence). */
  validUntil: IsoDate | null;
  renewals: number;
}

export interface OpenQuery {
  queryId: string;
  office: JudicialDistrict;
  courtOfAppeal: CourtOfAppeal;
  sentOn: IsoDate;
  replyBy: IsoDate;
  escalatedTo: CourtOfAppeal | null;
  escalatedOn: IsoDate | null;
  /** The document whose renewal the query decides. */
  documentValidUntil: IsoDate;
}

export interface CaseState {
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
  complaint: { on: IsoDate; kind: 'complaint' | 'statement'; prosecutorOffice: JudicialDistrict } | null;
  query: OpenQuery | null;
  queriesSent: number;
  /** Why past queries no longer take answers, so a late answer learns the reason. */
  closedQueries: Record<string, 'answered' | 'closed'>;
  /** The prosecutor's decision on the current document's renewal, if any. */
  decision: 'negative' | null;
  review: { ground: WithdrawalGround; reportedOn: IsoDate; decideBy: IsoDate } | null;
  identityDocumented: boolean;
  flags: { identityProofMissing: boolean; humanitarianCandidate: boolean; undeliverableNotices: string[] };
  /** Offices that were sent a query on this case: they may read it. */
  queriedOffices: ProsecutorOffice[];
  history: { on: IsoDate; type: string; by: Role }[];
  /** Keys of clock items (deadlines, reminders) already handled: each fires once, across continue-as-new. */
  fired: string[];
  /** Notices decided but not yet delivered. */
  outbox: Notice[];
  /** Update ids already applied, so a retried event applies once even after continue-as-new. */
  appliedUpdates: string[];
}

export function stageOneDocument(openedOn: IsoDate, minor: boolean): { type: DocumentType; validity: typeof POLICY.reflection.adult } {
  if (minor) return { type: 'MINOR_TEMPORARY_RESIDENCE', validity: POLICY.reflection.minor };
  // A case opened with a past date follows the regime of that date (PROCEDURE.md "the regime").
  return { type: openedOn < POLICY.annex15From ? 'ORDER_TO_LEAVE_45_DAYS' : 'ANNEX_15', validity: POLICY.reflection.adult };
}

export function newCaseState(caseId: string, centre: Centre, opening: CaseOpening): CaseState {
  const first = stageOneDocument(opening.openedOn, opening.unaccompaniedMinor);
  return {
    caseId,
    centre,
    openedOn: opening.openedOn,
    unaccompaniedMinor: opening.unaccompaniedMinor,
    opening,
    contacts: { caseworkerEmail: opening.caseworkerEmail, guardianEmail: opening.guardian?.email },
    stage: 'REFLECTION',
    outcome: null,
    outcomeDetail: null,
    document: { type: first.type, issuedOn: opening.openedOn, validUntil: addPeriod(opening.openedOn, first.validity), renewals: 0 },
    complaint: null,
    query: null,
    queriesSent: 0,
    closedQueries: {},
    decision: null,
    review: null,
    identityDocumented: false,
    flags: { identityProofMissing: false, humanitarianCandidate: false, undeliverableNotices: [] },
    queriedOffices: [],
    history: [{ on: opening.openedOn, type: 'case-opened', by: 'centre' }],
    fired: [],
    outbox: [],
    appliedUpdates: [],
  };
}

/** The workflow ends when the case has an outcome, unless a granted residence still waits for identity proof. */
export const isFinished = (s: CaseState): boolean => s.outcome !== null && !s.flags.identityProofMissing;

export const isOpen = (s: CaseState): boolean => s.outcome === null;
