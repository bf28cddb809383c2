import { ActivityCancellationType, proxyActivities } from '@temporalio/workflow';
import type { DataFramerActivities } from '../../../src/activities';

/** Which activity {@link slowCallWorkflow} calls, with its arguments. */
export type SlowCall =
  | { activity: 'createSpec'; args: Parameters<DataFramerActivities['createSpec']> }
  | { activity: 'getSpecStatus'; args: Parameters<DataFramerActivities['getSpecStatus']> }
  | { activity: 'awaitSpecStatus'; args: Parameters<DataFramerActivities['awaitSpecStatus']> }
  | { activity: 'deleteSpec'; args: Parameters<DataFramerActivities['deleteSpec']> };

// A 3 s heartbeat timeout: a slow call first heartbeats after 1 s, so the test takes seconds, not
// the 5 s our 30 s timeouts would wait. The workflow waits for the activity to acknowledge its
// cancellation, which it can only learn of from a heartbeat's answer.
const activities = proxyActivities<DataFramerActivities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '3 seconds',
  retry: { maximumAttempts: 1 },
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});

/** Calls one of our activities with a short heartbeat timeout; cancel the workflow to cancel the call. */
export async function slowCallWorkflow(call: SlowCall): Promise<unknown> {
  switch (call.activity) {
    case 'createSpec':
      return activities.createSpec(...call.args);
    case 'getSpecStatus':
      return activities.getSpecStatus(...call.args);
    case 'awaitSpecStatus':
      return activities.awaitSpecStatus(...call.args);
    case 'deleteSpec':
      return activities.deleteSpec(...call.args);
  }
}
