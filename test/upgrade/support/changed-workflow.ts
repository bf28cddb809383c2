// A createSpecWorkflow whose first command differs from every released version's (a timer before the
// create): the replay test's proof that it would catch an unpatched change.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { DataFramerActivities } from '../../../src/activities';
import { CREATE_SPEC_ACTIVITY_OPTIONS } from '../../../src/common/activity-policies';

const { createSpec } = proxyActivities<DataFramerActivities>(CREATE_SPEC_ACTIVITY_OPTIONS);

export async function createSpecWorkflow(input: { request: { name: string } }): Promise<void> {
  await sleep('1 second');
  await createSpec(input.request);
}
