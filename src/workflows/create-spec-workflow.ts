import {
  ApplicationFailure,
  CancellationScope,
  ContinueAsNew,
  continueAsNew,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { DataFramerActivities } from '../activities';
import { DELETE_SPEC_ACTIVITY_OPTIONS } from '../common/activity-policies';
import { create } from './create-step';
import { generationFailed, newCreateSpecState, toProgress } from './create-spec-state';
import { deleteOnCancelSignal, getProgressQuery, pollNowSignal } from './definitions';
import { resolveWorkflowSettings, type WorkflowSettings } from './input-validation';
import type { CreateSpecState, CreateSpecWorkflowInput, CreateSpecWorkflowResult } from './types';
import { asTypedFailure } from './waiting/job-step';
import { SPEC_WAIT_KIND } from './waiting/spec-kind';
import { waitUntilTerminal } from './waiting/wait-loop';
import { CANCELLED_OUTCOME, recordOutcome } from './workflow-metrics';

const { deleteSpec } = proxyActivities<DataFramerActivities>(DELETE_SPEC_ACTIVITY_OPTIONS);

/**
 * Creates a DataFramer spec and waits, on durable timers or server-side retries, until it is
 * SUCCEEDED (returns it) or FAILED (fails with `SpecGenerationFailed`). Survives worker and server
 * restarts, keeps its history bounded with continue-as-new, and never creates the spec twice.
 */
export async function createSpecWorkflow(input: CreateSpecWorkflowInput): Promise<CreateSpecWorkflowResult> {
  const settings = resolveWorkflowSettings(input);
  const state = input.state ?? newCreateSpecState(settings);
  const signals = { pollNowRequested: false };
  setHandler(getProgressQuery, () => toProgress(state));
  setHandler(pollNowSignal, () => {
    signals.pollNowRequested = true;
  });
  setHandler(deleteOnCancelSignal, () => {
    settings.onCancel = 'delete';
  });
  try {
    const specId = state.specId ?? (await create(state, input, settings));
    const view = await waitUntilTerminal({ kind: SPEC_WAIT_KIND, id: specId, state, settings, signals }, () =>
      continueAsNewCarrying(input, state, settings),
    );
    if (view.status === 'FAILED') {
      const failure = generationFailed(state, view);
      state.phase = 'failed';
      recordOutcome(state, failure.type ?? 'SpecGenerationFailed', true);
      throw failure;
    }
    if (view.spec === undefined) throw new Error(`Terminal view of spec ${view.specId} has no spec`);
    state.phase = 'succeeded';
    const result: CreateSpecWorkflowResult = {
      specId: view.specId,
      name: state.name,
      status: 'SUCCEEDED',
      spec: view.spec,
      polls: state.reads,
    };
    if (view.contentOmitted !== undefined) result.contentOmitted = view.contentOmitted;
    recordOutcome(state, 'SUCCEEDED', true);
    return result;
  } catch (err) {
    if (err instanceof ContinueAsNew) throw err;
    if (isCancellation(err)) {
      recordOutcome(state, CANCELLED_OUTCOME, false);
      await onCancelled(state, settings);
      throw err;
    }
    if (state.phase === 'failed') throw err; // FAILED by DataFramer: already counted
    state.phase = 'failed';
    const failure = asTypedFailure(err);
    // Anything but a Temporal failure fails the workflow task, which is retried: not an outcome.
    if (failure instanceof ApplicationFailure) recordOutcome(state, failure.type ?? 'Error', false);
    throw failure;
  }
}

/** Continues as new with the state; only a run told to delete by the signal changes the input it carries. */
function continueAsNewCarrying(
  input: CreateSpecWorkflowInput,
  state: CreateSpecState,
  settings: WorkflowSettings,
): Promise<never> {
  state.runs += 1;
  const carried =
    settings.onCancel === 'delete' && input.onCancel !== 'delete' ? { ...input, onCancel: 'delete' as const } : input;
  return continueAsNew<(input: CreateSpecWorkflowInput) => Promise<CreateSpecWorkflowResult>>({ ...carried, state });
}

async function onCancelled(state: CreateSpecState, settings: WorkflowSettings): Promise<void> {
  state.phase = 'cancelled';
  if (settings.onCancel !== 'delete' || state.specId === undefined) return;
  const specId = state.specId;
  try {
    const { deleted } = await CancellationScope.nonCancellable(() => deleteSpec(specId));
    log.info('Deleted the spec of a cancelled workflow', { specId, deleted });
  } catch (err) {
    log.warn('Could not delete the spec of a cancelled workflow', { specId, error: String(err) });
  }
}
