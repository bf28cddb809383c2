import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CreateSpecProgress } from './types';

/** Query: where the spec workflow stands (phase, spec id, last status, reads, times, last transient error). */
export const getProgressQuery = defineQuery<CreateSpecProgress>('getProgress');

/** Signal: read the status now instead of waiting for the next scheduled read. */
export const pollNowSignal = defineSignal('pollNow');
