import { workflowInfo } from '@temporalio/workflow';
import type { JobStatusView } from '../../activities';
import { jobDeadlineExceeded, jobEndedUnsuccessfully } from './job-wait-state';
import { JOB_WAIT_STEPS, type JobWaitContext } from './job-wait-steps';

/**
 * Waits on one job, whatever its kind, until it succeeds (returns its terminal view) or ends
 * otherwise (throws the description's failure type): deadline, polling design, `pollNow` and a
 * 429's not-before all live here. `continueAsNew` is the caller's, since only it knows its input.
 */
export async function waitForJob(context: JobWaitContext, continueAsNew: () => Promise<never>): Promise<JobStatusView> {
  const { kind, state, settings } = context;
  state.phase = 'waiting';
  const step = JOB_WAIT_STEPS[settings.pollingDesign];
  const readsAtStart = state.reads;
  for (;;) {
    if (Date.now() >= state.deadlineAtMs) throw jobDeadlineExceeded(kind, state);
    const view = await step(context);
    if (view !== undefined) {
      if (view.outcome === 'succeeded') {
        state.phase = 'succeeded';
        return view;
      }
      state.phase = 'failed';
      throw jobEndedUnsuccessfully(kind, view);
    }
    if (workflowInfo().continueAsNewSuggested || state.reads - readsAtStart >= settings.continueAsNewAfterReads) {
      await continueAsNew();
    }
  }
}
