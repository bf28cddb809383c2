import type { CreateEvaluationRequest, CreateRunRequest } from '../dataframer/run-request';
import type { Evaluation } from '../dataframer/evaluation';
import type { Run } from '../dataframer/run';
import type { CreateSpecRequest, FinalSpec } from './types';
import type { EvaluationModel, EvaluationModelSource } from './waiting/evaluation-model';
import type { JobOnCancel } from './waiting/job-step';
import type { JobWaitInput } from './waiting/job-input';
import type { JobProgress, JobWaitState } from './waiting/job-wait-state';

export type { CreateEvaluationRequest, CreateRunRequest, Evaluation, Run, JobOnCancel, JobWaitInput };
export type { EvaluationModelSource };
export type { JobProgress, JobWaitState, JobPhase } from './waiting/job-wait-state';

/** Fields of a terminal object left out because they were too large, with their size (see the payload rule). */
export type OmittedFields = Record<string, { items?: number; bytes: number }>;

/** Input of {@link createRunWorkflow}. */
export interface CreateRunWorkflowInput extends JobWaitInput {
  /** The run request (`spec_id` of a SUCCEEDED spec, `number_of_samples` 1..20,000, ...). Billed. */
  request: CreateRunRequest;
  /** `'abandon'` leaves the run going on DataFramer; `'cancel'` calls its cancel endpoint. @default 'abandon' */
  onCancel?: JobOnCancel;
  /**
   * Give up creating the run after this many failed attempts (the last error fails the workflow).
   * By default creates are retried, at most a minute apart, until the deadline (then
   * `JobDeadlineExceeded`): an outage of any length loses nothing, and a retried create adopts the run
   * an earlier attempt made, never starting a second. `10` fails after about 5 minutes of errors.
   * With `onCancel: 'cancel'` a cancellation that arrives while creating waits for the create (so
   * that the run it made is canceled, not orphaned), through an outage too: this bounds that wait.
   * A positive integer. @default unlimited (bounded by the deadline)
   */
  createMaximumAttempts?: number;
  /** Carried across continue-as-new; never set it yourself. */
  state?: CreateRunState;
}

/** Result of {@link createRunWorkflow}. */
export interface CreateRunWorkflowResult {
  runId: string;
  status: 'SUCCEEDED';
  /** The run; `generated_files` left out (see `omitted`) when the whole is over `MAX_FINAL_VIEW_BYTES`. */
  run: Run;
  omitted?: OmittedFields;
  /** Status reads over the whole workflow. */
  polls: number;
}

/** State of a run workflow: the job wait, plus the number of workflow runs (1 + continue-as-new). */
export interface CreateRunState extends JobWaitState {
  runs: number;
}

/** Input of {@link createEvaluationWorkflow}. */
export interface CreateEvaluationWorkflowInput extends JobWaitInput {
  /** `run_id` of a SUCCEEDED run, `evaluation_model?`. */
  request: CreateEvaluationRequest;
  /**
   * Give up creating the evaluation after this many failed attempts (the last error fails the workflow).
   * By default creates are retried, at most a minute apart, until the deadline (then
   * `JobDeadlineExceeded`): an outage of any length loses nothing, and a retried create adopts the
   * evaluation an earlier attempt made, never starting a second. `10` fails after about 5 minutes of errors.
   * A positive integer. @default unlimited (bounded by the deadline)
   */
  createMaximumAttempts?: number;
  /** Carried across continue-as-new; never set it yourself. */
  state?: CreateRunState;
}

/** Result of {@link createEvaluationWorkflow}. */
export interface CreateEvaluationWorkflowResult {
  evaluationId: string;
  status: 'SUCCEEDED';
  /** The evaluation; `sample_classifications` left out (see `omitted`) when the whole is over `MAX_FINAL_VIEW_BYTES`. */
  evaluation: Evaluation;
  /** The model that judged: DataFramer's echo (`evaluation.evaluation_model`) where it sends one, else the request's, else DataFramer's default. */
  evaluationModel: string;
  /** Where `evaluationModel` comes from (`dataframer`, `request`, or `default` when neither said). */
  evaluationModelFrom: EvaluationModelSource;
  omitted?: OmittedFields;
  polls: number;
}

