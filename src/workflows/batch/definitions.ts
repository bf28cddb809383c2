import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { BatchItemOutcome, BatchProgress } from './types';

/** Query: where the batch stands (counts, pace, estimated time left, latest failures). */
export const getBatchProgressQuery = defineQuery<BatchProgress>('getBatchProgress');

/** Signal: change the batch's window of running children (1 to 1,000). */
export const setBatchConcurrencySignal = defineSignal<[number]>('setBatchConcurrency');

/**
 * Signal from an item workflow to its batch, by workflow id only (no run id), so it reaches the run
 * in force even after the batch continued as new.
 */
export const batchItemFinishedSignal = defineSignal<[BatchItemOutcome]>('batchItemFinished');

/** Signal from an item workflow whose spec was refused with 429s: the batch narrows its window. */
export const batchItemRateLimitedSignal = defineSignal<[number]>('batchItemRateLimited');
