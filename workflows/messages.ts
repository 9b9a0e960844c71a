import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseStatus, CaseOpening } from '../src/domain/schemas/case';
import type { CaseEvent, StatusQueryAnswer } from '../src/domain/schemas/events';
import type { Actor, CaseState } from '../src/domain/procedure/state';
import type { Centre } from '../src/domain/codes';

export const WORKFLOW_TYPE = 'victimCase';

/** A new case, or the state carried over by continue-as-new. */
export type VictimCaseInput = { caseId: string; centre: Centre; opening: CaseOpening } | { carried: CaseState };

/**
 * The one Update: an event of POST /v1/cases/{caseId}/events, or the answer to
 * a status query (POST /v1/prosecutor/queries/{queryId}/answer), with the acting principal.
 */
export type RecordEventInput =
  | { actor: Actor; event: CaseEvent }
  | { actor: Actor; answer: StatusQueryAnswer & { queryId: string } };

export const recordEvent = defineUpdate<CaseStatus, [RecordEventInput]>('recordEvent');
export const status = defineQuery<CaseStatus>('status');

/** Error type of a rejected Update, so the API can answer 409 with the reason. */
export const EVENT_REJECTED = 'EventRejected';
