// Writing one version's fixtures: each recorded history as the JSON that `temporal workflow show
// --output json` and the UI export give, and index.json saying what each file covers.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { RecordedChain } from './history-chains';
import type { Capture, ScenarioOf, WorkflowKindName } from './history-scenario';

/** What one scenario recorded: the workflow's own chain, then its children's. */
export interface RecordedScenario {
  scenario: ScenarioOf<WorkflowKindName>;
  chain: RecordedChain;
  /** Each child's chain and the name its files carry (`spec-child`). */
  children: { label: string; chain: RecordedChain }[];
}

/** One entry of index.json. */
export interface FixtureEntry {
  file: string;
  scenario: string;
  /** The workflow type the history is of: `createSpecWorkflow`, `createRunWorkflow`, ... */
  workflowType: string;
  /** For a child's history: the file of the parent run that started it. */
  childOf?: string;
  covers: string;
  capture: Capture;
  /** 1-based run of the workflow's continue-as-new chain, and how many runs the chain had when fetched. */
  run: number;
  runs: number;
  events: number;
}

const ABOUT =
  'Histories of createSpecWorkflow, createRunWorkflow, createEvaluationWorkflow and specPipelineWorkflow ' +
  "(with each pipeline's createSpecWorkflow child) recorded by `npm run record-histories` from this version " +
  '(`workflowType` says which); test/upgrade/replay-fixtures.test.ts replays every one on the current code. ' +
  '"mid-wait" histories were fetched while the workflow still waited (as an upgraded worker finds them), then terminated.';

/** `<stem>.json`, or `<stem>.run-<n>.json` for each run of a chain that continued as new. */
const fileOf = (stem: string, index: number, runs: number) =>
  runs === 1 ? `${stem}.json` : `${stem}.run-${index + 1}.json`;

/** The index entries (and files) of one chain; `capture` is that of its last run. */
function chainEntries(
  stem: string,
  chain: RecordedChain,
  scenario: ScenarioOf<WorkflowKindName>,
  capture: Capture,
  childOf?: string,
): { entry: FixtureEntry; json: string }[] {
  const runs = chain.histories.length;
  return chain.histories.map((history, index) => ({
    json: `${historyToJSON(history)}\n`,
    entry: {
      file: fileOf(stem, index, runs),
      scenario: scenario.name,
      workflowType: chain.workflowType,
      ...(childOf !== undefined && { childOf }),
      covers: scenario.covers,
      // Only a chain's last run can have been caught waiting: the runs before it continued as new.
      capture: index === runs - 1 ? capture : 'complete',
      run: index + 1,
      runs,
      events: history.events?.length ?? 0,
    },
  }));
}

/** The parent run whose history holds the child's start event. */
function parentFileOf(recorded: RecordedScenario, childWorkflowId: string): string {
  const { chain, scenario } = recorded;
  const index = chain.histories.findIndex((history) =>
    history.events?.some(
      (event) => event.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId === childWorkflowId,
    ),
  );
  return fileOf(scenario.name, Math.max(index, 0), chain.histories.length);
}

/** Replaces the folder's JSON files with the recorded ones and their index. */
export function writeFixtures(outDir: string, version: string, recorded: RecordedScenario[]): FixtureEntry[] {
  const files = recorded.flatMap((item) => [
    ...chainEntries(item.scenario.name, item.chain, item.scenario, item.scenario.capture),
    ...item.children.flatMap(({ label, chain }) =>
      chainEntries(
        `${item.scenario.name}.${label}`,
        chain,
        item.scenario,
        chain.status === 'RUNNING' ? 'mid-wait' : 'complete',
        parentFileOf(item, chain.workflowId),
      ),
    ),
  ]);
  const names = files.map(({ entry }) => entry.file);
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length > 0) throw new Error(`record-histories: two histories would be ${repeated.join(', ')}`);
  mkdirSync(outDir, { recursive: true });
  for (const file of readdirSync(outDir)) if (file.endsWith('.json')) rmSync(join(outDir, file));
  for (const { entry, json } of files) writeFileSync(join(outDir, entry.file), json);
  const entries = files.map(({ entry }) => entry);
  const index = { version, about: ABOUT, fixtures: entries };
  writeFileSync(join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  return entries;
}
