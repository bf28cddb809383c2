// Writing one version's fixtures: each recorded history as the JSON that `temporal workflow show
// --output json` and the UI export give, and index.json saying what each file covers.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { RecordedChain } from './history-chains';
import type { Capture, ScenarioOf, WorkflowKindName } from './history-scenario';

/** One child's chain (a pipeline's spec child, a batch's item or the item's spec child). */
export interface RecordedChild {
  /** Its files' name before `.json`: the parent's, then its label (`pipeline-complete.spec-child`). */
  stem: string;
  chain: RecordedChain;
  /** The file of the parent run that started it. */
  childOf: string;
}

/** What one scenario recorded: the workflow's own chain, then its children's and theirs. */
export interface RecordedScenario {
  scenario: ScenarioOf<WorkflowKindName>;
  chain: RecordedChain;
  children: RecordedChild[];
}

/** One entry of index.json. */
export interface FixtureEntry {
  file: string;
  scenario: string;
  /** The workflow type the history is of: `createSpecWorkflow`, `createRunWorkflow`, ... */
  workflowType: string;
  /**
   * The id it ran under, which its replay must be given: a batch names its items after its own id
   * (entries recorded before the batch scenarios have none; their workflows replay under any id).
   */
  workflowId: string;
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
  'Histories of createSpecWorkflow, createRunWorkflow, createEvaluationWorkflow, specPipelineWorkflow and ' +
  "createSpecsBatchWorkflow (with each pipeline's createSpecWorkflow child, each batch's " +
  'createSpecsBatchItemWorkflow items and their createSpecWorkflow children) recorded by `npm run record-histories` from this version ' +
  '(`workflowType` says which); test/upgrade/replay-fixtures.test.ts replays every one on the current code. ' +
  '"mid-wait" histories were fetched while the workflow still waited (as an upgraded worker finds them), then terminated.';

/** `<stem>.json`, or `<stem>.run-<n>.json` for each run of a chain that continued as new. */
export const fileOf = (stem: string, index: number, runs: number) =>
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
      workflowId: chain.workflowId,
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

/** The files and index entries of what the scenarios recorded. */
function recordedFiles(recorded: RecordedScenario[]): { entry: FixtureEntry; json: string }[] {
  return recorded.flatMap((item) => [
    ...chainEntries(item.scenario.name, item.chain, item.scenario, item.scenario.capture),
    ...item.children.flatMap(({ stem, chain, childOf }) =>
      chainEntries(stem, chain, item.scenario, chain.status === 'RUNNING' ? 'mid-wait' : 'complete', childOf),
    ),
  ]);
}

/** The entries of the folder's index.json, when it has one. */
export function readEntries(outDir: string): FixtureEntry[] | undefined {
  const file = join(outDir, 'index.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { fixtures: FixtureEntry[] }).fixtures;
}

/**
 * Writes the recorded histories and the index. `replace`: the folder's JSON files are replaced by
 * them. `add`: they join the folder's, whose index keeps every entry of another scenario (a released
 * version's folder gains scenarios without its histories being recorded again).
 */
export function writeFixtures(
  outDir: string,
  version: string,
  recorded: RecordedScenario[],
  mode: 'replace' | 'add' = 'replace',
): FixtureEntry[] {
  const files = recordedFiles(recorded);
  const names = files.map(({ entry }) => entry.file);
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length > 0) throw new Error(`record-histories: two histories would be ${repeated.join(', ')}`);
  const scenarios = new Set(recorded.map(({ scenario }) => scenario.name));
  const kept = mode === 'add' ? (readEntries(outDir) ?? []).filter(({ scenario }) => !scenarios.has(scenario)) : [];
  const clash = kept.filter(({ file }) => names.includes(file)).map(({ file }) => file);
  if (clash.length > 0) throw new Error(`record-histories: would overwrite other scenarios' ${clash.join(', ')}`);
  mkdirSync(outDir, { recursive: true });
  const keptFiles = new Set(kept.map(({ file }) => file));
  for (const file of readdirSync(outDir)) {
    if (file.endsWith('.json') && !keptFiles.has(file)) rmSync(join(outDir, file));
  }
  for (const { entry, json } of files) writeFileSync(join(outDir, entry.file), json);
  const entries = [...kept, ...files.map(({ entry }) => entry)];
  const index = { version, about: ABOUT, fixtures: entries };
  writeFileSync(join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  return files.map(({ entry }) => entry);
}
