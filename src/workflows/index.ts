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
export * from './batch';
