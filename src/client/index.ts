export { startCreateSpec, executeCreateSpec, type StartCreateSpecOptions } from './start-create-spec';
export { getSpecProgress, withPendingActivities, type PendingActivity } from './spec-progress';
export { getJobProgress, withPendingJobActivity } from './job-progress';
export {
  startCreateSpecsBatch,
  executeCreateSpecsBatch,
  getBatchProgress,
  getBatchOutcomes,
  type StartCreateSpecsBatchOptions,
} from './start-create-specs-batch';
export { getSpecContent } from './spec-content';
export {
  startCreateRun,
  startCreateEvaluation,
  startSpecPipeline,
  getPipelineProgress,
  type StartJobOptions,
} from './start-jobs';
