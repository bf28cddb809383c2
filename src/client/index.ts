export { startCreateSpec, executeCreateSpec, type StartCreateSpecOptions } from './start-create-spec';
export { getSpecProgress, withPendingActivities, type PendingActivity } from './spec-progress';
export {
  startCreateRun,
  startCreateEvaluation,
  startSpecPipeline,
  getPipelineProgress,
  type StartJobOptions,
} from './start-jobs';
