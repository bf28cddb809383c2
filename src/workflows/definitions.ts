import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CreateSpecProgress } from './types';

/** Query: where the spec workflow stands (phase, spec id, last status, reads, times, last transient error). */
export const getProgressQuery = defineQuery<CreateSpecProgress>('getProgress');

/** Signal: read the status now instead of waiting for the next scheduled read. */
export const pollNowSignal = defineSignal('pollNow');

/**
 * Signal: delete the spec when the workflow is cancelled, whatever `onCancel` it started with (the
 * CLI's `cancel --delete` sends it just before the cancellation). Carried across continue-as-new.
 * A new handler only: histories that never received it replay the same commands, so no patch.
 */
export const deleteOnCancelSignal = defineSignal('deleteOnCancel');
