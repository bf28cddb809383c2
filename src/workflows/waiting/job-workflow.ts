import { setHandler } from '@temporalio/workflow';
import type { CreatedJobAnswer, CreateJobOptions, JobStatusView } from '../../activities';
import { pollNowSignal } from '../definitions';
import { getJobProgressQuery } from '../job-definitions';
import type { CreateRunState } from '../job-types';
import { jobCreateContext } from './job-create-context';
import { createJobBeforeDeadline, resolveCreateMaximumAttempts, type JobCreateActivities } from './job-create-options';
import { resolveJobWaitInput, type JobWaitInput } from './job-input';
import type { JobWaitKind } from './job-kinds';
import { runJobStep, type JobOnCancel } from './job-step';
import { newJobWaitState, toJobProgress } from './job-wait-state';

/** What every one-job workflow's input has besides its request. */
export interface JobWorkflowInput extends JobWaitInput {
  createMaximumAttempts?: number;
  state?: CreateRunState;
}

/** One job workflow (run, evaluation): its name, kind, input, and how it creates and continues. */
export interface JobWorkflowPlan<Input extends JobWorkflowInput> {
  /** The workflow's name, for `InvalidInput` messages. */
  workflow: string;
  kind: JobWaitKind;
  input: Input;
  onCancel: JobOnCancel;
  /** View fields known before the first read (a run's `numberOfSamples`). */
  initialProgress?: Record<string, number | string>;
  /** The create call; `context` says the chain's start and whether an earlier run of it (a reset) may have made the job. */
  create(activities: JobCreateActivities, context: CreateJobOptions): Promise<CreatedJobAnswer>;
  /** `continueAsNew` typed with the workflow's own function. */
  continueAsNew(input: Input): Promise<never>;
}

/**
 * The body of a workflow that creates one job and waits for it: validates the waiting input, answers
 * `getProgress` and `pollNow`, creates the job (retried until the deadline, or `createMaximumAttempts`)
 * and waits on the generic machinery, carrying its state across continue-as-new. Resolves to the
 * terminal view of a job that SUCCEEDED, and the reads it took.
 */
export async function runJobWorkflow<Input extends JobWorkflowInput>(
  plan: JobWorkflowPlan<Input>,
): Promise<{ view: JobStatusView; polls: number }> {
  const { workflow, kind, input } = plan;
  const settings = resolveJobWaitInput(workflow, input);
  const createMaximumAttempts = resolveCreateMaximumAttempts(workflow, input.createMaximumAttempts);
  const state: CreateRunState = input.state ?? {
    ...newJobWaitState(kind.kind, settings.deadlineMs, plan.initialProgress),
    runs: 1,
  };
  const signals = { pollNowRequested: false };
  setHandler(getJobProgressQuery, () => ({ ...toJobProgress(state), runs: state.runs }));
  setHandler(pollNowSignal, () => {
    signals.pollNowRequested = true;
  });
  const view = await runJobStep({
    kind,
    state,
    settings,
    signals,
    onCancel: plan.onCancel,
    // Retried until the deadline (or createMaximumAttempts): an outage up to the deadline loses nothing.
    create: () =>
      createJobBeforeDeadline({ kind, state, createMaximumAttempts }, (activities) =>
        plan.create(activities, jobCreateContext()),
      ),
    continueAsNew: () => {
      state.runs += 1;
      return plan.continueAsNew({ ...input, state });
    },
  });
  return { view, polls: state.reads };
}
