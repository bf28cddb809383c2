// How the recorder starts a createSpecsBatchWorkflow for a scenario: the items named after the
// scenario (inline, or in a JSONL file whose lines are padded so a page holds a few), its id, and the
// item workflows it may start, whose histories (and their spec children's) are recorded with its own.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchItemWorkflowId, batchWorkflowId } from '../src/common/batch-ids';
import { BATCH_LIMITS } from '../src/common/batch-policies';
import { createSpecsBatchWorkflow, type CreateSpecsBatchInput } from '../src/workflows';
import type { BatchScenarioItem, ScenarioOf } from './history-scenario';
import type { WorkflowKind } from './history-workflow-kinds';

/** What the simulator's `failNamesMatching` is given: the doomed items' names end in it. */
export const DOOMED_NAMES = '-doomed$';

let sourceDir: string | undefined;

/** Where a scenario's JSONL source is written (one folder per recording): a driver may delete it. */
export function batchSourcePath(scenarioName: string): string {
  sourceDir ??= mkdtempSync(join(tmpdir(), 'record-histories-'));
  return join(sourceDir, `${scenarioName}.jsonl`);
}

/** The name of item `index` of a scenario's batch: `control.complete` ends its spec by it. */
export const batchItemName = (scenarioName: string, index: number, item: BatchScenarioItem = 'good') =>
  `history-${scenarioName}-${index}${item === 'good' ? '' : `-${item}`}`;

function requestOf(scenarioName: string, item: BatchScenarioItem, index: number) {
  const name = batchItemName(scenarioName, index, item);
  // No generation_objectives: the item fails with InvalidInput before it starts a spec.
  return item === 'invalid' ? { name } : { name, generation_objectives: 'Product reviews of varied tone' };
}

/**
 * Writes the items as JSONL, each line padded with spaces (trimmed by the reader) to just under
 * 1/linesPerPage of a page's bytes, so that every page holds `linesPerPage` items.
 */
function writeSource(path: string, lines: string[], linesPerPage: number): void {
  const width = Math.floor(BATCH_LIMITS.pageBytes / linesPerPage) - 1;
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, lines.map((line) => `${line.padEnd(width, ' ')}\n`).join(''));
}

/** The batch kind of WORKFLOW_KINDS. */
export const BATCH_KIND: WorkflowKind<'batch'> = {
  workflow: createSpecsBatchWorkflow,
  workflowId: (name) => batchWorkflowId({}, `history-${name}`),
  progressQuery: 'getBatchProgress',
  input: ({ name, input }: ScenarioOf<'batch'>) => {
    const { items, linesPerPage, ...rest } = input;
    const requests = items.map((item, index) => requestOf(name, item, index));
    if (linesPerPage === undefined) return Promise.resolve({ ...rest, requests } as CreateSpecsBatchInput);
    const path = batchSourcePath(name);
    writeSource(
      path,
      requests.map((request) => JSON.stringify(request)),
      linesPerPage,
    );
    return Promise.resolve({ ...rest, source: { path } });
  },
  // Any of its items: which ones it reached depends on where the scenario stops it.
  childIds: ({ input }, workflowId) => input.items.map((_, index) => batchItemWorkflowId(workflowId, index)),
};

/** Item `index` of the batch a scenario started. */
export const batchItemIdOf = (scenarioName: string, index: number) =>
  batchItemWorkflowId(BATCH_KIND.workflowId(scenarioName), index);
