import { status } from '@grpc/grpc-js';
import { isGrpcServiceError } from '@temporalio/client';

/** Temporal's answer to a raw call about a workflow it does not hold (never started, deleted, or erased). */
export const isNotFound = (err: unknown): boolean => isGrpcServiceError(err) && err.code === status.NOT_FOUND;
