/**
 * The workflows of dataframer-temporal, for a worker's `workflowsPath` (or re-exported from your
 * own workflows module):
 *
 * ```ts
 * // your-workflows.ts
 * export * from 'dataframer-temporal/workflows';
 * import { executeCreateSpecChild } from 'dataframer-temporal/workflows';
 * export async function pipeline() {
 *   const { spec } = await executeCreateSpecChild({ request: { name: 'reviews', generation_objectives: '...' } });
 * }
 * ```
 */
export { createSpecWorkflow } from './create-spec-workflow';
export { executeCreateSpecChild, startCreateSpecChild, type CreateSpecChildOptions } from './child';
export { deleteOnCancelSignal, getProgressQuery, pollNowSignal } from './definitions';
export { CREATE_SPEC_WORKFLOW_DEFAULTS } from './input-validation';
export type * from './types';
export { createRunWorkflow } from './create-run-workflow';
export { createEvaluationWorkflow } from './create-evaluation-workflow';
export { specPipelineWorkflow } from './spec-pipeline-workflow';
export {
  executeCreateRunChild,
  startCreateRunChild,
  executeCreateEvaluationChild,
  executeSpecPipelineChild,
  type JobChildOptions,
} from './job-children';
export { getJobProgressQuery, getPipelineProgressQuery } from './job-definitions';
export { JOB_WORKFLOW_DEFAULTS } from './waiting/job-input';
export { PIPELINE_PART_MAX_BYTES } from './waiting/payload-part';
export { JOB_WAIT_KINDS, type JobWaitKind } from './waiting/job-kinds';
export { SPEC_WAIT_KIND } from './waiting/spec-kind';
export { waitUntilTerminal } from './waiting/wait-loop';
export type * from './waiting/wait-kind';
export type * from './job-types';
export * from './batch';
