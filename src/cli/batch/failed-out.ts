// What `batch` leaves to run again: the lines of every item that did not succeed (failed, cancelled,
// never started), as they were written, in a JSONL file.
import { writeFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import { getBatchOutcomes } from '../../client/start-create-specs-batch';
import type { CreateSpecsBatchResult } from '../../workflows/batch/types';
import type { BatchFile } from './batch-file';

/** The default `--failed-out`: `<file>.failed.jsonl` beside the batch file. */
export const failedOutPathOf = (file: string) => `${file}.failed.jsonl`;

/** Item indexes to run again, in order. Reads every outcome from Temporal when the result kept only some failures. */
export async function indexesToRerun(
  client: Client,
  batchId: string,
  result: CreateSpecsBatchResult,
  itemCount: number,
): Promise<number[]> {
  const indexes = new Set(result.failures.map((failure) => failure.index));
  // Items are handed out in order, so those never started are the last ones (and any the batch never read).
  const started = result.total - result.notStarted;
  if (!result.failuresComplete) {
    for await (const outcome of getBatchOutcomes(client, batchId, started)) {
      if (outcome.status !== 'SUCCEEDED') indexes.add(outcome.index);
    }
  }
  for (let index = started; index < itemCount; index++) indexes.add(index);
  return [...indexes].sort((a, b) => a - b);
}

/** Writes the lines of `indexes` to `path` (an empty file when there are none, so it never holds an older run's). */
export function writeFailedOut(path: string, file: BatchFile, indexes: readonly number[]): void {
  const lines = indexes.flatMap((index) => {
    const line = file.lines[index];
    return line === undefined ? [] : [`${line.text}\n`];
  });
  writeFileSync(path, lines.join(''));
}
