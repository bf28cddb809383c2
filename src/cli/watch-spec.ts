// Watching one spec workflow until it ends: its progress (getSpecProgress) at an interval, its result
// or failure at the end.
import { ApplicationFailure, WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { getSpecProgress } from '../client/spec-progress';
import { describeFailure } from '../demo/demo-report';
import type { CreateSpecProgress, CreateSpecWorkflowResult, createSpecWorkflow } from '../workflows';

/** How a watched spec ended. */
export type SpecEnd =
  { status: 'SUCCEEDED'; result: CreateSpecWorkflowResult } | { status: 'FAILED' | 'CANCELLED'; failure: SpecFailure };

/** Why a spec did not succeed; `lastTransientError` when the failure's details carry one (a deadline). */
export interface SpecFailure {
  type: string;
  message: string;
  lastTransientError?: string;
}

/** The `lastTransientError` a workflow failure's details carry (`SpecDeadlineExceeded` does). */
function lastTransientErrorOf(err: WorkflowFailedError): string | undefined {
  const cause = err.cause;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  for (const entry of cause.details ?? []) {
    const value = (entry as { lastTransientError?: unknown } | null)?.lastTransientError;
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** Deadline of one progress call: a workflow with no worker to answer its query must not stall the watch. */
export const PROGRESS_CALL_TIMEOUT_MS = 2_000;

/** How a workflow's result promise settled, as a {@link SpecEnd}; other errors (Temporal gone) are rethrown. */
export async function specEnd(handle: WorkflowHandle<typeof createSpecWorkflow>): Promise<SpecEnd> {
  try {
    return { status: 'SUCCEEDED', result: await handle.result() };
  } catch (err) {
    if (!(err instanceof WorkflowFailedError)) throw err;
    const { status, type, message } = describeFailure(err);
    const lastTransientError = lastTransientErrorOf(err);
    return { status, failure: { type, message, ...(lastTransientError !== undefined && { lastTransientError }) } };
  }
}

/** The progress, or undefined when the workflow or the server did not answer in time. */
export async function tryProgress(handle: WorkflowHandle): Promise<CreateSpecProgress | undefined> {
  try {
    return await handle.client.withDeadline(Date.now() + PROGRESS_CALL_TIMEOUT_MS, () => getSpecProgress(handle));
  } catch {
    return undefined;
  }
}

/** Calls `onProgress` every `intervalMs` until the workflow ends; resolves to how it ended. */
export async function watchSpec(
  handle: WorkflowHandle<typeof createSpecWorkflow>,
  intervalMs: number,
  onProgress: (progress: CreateSpecProgress) => void,
): Promise<SpecEnd> {
  let settled = false;
  const ended = specEnd(handle).finally(() => {
    settled = true;
  });
  let timer: NodeJS.Timeout | undefined;
  const tick = () => new Promise<void>((resolve) => (timer = setTimeout(resolve, intervalMs)));
  try {
    while (!settled) {
      const progress = await tryProgress(handle);
      if (progress !== undefined && !settled) onProgress(progress);
      await Promise.race([
        ended.then(
          () => undefined,
          () => undefined,
        ),
        tick(),
      ]);
      clearTimeout(timer);
    }
    return await ended;
  } finally {
    clearTimeout(timer);
  }
}
