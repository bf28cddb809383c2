import { workflowInfo } from '@temporalio/workflow';
import type { WaitContext, WaitState, WaitView } from './wait-kind';
import { WAIT_STEPS } from './wait-steps';

/**
 * Waits on one job, whatever its kind, until a read finds it terminal, and returns that view (what
 * a terminal status means is the caller's). Throws the kind's deadline failure when the deadline
 * passes, and continues as new after `continueAsNewAfterReads` reads in this run or when the server
 * suggests it; `continueAsNew` is the caller's, since only it knows its input.
 */
export async function waitUntilTerminal<View extends WaitView, State extends WaitState>(
  context: WaitContext<View, State>,
  continueAsNew: () => Promise<never>,
): Promise<View> {
  const { kind, state, settings } = context;
  const step = WAIT_STEPS[settings.pollingDesign];
  const readsAtStart = state.reads;
  for (;;) {
    if (Date.now() >= state.deadlineAtMs) throw kind.deadlineExceeded(state);
    const view = await step(context);
    if (view !== undefined) return view;
    if (workflowInfo().continueAsNewSuggested || state.reads - readsAtStart >= settings.continueAsNewAfterReads) {
      await continueAsNew();
    }
  }
}
