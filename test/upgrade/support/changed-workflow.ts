// Each workflow of the package with a first command that differs from every released version's (a
// timer before anything else): the replay test's proof that it would catch an unpatched change in
// any of them, whatever command its histories start with (an activity, a child, a signal).
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { DataFramerActivities } from '../../../src/activities';
import { CREATE_SPEC_ACTIVITY_OPTIONS } from '../../../src/common/activity-policies';

const { createSpec } = proxyActivities<DataFramerActivities>(CREATE_SPEC_ACTIVITY_OPTIONS);

export async function createSpecWorkflow(input: { request: { name: string } }): Promise<void> {
  await sleep('1 second');
  await createSpec(input.request);
}

/** The other workflows, changed the same way: replay stops at the first command. */
async function timerFirst(): Promise<void> {
  await sleep('1 second');
}

export const createRunWorkflow = timerFirst;
export const createEvaluationWorkflow = timerFirst;
export const specPipelineWorkflow = timerFirst;
export const createSpecsBatchWorkflow = timerFirst;
export const createSpecsBatchItemWorkflow = timerFirst;
