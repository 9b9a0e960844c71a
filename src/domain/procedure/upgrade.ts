import type { IsoDate } from '../calendar';
import type { WithdrawalGround } from '../schemas/events';
import { STATE_VERSION, UNKNOWN_REPORTER, type CaseDocument, type CaseState } from './state';

/**
 * The state carried by the code before versions: one ground per review, no reporters, no permanent-residence
 * review, and one list `fired` of the keys of clock items (`clock/...`) and of notices already handled.
 */
export interface StateV1 extends Omit<StateV2, 'version' | 'review' | 'flags' | NewInV2> {
  version?: undefined;
  review: { ground: WithdrawalGround; reportedOn: IsoDate; decideBy: IsoDate } | null;
  flags: { identityProofMissing: boolean; humanitarianCandidate: boolean; undeliverableNotices: string[] };
  fired: string[];
}
type NewInV2 =
  | 'clockItemsDone'
  | 'noticesDone'
  | 'documentReported'
  | 'querySentForDocument'
  | 'proceedingsEndedOn'
  | 'identificationPending'
  | 'permanentResidenceReview'
  | 'expiredAwaitingDecision'
  | 'late';

/** The state before file references: no `references`, no `referenceIndex`. */
export interface StateV2 extends Omit<StateV3, 'version' | 'document' | NewInV3> {
  version: 2;
  document: Omit<CaseDocument, 'datesRecorded'> | null;
}
type NewInV3 = 'references' | 'referenceIndex';

/** The state before issue 25: no kept eligibility nor age determination, and a guardianship flag set on the birthday. */
export interface StateV3 extends Omit<StateV4, 'version' | 'flags' | NewInV4> {
  version: 3;
  flags: CaseState['flags'] & { guardianshipEnded: boolean };
}
type NewInV4 = 'eligibleSince' | 'keptEligibility' | 'ageDetermination';

/** The state before the case index (issue 27): no revision. */
export interface StateV4 extends Omit<StateV5, 'version' | 'revision'> {
  version: 4;
}

/** The state whose fact outbox was named `facts`, and absent before the statistics (issue 18). */
export interface StateV5 extends Omit<CaseState, 'version' | 'factOutbox'> {
  version: 5;
  facts?: CaseState['factOutbox'];
}

export type CarriedState = CaseState | StateV5 | StateV4 | StateV3 | StateV2 | StateV1;

/** Clock keys once carried the open query's id for every deadline; only the reply deadlines keep it now. */
const QUERY_FREE_KEY =
  /^clock\/(REFLECTION_ENDS|DOCUMENT_EXPIRES|WITHDRAWAL_DECISION_DUE)\/[^/]+\/(\d{4}-\d{2}-\d{2})$/;
const CLOCK_KEY = 'clock/';

function fromV1(old: StateV1): StateV2 {
  const { review, flags, fired, ...rest } = old;
  return {
    ...rest,
    version: 2,
    documentReported: old.history.some((h) => h.type === 'document-issued'),
    querySentForDocument: old.query?.sentOn ?? null,
    proceedingsEndedOn: null,
    // The reporter was not kept: any officer may decide, as for an imported ground.
    review: review
      ? {
          grounds: [
            {
              ground: review.ground,
              reportedOn: review.reportedOn,
              by: reporterRole(old, review.ground),
              reporterId: UNKNOWN_REPORTER,
            },
          ],
          decideBy: review.decideBy,
        }
      : null,
    identificationPending: false,
    permanentResidenceReview: null,
    expiredAwaitingDecision: null,
    late: null,
    flags: { ...flags, guardianshipEnded: false },
    // Clock items and notices shared one list; a notice key starts with the case id, never with `clock/`.
    clockItemsDone: fired.filter((k) => k.startsWith(CLOCK_KEY)).map((k) => k.replace(QUERY_FREE_KEY, 'clock/$1//$2')),
    noticesDone: fired.filter((k) => !k.startsWith(CLOCK_KEY)),
  };
}

/** The role that reported the ground last, as the history has it. */
function reporterRole(s: StateV1, ground: WithdrawalGround): CaseState['history'][number]['by'] {
  return [...s.history].reverse().find((h) => h.type === ground)?.by ?? 'immigration-office';
}

/** The references were not kept: the opening's own, none indexed (the case is found by its id, as before). */
function fromV2(old: StateV2): StateV3 {
  return {
    ...old,
    version: 3,
    references: { ...old.opening.references },
    referenceIndex: [],
    // Whether its printed dates were recorded was not kept: taken as recorded, so no old case lands in the inbox.
    document: old.document ? { ...old.document, datesRecorded: true } : null,
  };
}

/**
 * An eligibility was kept only while its review was open; a refusal (recorded in the history) shows there was one.
 * The guardianship's end is computed from the date of birth now, on the day it is asked.
 */
function fromV3(old: StateV3): StateV4 {
  const { guardianshipEnded: _computedNow, ...flags } = old.flags;
  const refused = old.history.find((h) => h.type === 'permanent-residence-decided');
  return {
    ...old,
    version: 4,
    flags,
    eligibleSince: old.permanentResidenceReview?.eligibleOn ?? refused?.on ?? null,
    keptEligibility: null,
    ageDetermination: null,
  };
}

/**
 * The revision starts from the case's history (its events and answers): no index row was written before, so any
 * start is safe, and from here on it only grows.
 */
const fromV4 = (old: StateV4): StateV5 => ({ ...old, version: 5, revision: old.history.length });

/** The fact outbox renamed beside the notices' `outbox`; facts still queued go on being recorded. */
function fromV5(old: StateV5): CaseState {
  const { facts, ...rest } = old;
  return { ...rest, version: STATE_VERSION, factOutbox: facts ?? [] };
}

/** A carried state of any version, as the current code reads it (running cases continue across releases). */
export function upgradeState(carried: CarriedState): CaseState {
  if (carried.version === STATE_VERSION) return carried;
  if (carried.version === 5) return fromV5(carried);
  if (carried.version === 4) return fromV5(fromV4(carried));
  if (carried.version === 3) return fromV5(fromV4(fromV3(carried)));
  return fromV5(fromV4(fromV3(fromV2(carried.version === 2 ? carried : fromV1(carried)))));
}
