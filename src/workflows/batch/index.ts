export { createSpecsBatchWorkflow, BATCH_ITEM_PRIORITY } from './batch-workflow';
export { createSpecsBatchItemWorkflow, BATCH_ITEM_RETRY_BACKOFF } from './item-workflow';
export { executeCreateSpecsBatchChild, startCreateSpecsBatchChild, type CreateSpecsBatchChildOptions } from './child';
export {
  getBatchProgressQuery,
  setBatchConcurrencySignal,
  batchItemFinishedSignal,
  batchItemRateLimitedSignal,
} from './definitions';
export type * from './types';
