import { status } from '@grpc/grpc-js';
import { isGrpcServiceError } from '@temporalio/client';

/** Temporal's answer to a raw call about a workflow it does not hold (never started, deleted, or erased). */
export const isNotFound = (err: unknown): boolean => isGrpcServiceError(err) && err.code === status.NOT_FOUND;

/**
 * Temporal's answer to a Query of a run whose first workflow task is not even scheduled (a start with a delay,
 * which the service never makes: a run someone else started under a case's id). The client wraps it, so its cause
 * chain is read.
 */
export const isNotStarted = (err: unknown): boolean => {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause)
    if (isGrpcServiceError(e) && e.code === status.FAILED_PRECONDITION && /not scheduled yet/i.test(e.details))
      return true;
  return false;
};
