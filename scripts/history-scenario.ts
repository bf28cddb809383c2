// What a replay-fixture scenario of `npm run record-histories` is: which of the five workflows it
// starts, with what input, and how it steers and checks the run. The scenario lists are in
// history-{spec,run,evaluation,pipeline,batch}-scenarios.ts; how each workflow is started is in
// history-workflow-kinds.ts.
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { DataFramerClient } from '../src/dataframer';
import type { RunningSimulator, SimulatorOptions } from '../src/simulator';
import type {
  BatchProgress,
  CreateEvaluationRequest,
  CreateEvaluationWorkflowInput,
  CreateRunRequest,
  CreateRunWorkflowInput,
  CreateSpecProgress,
  CreateSpecWorkflowInput,
  CreateSpecsBatchInput,
  JobWorkflowProgress,
  SpecPipelineInput,
  SpecPipelineProgress,
  createEvaluationWorkflow,
  createRunWorkflow,
  createSpecWorkflow,
  createSpecsBatchWorkflow,
  specPipelineWorkflow,
} from '../src/workflows';

/** How a fixture was caught: run to its close, or fetched while it still waited (then terminated). */
export type Capture = 'complete' | 'mid-wait';

/**
 * One item of a recorded batch: a request that succeeds, one whose spec DataFramer ends FAILED (its
 * name ends in `-doomed`), or one that is not a valid request (no generation_objectives).
 */
export type BatchScenarioItem = 'good' | 'doomed' | 'invalid';

/**
 * Per workflow a scenario can start: the workflow, the input a scenario gives (the recorder fills the
 * rest: the request naming the scenario, or the SUCCEEDED spec or run the workflow needs) and the
 * answer of its `getProgress` query.
 */
export interface WorkflowKindTypes {
  spec: {
    workflow: typeof createSpecWorkflow;
    input: Omit<CreateSpecWorkflowInput, 'request'>;
    progress: CreateSpecProgress;
  };
  run: {
    workflow: typeof createRunWorkflow;
    input: Omit<CreateRunWorkflowInput, 'request'> & { request: Omit<CreateRunRequest, 'spec_id'> };
    progress: JobWorkflowProgress;
  };
  evaluation: {
    workflow: typeof createEvaluationWorkflow;
    input: Omit<CreateEvaluationWorkflowInput, 'request'> & { request?: Omit<CreateEvaluationRequest, 'run_id'> };
    progress: JobWorkflowProgress;
  };
  pipeline: {
    workflow: typeof specPipelineWorkflow;
    input: Omit<SpecPipelineInput, 'spec'>;
    progress: SpecPipelineProgress;
  };
  batch: {
    workflow: typeof createSpecsBatchWorkflow;
    /**
     * The items, named after the scenario by the recorder: inline `requests`, or with `linesPerPage`
     * a JSONL file (lines padded with spaces so that a page holds that many) at `batchSourcePath`.
     */
    input: Omit<CreateSpecsBatchInput, 'requests' | 'source' | 'state'> & {
      items: BatchScenarioItem[];
      linesPerPage?: number;
    };
    progress: BatchProgress;
  };
}

/** The workflows a scenario can start. */
export type WorkflowKindName = keyof WorkflowKindTypes;

/** What a scenario's driver gets: the started workflow, its own simulator, and clients. */
export interface ScenarioContext<K extends WorkflowKindName = WorkflowKindName> {
  handle: WorkflowHandle<WorkflowKindTypes[K]['workflow']>;
  simulator: RunningSimulator;
  /** A DataFramer client on the simulator: what "someone else" uses (to cancel a run, say). */
  dataframer: DataFramerClient;
  /** For handles of other workflows (a pipeline's spec child). */
  client: Client;
  /** Queries the progress query until `done` holds (fails after 30 s). */
  waitFor(done: (progress: WorkflowKindTypes[K]['progress']) => boolean): Promise<WorkflowKindTypes[K]['progress']>;
  /** Terminates the workflow and starts it again under its id with its input: the new execution's handle. */
  restart(): Promise<WorkflowHandle<WorkflowKindTypes[K]['workflow']>>;
}

/** One recorded scenario of one kind of workflow. */
export interface ScenarioOf<K extends WorkflowKindName> {
  /** Which workflow the scenario starts. */
  workflow: K;
  /** Unique over every kind: the fixture's file name (`<name>.json`). */
  name: string;
  /** What the fixture covers, for the index. */
  covers: string;
  capture: Capture;
  /** The close status the run chain must end in ('RUNNING' when caught mid-wait). */
  expectedStatus: 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'RUNNING';
  /** @default { completion: { afterReads: 3 } } */
  simulator?: SimulatorOptions;
  input: WorkflowKindTypes[K]['input'];
  /** Queues one-shot faults before the workflow starts (after its SUCCEEDED spec or run is made). */
  prepare?(simulator: RunningSimulator): void;
  /**
   * Steers the workflow after it started; resolves when it ended (complete) or reached the wait to
   * capture (mid-wait). Throws when the run did not cover what `covers` says. A driver that
   * terminated the workflow and started it again resolves with the new execution's handle: that one
   * is recorded.
   */
  drive(context: ScenarioContext<K>): Promise<void | WorkflowHandle<WorkflowKindTypes[K]['workflow']>>;
}

/** A scenario of any kind. */
export type HistoryScenario = { [K in WorkflowKindName]: ScenarioOf<K> }[WorkflowKindName];
