// How the recorder starts each of the five workflows for a scenario: its id, its whole input (made
// from the scenario's: a request naming the scenario, or a SUCCEEDED spec or run made on the
// scenario's simulator first, as a run or an evaluation needs one) and the children it may start,
// whose histories are recorded with its own. The batch's is in history-batch-kind.ts.
import { evaluationWorkflowId, pipelineWorkflowId, runWorkflowId, specWorkflowId } from '../src/common/constants';
import type { DataFramerClient } from '../src/dataframer';
import type { RunningSimulator } from '../src/simulator';
import {
  createEvaluationWorkflow,
  createRunWorkflow,
  createSpecWorkflow,
  specPipelineWorkflow,
  type CreateSpecRequest,
} from '../src/workflows';
import { BATCH_KIND } from './history-batch-kind';
import type { ScenarioOf, WorkflowKindName, WorkflowKindTypes } from './history-scenario';

/** What a kind's `input` may use: the scenario's own simulator and a DataFramer client on it. */
export interface KindSetup {
  simulator: RunningSimulator;
  dataframer: DataFramerClient;
}

/** How one kind of workflow is started for a scenario. */
export interface WorkflowKind<K extends WorkflowKindName> {
  workflow: WorkflowKindTypes[K]['workflow'];
  /** The id to start it with: unique per scenario on the one dev server. */
  workflowId(scenarioName: string): string;
  /** The name of its progress query. @default 'getProgress' */
  progressQuery?: string;
  /** The workflow's whole input, making what it needs on the simulator first. */
  input(scenario: ScenarioOf<K>, setup: KindSetup): Promise<Parameters<WorkflowKindTypes[K]['workflow']>[0]>;
  /**
   * Ids of the child workflows it may start, at least one of them when any (their histories are
   * recorded with its own, and their own children's with theirs).
   */
  childIds(scenario: ScenarioOf<K>, workflowId: string): string[];
}

/** The spec request of a scenario: its name is the spec's (`failNamesMatching` and `control.complete` use it). */
export const specRequestOf = (scenarioName: string): CreateSpecRequest => ({
  name: `history-${scenarioName}`,
  generation_objectives: 'Product reviews of varied tone',
});

/** A SUCCEEDED spec on the simulator, made through the API and ended by hand (what a run needs). */
async function succeededSpec(name: string, { simulator, dataframer }: KindSetup): Promise<string> {
  const { id } = await dataframer.createSpec({ ...specRequestOf(name), name: `history-${name}-source` });
  simulator.control.complete(id, 'SUCCEEDED');
  return id;
}

/** A SUCCEEDED run of a SUCCEEDED spec (what an evaluation needs). */
async function succeededRun(name: string, setup: KindSetup): Promise<string> {
  const { id } = await setup.dataframer.createRun({ spec_id: await succeededSpec(name, setup), number_of_samples: 3 });
  setup.simulator.control.completeRun(id);
  return id;
}

/** Every kind, by the name scenarios give in `workflow`. */
export const WORKFLOW_KINDS: { [K in WorkflowKindName]: WorkflowKind<K> } = {
  spec: {
    workflow: createSpecWorkflow,
    // The id every user's spec workflow has: 0.1.0's fixtures were recorded under it too.
    workflowId: (name) => specWorkflowId(specRequestOf(name)),
    input: ({ name, input }) => Promise.resolve({ ...input, request: specRequestOf(name) }),
    childIds: () => [],
  },
  run: {
    workflow: createRunWorkflow,
    workflowId: (name) => runWorkflowId(`history-${name}`),
    input: async ({ name, input }, setup) => ({
      ...input,
      request: { ...input.request, spec_id: await succeededSpec(name, setup) },
    }),
    childIds: () => [],
  },
  evaluation: {
    workflow: createEvaluationWorkflow,
    workflowId: (name) => evaluationWorkflowId(`history-${name}`),
    input: async ({ name, input }, setup) => ({
      ...input,
      request: { ...input.request, run_id: await succeededRun(name, setup) },
    }),
    childIds: () => [],
  },
  pipeline: {
    workflow: specPipelineWorkflow,
    workflowId: (name) => pipelineWorkflowId(`history-${name}`),
    input: ({ name, input }) => Promise.resolve({ ...input, spec: specRequestOf(name) }),
    // The spec step: one createSpecWorkflow child under the spec's own id.
    childIds: ({ name }) => [specWorkflowId(specRequestOf(name))],
  },
  batch: BATCH_KIND,
};
