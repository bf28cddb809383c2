// Parents of createSpecWorkflow children for the child-helper tests, bundled with our workflows.
import { executeCreateSpecChild, startCreateSpecChild, type CreateSpecWorkflowInput } from '../../../src/workflows';

export * from '../../../src/workflows';

/** Runs the same spec as a child twice in sequence (executeCreateSpecChild) and answers both results. */
export async function specChildTwiceWorkflow(input: CreateSpecWorkflowInput) {
  const first = await executeCreateSpecChild(input);
  const second = await executeCreateSpecChild(input);
  return [first, second];
}

/** Starts the spec as a child (startCreateSpecChild) and answers its id, first run and result. */
export async function specChildOnceWorkflow(input: CreateSpecWorkflowInput) {
  const child = await startCreateSpecChild(input);
  return { workflowId: child.workflowId, firstExecutionRunId: child.firstExecutionRunId, result: await child.result() };
}
