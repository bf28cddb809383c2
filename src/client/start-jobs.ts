import type { Client, WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { DEFAULT_TASK_QUEUE, evaluationWorkflowId, pipelineWorkflowId, runWorkflowId } from '../common/constants';
import { InvalidInputError } from '../common/input-checks';
import { createEvaluationWorkflow } from '../workflows/create-evaluation-workflow';
import { createRunWorkflow } from '../workflows/create-run-workflow';
import { specPipelineWorkflow } from '../workflows/spec-pipeline-workflow';
import { getPipelineProgressQuery } from '../workflows/job-definitions';
import type { CreateEvaluationWorkflowInput, CreateRunWorkflowInput, SpecPipelineInput } from '../workflows/job-types';
import type { SpecPipelineProgress } from '../workflows/job-types';
import type { CreateSpecProgress } from '../workflows/types';
import { withPendingJobActivity } from './job-progress';
import { getSpecProgress } from './spec-progress';
import type { StartCreateSpecOptions } from './start-create-spec';

/**
 * Options of the run, evaluation and pipeline starters. Runs have no unique name, so give `key`
 * (the workflow id becomes `dataframer-run/<key>`, ...) or your own `workflowId`: starting again with
 * the same one attaches to the workflow already going (USE_EXISTING) instead of starting a second run.
 */
export type StartJobOptions = Omit<StartCreateSpecOptions, 'workflowId'> & { key?: string; workflowId?: string };

function idOf(helper: string, options: StartJobOptions, derive: (key: string) => string): string {
  const { workflowId, key } = options as { workflowId?: unknown; key?: unknown };
  if (workflowId !== undefined) {
    if (typeof workflowId !== 'string' || workflowId === '') {
      throw new InvalidInputError(helper, 'options.workflowId', 'must be a non-empty string');
    }
    return workflowId;
  }
  if (key !== undefined) {
    if (typeof key !== 'string') throw new InvalidInputError(helper, 'options.key', 'must be a string');
    return derive(key);
  }
  throw new InvalidInputError(
    helper,
    'options.key',
    'runs have no unique name: pass options.key or options.workflowId so a second start attaches',
  );
}

function startOptions(options: StartJobOptions, workflowId: string) {
  const { key: _key, ...rest } = options;
  return { taskQueue: DEFAULT_TASK_QUEUE, workflowIdConflictPolicy: 'USE_EXISTING' as const, ...rest, workflowId };
}

/** From a client: starts {@link createRunWorkflow} (id from `key` or `workflowId`). */
export function startCreateRun(
  client: Client,
  input: CreateRunWorkflowInput,
  options: StartJobOptions,
): Promise<WorkflowHandleWithFirstExecutionRunId<typeof createRunWorkflow>> {
  const workflowId = idOf('startCreateRun', options, runWorkflowId);
  return client.workflow.start(createRunWorkflow, { ...startOptions(options, workflowId), args: [input] });
}

/** From a client: starts {@link createEvaluationWorkflow} (id from `key` or `workflowId`). */
export function startCreateEvaluation(
  client: Client,
  input: CreateEvaluationWorkflowInput,
  options: StartJobOptions,
): Promise<WorkflowHandleWithFirstExecutionRunId<typeof createEvaluationWorkflow>> {
  const workflowId = idOf('startCreateEvaluation', options, evaluationWorkflowId);
  return client.workflow.start(createEvaluationWorkflow, { ...startOptions(options, workflowId), args: [input] });
}

/** From a client: starts {@link specPipelineWorkflow} (id from `key` or `workflowId`). */
export function startSpecPipeline(
  client: Client,
  input: SpecPipelineInput,
  options: StartJobOptions,
): Promise<WorkflowHandleWithFirstExecutionRunId<typeof specPipelineWorkflow>> {
  const workflowId = idOf('startSpecPipeline', options, pipelineWorkflowId);
  return client.workflow.start(specPipelineWorkflow, { ...startOptions(options, workflowId), args: [input] });
}

/**
 * A pipeline's progress right now: during the spec step, completed by the spec child's own progress
 * (`getSpecProgress`); during the run or evaluation step, its `stepProgress` brought up to date with
 * the pending waiting activity (`withPendingJobActivity`: reads, status and view fields such as
 * `samplesCompleted`, which the workflow learns only when that activity ends).
 */
export async function getPipelineProgress(
  client: Client,
  handle: WorkflowHandle,
): Promise<SpecPipelineProgress & { specProgress?: CreateSpecProgress }> {
  const progress = await handle.query(getPipelineProgressQuery);
  if (progress.step === 'run' || progress.step === 'evaluation') {
    if (progress.stepProgress === undefined) return progress;
    const description = await handle.describe();
    const stepProgress = withPendingJobActivity(progress.stepProgress, description.raw.pendingActivities ?? []);
    return { ...progress, stepProgress };
  }
  if (progress.step !== 'spec' || progress.specWorkflowId === undefined) return progress;
  try {
    const specProgress = await getSpecProgress(client.workflow.getHandle(progress.specWorkflowId));
    return { ...progress, specProgress };
  } catch {
    return progress; // the child has not started yet
  }
}
