import { ApplicationFailure, CancelledFailure, TerminatedFailure, TimeoutFailure } from '@temporalio/common';
import { BATCH_LIMITS } from './batch-policies';
import { BATCH_ITEM_FAILURE_TYPES } from './failure-types';

/** How a batch item that closed without reporting is counted: its status and failure. */
export interface ClosedItemFailure {
  status: 'FAILED' | 'CANCELLED';
  failure: { type: string; message: string };
}

const cut = (message: string) => message.slice(0, BATCH_LIMITS.maxFailureMessage);

/**
 * The outcome of an item workflow that closed with `cause` (the failure a child's result or a
 * client's `result()` carries) instead of reporting: shared by the batch, for the items it watches,
 * and the `checkBatchItems` activity, for those an earlier run started.
 */
export function closedItemFailure(cause: unknown): ClosedItemFailure {
  const message = cut(cause instanceof Error ? cause.message : String(cause));
  if (cause instanceof CancelledFailure) return { status: 'CANCELLED', failure: { type: 'Cancelled', message } };
  if (cause instanceof TerminatedFailure) {
    return { status: 'FAILED', failure: { type: BATCH_ITEM_FAILURE_TYPES.ItemTerminated, message } };
  }
  if (cause instanceof TimeoutFailure) {
    return { status: 'FAILED', failure: { type: BATCH_ITEM_FAILURE_TYPES.ItemTimedOut, message } };
  }
  const named = cause instanceof ApplicationFailure && cause.type ? cut(`${cause.type}: ${message}`) : message;
  return { status: 'FAILED', failure: { type: BATCH_ITEM_FAILURE_TYPES.ItemFailed, message: named } };
}
