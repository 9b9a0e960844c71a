import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { RejectionDetails } from '../../workflows/messages';
import { EVENT_REJECTED } from '../../workflows/messages';
import { ErasedCaseKeyError } from '../crypto/case-keys';
import { isNotFound, isNotStarted } from '../temporal/not-found';
import { ServiceProblem, noCase, refusalProblem } from './problems';

const GRPC_UNAVAILABLE = new Set([1, 4, 14]); // CANCELLED, DEADLINE_EXCEEDED, UNAVAILABLE
const GRPC_FAILED_PRECONDITION = 9;

function isOutage(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number' && GRPC_UNAVAILABLE.has(code)) return true;
    if (/deadline|timed? ?out|connect|transport|unavailable/i.test(String((e as Error).message ?? ''))) return true;
    // The case's workflow task is being retried (e.g. its worker died mid-task): Temporal refuses Updates until it passes.
    if (code === GRPC_FAILED_PRECONDITION && /workflow task in failed state/i.test(String((e as Error).message ?? '')))
      return true;
  }
  return false;
}

/** The 503 of a call Temporal or the worker did not answer in time. */
export const unavailable = (): ServiceProblem =>
  new ServiceProblem('serviceUnavailable', (p) => p.problems.unavailable);

/** Maps Temporal's errors to the API's problems: nothing of Temporal's internals, no stack, reaches the caller. */
export function toProblem(err: unknown, caseId?: string): unknown {
  if (err instanceof ServiceProblem) return err;
  // A raw call's NOT_FOUND, a case erased since this process last saw it (its key is gone), and a run that has not
  // started (someone else's, under the case's id) are the same 404.
  if (err instanceof WorkflowNotFoundError || err instanceof ErasedCaseKeyError || isNotFound(err) || isNotStarted(err))
    return caseId ? noCase(caseId) : new ServiceProblem('resourceNotFound', (p) => p.problems.noResource);
  if (
    err instanceof WorkflowUpdateFailedError &&
    err.cause instanceof ApplicationFailure &&
    err.cause.type === EVENT_REJECTED
  ) {
    const details = err.cause.details?.[0] as RejectionDetails | undefined;
    return details
      ? refusalProblem('eventNotApplicable', { ...details, message: err.cause.message })
      : new ServiceProblem('eventNotApplicable', (p) => p.problems.eventNotApplicable);
  }
  if (isOutage(err)) return unavailable();
  return err;
}
