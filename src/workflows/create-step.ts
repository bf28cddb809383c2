import {
  CancellationScope,
  log,
  patched,
  proxyActivities,
  workflowInfo,
  type ApplicationFailure,
} from '@temporalio/workflow';
import type { CreateSpecContext, DataFramerActivities } from '../activities';
import { CREATE_SPEC_ACTIVITY_OPTIONS, MIN_RETRY_DELAY_MS } from '../common/activity-policies';
import { deadlineExceeded } from './create-spec-state';
import type { WorkflowSettings } from './input-validation';
import { createDecidingOnCancel } from './create-cancellation';
import { CREATE_BEFORE_CANCEL_PATCH } from './patches';
import { cutOffByDeadline, describeFailure } from './waiting/transient-failures';
import type { CreateSpecState, CreateSpecWorkflowInput } from './types';

export { CREATE_BEFORE_CANCEL_PATCH };

function adoptionContext(settings: WorkflowSettings): CreateSpecContext {
  const info = workflowInfo();
  // The started event is copied by a reset and the chain keeps it: this is the workflow's first start.
  const startedAtMs = info.startTime.getTime();
  // A caller's earlier execution (a reset pipeline's child before, a batch item's earlier child) may
  // have made the spec since the time it gives: a spec made since then is ours, as after our own reset.
  const callerSinceMs = settings.callerMayHaveCreatedSinceMs;
  return {
    workflowStartedAtMs: callerSinceMs === undefined ? startedAtMs : Math.min(startedAtMs, callerSinceMs),
    earlierRunMayHaveCreated: info.runId !== info.firstExecutionRunId || callerSinceMs !== undefined,
    ifNameExists: settings.ifNameExists,
  };
}

/** Retries (in Temporal, no history) until the deadline or `createMaximumAttempts`: an outage up to the deadline loses nothing. */
function createActivity(state: CreateSpecState, settings: WorkflowSettings) {
  return proxyActivities<DataFramerActivities>({
    ...CREATE_SPEC_ACTIVITY_OPTIONS,
    scheduleToCloseTimeout: Math.max(MIN_RETRY_DELAY_MS, state.deadlineAtMs - Date.now()),
    retry: { ...CREATE_SPEC_ACTIVITY_OPTIONS.retry, maximumAttempts: settings.createMaximumAttempts },
  }).createSpec;
}

/** A create cut off by its schedule-to-close (the deadline) ends as `SpecDeadlineExceeded`. */
function asDeadlineExceeded(state: CreateSpecState, err: unknown): ApplicationFailure | undefined {
  const cutOff = cutOffByDeadline(err);
  if (cutOff === undefined) return undefined;
  if (cutOff.last !== undefined) state.lastTransientError = describeFailure(cutOff.last);
  return deadlineExceeded(state);
}

/** Creates (or adopts) the spec, records it in the state and answers its id. */
export async function create(
  state: CreateSpecState,
  input: CreateSpecWorkflowInput,
  settings: WorkflowSettings,
): Promise<string> {
  const createSpec = createActivity(state, settings);
  const run = () => createSpec(input.request, adoptionContext(settings));
  // A run started with onCancel 'delete' decides at the create's start, as 0.2.0 did (its histories hold
  // that marker there); any other decides when a cancellation arrives (create-cancellation.ts).
  const waitsFromStart = settings.onCancel === 'delete' && patched(CREATE_BEFORE_CANCEL_PATCH);
  let created: Awaited<ReturnType<typeof createSpec>>;
  let waitsOutCancel = waitsFromStart;
  try {
    if (waitsFromStart) created = await CancellationScope.nonCancellable(run);
    else ({ value: created, waitedOutCancel: waitsOutCancel } = await createDecidingOnCancel(run, settings));
  } catch (err) {
    throw asDeadlineExceeded(state, err) ?? err;
  }
  state.specId = created.specId;
  state.createdAtMs = created.createdAtMs;
  if (created.adopted) state.adopted = true;
  state.phase = 'waiting';
  log.info('Spec created', { specId: created.specId, name: state.name, adopted: created.adopted });
  // Cancelled while creating: end now, through the caller's cancellation path, which deletes the spec.
  if (waitsOutCancel && CancellationScope.current().consideredCancelled)
    await CancellationScope.current().cancelRequested;
  return created.specId;
}
