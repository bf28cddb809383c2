// Stand-ins for batch item workflows that close each way an item can (checkBatchItems reads only how
// the workflow under an item's id closed, not its type).
import { ApplicationFailure, condition } from '@temporalio/workflow';

/** Completes with an item outcome, as an item that reported would. */
export async function itemThatCompletes(
  index: number,
): Promise<{ index: number; status: 'SUCCEEDED'; specId: string }> {
  return Promise.resolve({ index, status: 'SUCCEEDED', specId: `spec-${index}` });
}

/** Fails, as an item with a bug could. */
export async function itemThatFails(): Promise<never> {
  return Promise.reject(ApplicationFailure.nonRetryable('a bug in the item', 'Boom'));
}

/** Waits until cancelled, terminated or timed out. */
export async function itemThatWaits(): Promise<void> {
  await condition(() => false);
}
