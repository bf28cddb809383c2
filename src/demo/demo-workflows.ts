// Starting the demo's spec workflows, and stopping the ones still running when the demo is stopped.
import type { Client } from '@temporalio/client';
import { startCreateSpec } from '../client/start-create-spec';
import type { CreateSpecRequest } from '../dataframer/create-spec-request';
import type { ResolvedDemoOptions } from './demo-config';
import { atMost } from './demo-resources';
import { settleSpec, watchSpec, type WatchedSpec } from './spec-progress';

/** How long one round of control calls (cancel, terminate) may take while stopping. */
const CONTROL_CALLS_TIMEOUT_MS = 2_000;

/**
 * Starts one `createSpecWorkflow` per request, all at once, on the demo's task queue. A cancelled
 * workflow deletes its spec: whatever the demo leaves unfinished, it also leaves nowhere.
 */
export async function startDemoSpecs(
  client: Client,
  requests: readonly CreateSpecRequest[],
  taskQueue: string,
  options: Pick<ResolvedDemoOptions, 'poll' | 'deadline'>,
): Promise<WatchedSpec[]> {
  return Promise.all(
    requests.map(async (request) => {
      const startedAtMs = Date.now();
      const input = { request, poll: options.poll, deadline: options.deadline, onCancel: 'delete' as const };
      const handle = await startCreateSpec(client, input, { taskQueue });
      return watchSpec(request.name, handle, startedAtMs);
    }),
  );
}

/**
 * How to stop the workflows still running: `cancel` (yours: each deletes its spec while the worker
 * still runs; terminated after `waitMs`), `terminate` (the embedded server: nothing outlives it), or
 * `gone` (the embedded server already exited, its workflows with it).
 */
export type StopMode = { kind: 'cancel'; waitMs: number } | { kind: 'terminate' } | { kind: 'gone' };

/** Stops the workflows still running as `mode` says; every unfinished spec then ends CANCELLED. */
export async function stopUnfinishedSpecs(client: Client, specs: readonly WatchedSpec[], mode: StopMode) {
  const running = () => specs.filter((spec) => !spec.settled);
  const forEachRunning = (call: (spec: WatchedSpec) => Promise<unknown>) =>
    atMost(CONTROL_CALLS_TIMEOUT_MS, Promise.allSettled(running().map(call)));
  if (mode.kind === 'cancel') {
    await forEachRunning((spec) => spec.handle.cancel());
    await atMost(mode.waitMs, Promise.all(running().map((spec) => spec.done)));
  }
  if (mode.kind !== 'gone') await forEachRunning((spec) => spec.handle.terminate('the demo was stopped'));
  const message = mode.kind === 'gone' ? 'the Temporal dev server stopped with the demo' : 'the demo was stopped';
  for (const spec of running()) {
    const specId = spec.row.specId;
    const failure = { type: mode.kind === 'gone' ? 'ServerStopped' : 'Terminated', message };
    settleSpec(spec, { status: 'CANCELLED', reads: spec.row.reads, failure, ...(specId ? { specId } : {}) });
  }
}
