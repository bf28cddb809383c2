// What every scenario list shares: tiny poll schedules (so the whole recording takes about a minute),
// the simulator that ends jobs only by hand, and the checks that make a scenario fail loudly when its
// run did not cover what its index entry says.
import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import type { SimulatorOptions } from '../src/simulator';

/** Reads 100 to 200 ms apart: a few reads per scenario, in well under a second each. */
export const FAST_POLL = { initialInterval: '100 milliseconds', maximumInterval: '200 milliseconds', jitter: 0.1 };
/** A wait only a `pollNow` signal cuts short. */
export const HOUR_POLL = { initialInterval: '1 hour', maximumInterval: '1 hour', jitter: 0 };
/** Specs, runs and evaluations end only when the scenario ends them (`control.complete`, `failRun`, ...). */
export const MANUAL = { completion: { manual: true } } satisfies SimulatorOptions;

/** Throws when a scenario's run did not cover what it says. */
export function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`scenario did not cover what it says: ${message}`);
}

/** Waits for the workflow to close, however it closes (its status is checked by the recorder). */
export async function settle({ handle }: { handle: WorkflowHandle }): Promise<void> {
  await handle.result().catch(() => undefined);
}

/** The failure type the workflow failed with (`RunGenerationFailed`, ...); throws when it did not fail. */
export async function failureTypeOf(handle: WorkflowHandle): Promise<string | undefined> {
  const err = await handle.result().then(
    () => undefined,
    (e: unknown) => e,
  );
  check(err instanceof WorkflowFailedError, `${handle.workflowId} did not fail (${String(err)})`);
  const cause = (err as WorkflowFailedError).cause as { type?: string } | undefined;
  return cause?.type;
}

/** Polls `condition` every 50 ms until it holds (fails after 30 s, saying what it waited for). */
export async function waitUntil(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
