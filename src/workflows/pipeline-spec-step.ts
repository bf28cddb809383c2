import { patched, sleep, workflowInfo } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { executeCreateSpecChild, SUCCEEDED_SPEC_CHILD_PATCH } from './child';
import type { SpecPipelineInput } from './job-types';
import type { CreateSpecWorkflowInput, CreateSpecWorkflowResult } from './types';

/**
 * Waits of a reset pipeline whose spec's workflow id is held by the child of its run before: a recent
 * Temporal server (the 1.32 dev server among them; temporalio/temporal#6935) keeps a reset parent's
 * children, so that child runs on to its end; an older one cancels it (parent close policy), which
 * takes a workflow task or two. 1 s doubling to 5 minutes, as a batch item's: a child that ends soon
 * is seen soon, and a long wait costs some 14 history events per try, about 4,000 over a 24-hour deadline.
 */
export const PIPELINE_SPEC_CHILD_CLOSE_BACKOFF = { initialMs: 1_000, maxMs: 5 * 60_000 } as const;

const backoffMs = (tries: number) =>
  Math.min(
    PIPELINE_SPEC_CHILD_CLOSE_BACKOFF.maxMs,
    PIPELINE_SPEC_CHILD_CLOSE_BACKOFF.initialMs * 2 ** Math.min(tries, 10),
  );

/** What the spec step needs from the pipeline. */
export interface SpecStepContext {
  deadlineAtMs: number;
  createMaximumAttempts: number | undefined;
}

/**
 * The pipeline's spec step: its `createSpecWorkflow` child, or the result of the spec's workflow that
 * already succeeded (the child helper's). A run that is not its chain's first (an operator's reset)
 * may find the spec's workflow id held by the child of its run before: when that child succeeded, its
 * result is the answer; while it runs, the step waits for it to end, and takes its result, or, when it
 * was cancelled or failed, starts a child that adopts the spec made since the pipeline started.
 */
export async function runSpecStep(
  input: SpecPipelineInput,
  context: SpecStepContext,
): Promise<CreateSpecWorkflowResult> {
  const info = workflowInfo();
  const earlierRun = info.runId !== info.firstExecutionRunId;
  for (let tries = 0; ; tries++) {
    const childInput: CreateSpecWorkflowInput = {
      request: input.spec,
      deadline: Math.max(1, context.deadlineAtMs - Date.now()),
      ...(input.poll !== undefined && { poll: input.poll }),
      ...(input.pollingDesign !== undefined && { pollingDesign: input.pollingDesign }),
      ...(context.createMaximumAttempts !== undefined && { createMaximumAttempts: context.createMaximumAttempts }),
      ...(earlierRun && { callerMayHaveCreatedSinceMs: info.startTime.getTime() }),
    };
    try {
      return await executeCreateSpecChild(childInput);
    } catch (err) {
      const predecessorClosing =
        earlierRun && err instanceof WorkflowExecutionAlreadyStartedError && patched(SUCCEEDED_SPEC_CHILD_PATCH);
      if (!predecessorClosing || Date.now() >= context.deadlineAtMs) throw err;
      await sleep(backoffMs(tries));
    }
  }
}
