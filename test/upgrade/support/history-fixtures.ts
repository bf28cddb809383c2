import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm run record-histories` writes one folder of fixtures per released version. */
export const HISTORY_FIXTURES_DIR = join(__dirname, '../../fixtures/histories');

/** One recorded history, as exported JSON (what `temporal workflow show --output json` gives). */
export interface HistoryFixture {
  version: string;
  file: string;
  /** The parsed JSON, handed to the SDK as it is: the path a user's exported history takes. */
  json: unknown;
}

/** Every fixture of every version folder, index.json aside. */
export function readHistoryFixtures(): HistoryFixture[] {
  return readdirSync(HISTORY_FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap(({ name: version }) =>
      historyFiles(version).map((file) => ({
        version,
        file,
        json: JSON.parse(readFileSync(join(HISTORY_FIXTURES_DIR, version, file), 'utf8')) as unknown,
      })),
    );
}

/** The history files of one version folder. */
export function historyFiles(version: string): string[] {
  return readdirSync(join(HISTORY_FIXTURES_DIR, version))
    .filter((file) => file.endsWith('.json') && file !== 'index.json')
    .sort();
}

/** The files a version's index.json describes. */
export function indexedFiles(version: string): string[] {
  const index = JSON.parse(readFileSync(join(HISTORY_FIXTURES_DIR, version, 'index.json'), 'utf8')) as {
    fixtures: { file: string }[];
  };
  return index.fixtures.map(({ file }) => file).sort();
}
