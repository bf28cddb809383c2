export { startCreateSpec, executeCreateSpec, type StartCreateSpecOptions } from './start-create-spec';
export { getSpecProgress, withPendingActivities, type PendingActivity } from './spec-progress';
export { getSpecContent } from './spec-content';
