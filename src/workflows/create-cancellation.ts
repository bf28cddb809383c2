// What a cancellation that arrives while the spec is being created does to the create: cancel it
// (the spec an unanswered attempt made is left, as `onCancel: 'abandon'` says), or, when the spec
// is to be deleted, let it end so the spec it made is known and deleted. Decided when the
// cancellation arrives, not when the create starts: `cancel --delete` sends its deleteOnCancel
// signal just before the cancellation, while the create may already be retrying.
import { CancellationScope, patched } from '@temporalio/workflow';
import type { WorkflowSettings } from './input-validation';
import { CREATE_CANCEL_DECIDED_ON_ARRIVAL_PATCH } from './patches';

/** The create's result, and whether it waited out a cancellation (the caller then ends cancelled). */
export interface CreateOutcome<T> {
  value: T;
  waitedOutCancel: boolean;
}

/**
 * Runs `create` so that a cancellation cancels it, as a plain call in the workflow's scope would (the
 * same commands, so histories of 0.2.0 replay), unless `settings.onCancel` is `'delete'` by the time
 * the cancellation arrives: then the create runs to its end. Only that path asks for a patch marker.
 */
export function createDecidingOnCancel<T>(
  create: () => Promise<T>,
  settings: WorkflowSettings,
): Promise<CreateOutcome<T>> {
  const outer = CancellationScope.current();
  let settled = false;
  let waitedOutCancel = false;
  return CancellationScope.nonCancellable(async () => {
    // Cancellable, but only by this function: its parent scope ignores the workflow's cancellation.
    const scope = new CancellationScope();
    outer.cancelRequested.catch(() => {
      if (settled) return;
      if (settings.onCancel === 'delete' && patched(CREATE_CANCEL_DECIDED_ON_ARRIVAL_PATCH)) waitedOutCancel = true;
      else scope.cancel();
    });
    try {
      return { value: await scope.run(create), waitedOutCancel };
    } finally {
      settled = true;
    }
  });
}