/** Answer of the run and evaluation workflows' `getProgress` query. */
export type JobWorkflowProgress = JobProgress & { runs: number };

/** Input of {@link specPipelineWorkflow}. `poll`, `pollingDesign` and `deadline` apply to every step. */
export interface SpecPipelineInput extends JobWaitInput {
  /** The create-spec request (the spec step runs `createSpecWorkflow` as a child, id `specWorkflowId`). */
  spec: CreateSpecRequest;
  /** The run request without `spec_id` (the pipeline fills it). */
  run: Omit<CreateRunRequest, 'spec_id'>;
  /** Evaluate the run when given; `{}` for DataFramer's defaults. @default undefined (no evaluation) */
  evaluation?: Omit<CreateEvaluationRequest, 'run_id'>;
  /** Applied to the step under way when the pipeline is cancelled (the spec is always left to finish). @default 'abandon' */
  onCancel?: JobOnCancel;
  /**
   * Give up a step's create (the spec's, the run's, the evaluation's) after this many failed attempts
   * (the last error fails the step). By default creates are retried, at most a minute apart, until
   * the deadline: an outage of any length loses nothing. A positive integer. @default unlimited
   * (bounded by the deadline)
   */
  createMaximumAttempts?: number;
  /** Carried across continue-as-new; never set it yourself. */
  state?: SpecPipelineState;
}

/** A step of the pipeline; `done` once all ran. */
export type PipelineStep = 'spec' | 'run' | 'evaluation' | 'done';

/** A step's answer, or what was left out of it (payload rule) and where to fetch it. */
export type PipelinePart<T> = T | { omitted: { bytes: number }; fetch: string };

/** The pipeline's whole state: what continue-as-new carries and `getProgress` shows. */
export interface SpecPipelineState {
  step: PipelineStep;
  /** `running`, `succeeded`, `failed` (then `failedStep` names the step) or `cancelled`. */
  outcome: 'running' | 'succeeded' | 'failed' | 'cancelled';
  failedStep?: Exclude<PipelineStep, 'done'>;
  startedAtMs: number;
  deadlineAtMs: number;
  specWorkflowId?: string;
  specId?: string;
  runId?: string;
  evaluationId?: string;
  /** The evaluation step's model, once it ended (see {@link SpecPipelineResult}). */
  evaluationModel?: EvaluationModel;
  /** The run or evaluation step under way. */
  job?: JobWaitState;
  /** Finished parts, kept for the result (each under `PIPELINE_PART_MAX_BYTES`, else left out). */
  results: { spec?: PipelinePart<FinalSpec>; run?: PipelinePart<Run>; evaluation?: PipelinePart<Evaluation> };
  runs: number;
}

/** Answer of the pipeline's `getProgress` query: the step, and that step's own progress. */
export interface SpecPipelineProgress {
  step: PipelineStep;
  outcome: SpecPipelineState['outcome'];
  failedStep?: SpecPipelineState['failedStep'];
  specWorkflowId?: string;
  specId?: string;
  runId?: string;
  evaluationId?: string;
  startedAt: string;
  deadlineAt: string;
  /** The run or evaluation step's progress (the spec step's is the child's own `getProgress`). */
  stepProgress?: JobProgress;
  runs: number;
}

/** Result of {@link specPipelineWorkflow}. */
export interface SpecPipelineResult {
  specId: string;
  runId: string;
  evaluationId?: string;
  spec: PipelinePart<FinalSpec>;
  run: PipelinePart<Run>;
  evaluation?: PipelinePart<Evaluation>;
  /** With an evaluation step: the model that judged, as in {@link CreateEvaluationWorkflowResult}. */
  evaluationModel?: string;
  /** With an evaluation step: where `evaluationModel` comes from. */
  evaluationModelFrom?: EvaluationModelSource;
}
