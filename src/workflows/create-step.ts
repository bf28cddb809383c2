import { CancellationScope, log, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CreateSpecContext, DataFramerActivities } from '../activities';
import { CREATE_SPEC_ACTIVITY_OPTIONS } from '../common/activity-policies';
import type { WorkflowSettings } from './input-validation';
import type { CreateSpecState, CreateSpecWorkflowInput } from './types';

const { createSpec } = proxyActivities<DataFramerActivities>(CREATE_SPEC_ACTIVITY_OPTIONS);

/**
 * Patch id (0.2.0): `createSpec` is told the workflow's first start, whether an earlier run of the
 * chain may have made the spec (a reset), and `ifNameExists`, so adoption is anchored to the workflow
 * rather than to the activity's first attempt. Deprecate once no 0.1.x run can still be creating.
 */
export const ADOPTION_CONTEXT_PATCH = 'dataframer-create-spec-adoption-context';

/**
 * Patch id (0.2.0): with `onCancel: 'delete'`, a cancellation that arrives while the spec is being
 * created waits for the create to end, so the spec it may make is known and deleted, not left
 * behind. Deprecate once no 0.1.x run can still be creating.
 */
export const CREATE_BEFORE_CANCEL_PATCH = 'dataframer-create-before-cancel';

function adoptionContext(settings: WorkflowSettings): CreateSpecContext {
  const info = workflowInfo();
  return {
    // The started event is copied by a reset and the chain keeps it: this is the workflow's first start.
    workflowStartedAtMs: info.startTime.getTime(),
    earlierRunMayHaveCreated: info.runId !== info.firstExecutionRunId,
    ifNameExists: settings.ifNameExists,
  };
}

/** Creates (or adopts) the spec and records it in the state. */
export async function create(
  state: CreateSpecState,
  input: CreateSpecWorkflowInput,
  settings: WorkflowSettings,
): Promise<void> {
  const run = () =>
    patched(ADOPTION_CONTEXT_PATCH) ? createSpec(input.request, adoptionContext(settings)) : createSpec(input.request);
  const waitsOutCancel = settings.onCancel === 'delete' && patched(CREATE_BEFORE_CANCEL_PATCH);
  const created = await (waitsOutCancel ? CancellationScope.nonCancellable(run) : run());
  state.specId = created.specId;
  state.createdAtMs = created.createdAtMs;
  if (created.adopted) state.adopted = true;
  state.phase = 'waiting';
  log.info('Spec created', { specId: created.specId, name: state.name, adopted: created.adopted });
  // Cancelled while creating: end now, through the caller's cancellation path, which deletes the spec.
  if (waitsOutCancel && CancellationScope.current().consideredCancelled)
    await CancellationScope.current().cancelRequested;
}
