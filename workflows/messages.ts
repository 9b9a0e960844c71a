import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseStatus, CaseOpening } from '../src/domain/schemas/case';
import type { CaseEvent, StatusQueryAnswer } from '../src/domain/schemas/events';
import type { CaseImportInput } from '../src/domain/procedure/import';
import type { CaseIndexEntry } from '../src/domain/procedure/case-index-entry';
import type { Actor } from '../src/domain/procedure/state';
import type { CarriedState } from '../src/domain/procedure/upgrade';
import type { RefusalCode, RefusalFacts } from '../src/domain/refusals';
import type { Centre } from '../src/domain/codes';

export const WORKFLOW_TYPE = 'victimCase';

/** A new case, a running case brought in with its history, or the state carried over by continue-as-new (of any version). */
export type VictimCaseInput =
  | { caseId: string; centre: Centre; opening: CaseOpening; referenceKeys?: string[]; openedBy?: string }
  | { import: CaseImportInput }
  | { carried: CarriedState };

/**
 * The one Update: an event of POST /v1/cases/{caseId}/events, or the answer to
 * a status query (POST /v1/prosecutor/queries/{queryId}/answer), with the acting principal and,
 * for an event that reports a file number, its key in the reference index (computed by the API).
 */
export type RecordEventInput = (
  | { actor: Actor; event: CaseEvent; referenceKeys?: string[] }
  | { actor: Actor; answer: StatusQueryAnswer & { queryId: string } }
) & {
  /**
   * The id of the Update that delivers it, which the validator checks: a copy of the ciphertext sent again under
   * another id is refused, under the same id it is a retry. Absent only from histories recorded before (issue 28).
   */
  updateId?: string;
};

export const recordEvent = defineUpdate<CaseStatus, [RecordEventInput]>('recordEvent');
export const status = defineQuery<CaseStatus>('status');
/**
 * What the case index must show of the case, with its revision: how `npm run index` rebuilds and verifies the index,
 * for closed cases too (a Query adds no command, so every stored history still replays).
 */
export const indexEntry = defineQuery<CaseIndexEntry>('indexEntry');

/** Error type of a rejected Update, so the API can answer 409 with the reason. */
export const EVENT_REJECTED = 'EventRejected';

/** The details of an EventRejected failure: the refusal's stable code and its facts, for the reader's language. */
export interface RejectionDetails {
  code: RefusalCode;
  facts: RefusalFacts;
}

/** Versions of the workflow code that running cases' histories may predate (`patched`). */
export const PATCHES = {
  /** Eligibility opens a permanent-residence review instead of granting at once (issue 12). */
  permanentResidenceByDecision: 'permanent-residence-by-decision',
  /** The mail activity returns a receipt, and an outcome without it is not the worker's (issue 15). */
  noticeReceipts: 'notice-receipts',
  /** Countable facts go to the statistics store (issue 18). */
  statisticsFacts: 'statistics-facts',
  /** Issue 25's decisions: expiries, ended proceedings, imports and the guardianship's notice (EarlierRules.before25). */
  procedureDecisions: 'procedure-decisions-25',
  /** The case writes what the lists show of it to the case index (issue 27). */
  caseIndex: 'case-index-27',
  /** A withdrawal decision's task in the index names the reporters of the review's grounds (issue 27's inbox). */
  indexedReporters: 'indexed-reporters-27',
  /** The index holds every listable deadline of a case, which the calendar feeds read (issue 27's feeds). */
  indexedDeadlines: 'indexed-deadlines-27',
  /** A new case's run claims to be its first before anything happens: a copy of its start never runs (issue 28). */
  firstRunClaim: 'first-run-claim-28',
  /** A review that ends without withdrawal is told to the centre that reported its ground (issue 29). */
  noWithdrawalNotice: 'no-withdrawal-notice-29',
} as const;
