import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm run record-histories` writes one folder of fixtures per released version. */
export const HISTORY_FIXTURES_DIR = join(__dirname, '../../fixtures/histories');

/** One recorded history, as exported JSON (what `temporal workflow show --output json` gives). */
export interface HistoryFixture {
  version: string;
  file: string;
  /** The id to replay it under: the one it ran under when its index names it, else `<version>/<file>`. */
  workflowId: string;
  /** The parsed JSON, handed to the SDK as it is: the path a user's exported history takes. */
  json: unknown;
}

/** Every fixture of every version folder, index.json aside. */
export function readHistoryFixtures(): HistoryFixture[] {
  return readdirSync(HISTORY_FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap(({ name: version }) => {
      const ids = new Map(readIndex(version).map(({ file, workflowId }) => [file, workflowId]));
      return historyFiles(version).map((file) => ({
        version,
        file,
        workflowId: ids.get(file) ?? `${version}/${file}`,
        json: JSON.parse(readFileSync(join(HISTORY_FIXTURES_DIR, version, file), 'utf8')) as unknown,
      }));
    });
}

/** The history files of one version folder. */
export function historyFiles(version: string): string[] {
  return readdirSync(join(HISTORY_FIXTURES_DIR, version))
    .filter((file) => file.endsWith('.json') && file !== 'index.json')
    .sort();
}

/** One entry of a version's index.json (`workflowType` and `childOf` since 0.2.0). */
export interface IndexEntry {
  file: string;
  scenario: string;
  /** The workflow the history is of; absent in 0.1.0's index, whose histories are all createSpecWorkflow. */
  workflowType?: string;
  /** The id the history ran under, to replay it with (a batch names its items after it); absent before the batch fixtures. */
  workflowId?: string;
  /** For a child's history (a pipeline's spec child, a batch's item): the file of the parent run that started it. */
  childOf?: string;
  capture: 'complete' | 'mid-wait';
  /** 1-based run of the workflow's continue-as-new chain, and how many runs the chain had. */
  run: number;
  runs: number;
}

/** The entries of a version's index.json. */
export function readIndex(version: string): IndexEntry[] {
  const index = JSON.parse(readFileSync(join(HISTORY_FIXTURES_DIR, version, 'index.json'), 'utf8')) as {
    fixtures: IndexEntry[];
  };
  return index.fixtures;
}

/** The files a version's index.json describes. */
export function indexedFiles(version: string): string[] {
  return readIndex(version)
    .map(({ file }) => file)
    .sort();
}

/** The workflow type an exported history's start event names. */
export function startedWorkflowType(json: unknown): string | undefined {
  const events = (
    json as { events?: { workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } } }[] }
  ).events;
  return events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
}
