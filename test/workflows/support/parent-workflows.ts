// A parent workflow that starts our children through the child helpers with input of any type, so a
// test sees what the parent's own workflow code makes of it (the helpers compute the child's id there).
import { ApplicationFailure, ChildWorkflowFailure } from '@temporalio/workflow';
import { executeCreateSpecChild, startCreateSpecChild } from '../../../src/workflows/child';
import { executeCreateSpecsBatchChild } from '../../../src/workflows/batch/child';

export * from '../../../src/workflows';

/** Which helper the parent calls, with what. */
export type ChildCall =
  | { helper: 'executeCreateSpecChild' | 'startCreateSpecChild'; input: unknown }
  | { helper: 'executeCreateSpecsBatchChild'; input: unknown; name: unknown };

/** What the parent caught: the failure's kind (the parent's own ApplicationFailure, or its child's), type and field. */
export interface Caught {
  kind: 'ApplicationFailure' | 'ChildWorkflowFailure' | 'none';
  type?: string;
  field?: string;
  message?: string;
}

function call(c: ChildCall): Promise<unknown> {
  if (c.helper === 'executeCreateSpecsBatchChild') {
    return executeCreateSpecsBatchChild(c.input as never, { name: c.name as never });
  }
  if (c.helper === 'startCreateSpecChild') return startCreateSpecChild(c.input as never).then((h) => h.result());
  return executeCreateSpecChild(c.input as never);
}

/** Calls the helper and answers what it caught (never fails on the child's account). */
export async function childHelperParentWorkflow(c: ChildCall): Promise<Caught> {
  try {
    await call(c);
    return { kind: 'none' };
  } catch (err) {
    const failure = err instanceof ChildWorkflowFailure ? err.cause : err;
    if (!(failure instanceof ApplicationFailure)) throw err;
    const field = (failure.details?.[0] as { field?: string } | undefined)?.field;
    return {
      kind: err instanceof ChildWorkflowFailure ? 'ChildWorkflowFailure' : 'ApplicationFailure',
      ...(failure.type && { type: failure.type }),
      ...(field && { field }),
      message: failure.message,
    };
  }
}
