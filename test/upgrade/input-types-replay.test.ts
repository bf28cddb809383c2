// 0.3.0 refuses input of the wrong type that 0.2.0 let through (a `poll` of 5 ran on the defaults, a
// batch's `onCancel` of 5 failed each child, a pipeline's nameless spec failed its child). A run of
// 0.2.0 with such input that is still open when the worker upgrades must replay what it did: the new
// checks fail only behind INPUT_TYPES_PATCH. These histories were recorded on 0.2.0 with such input.
// (With the new checks on unconditionally, every one of them fails its replay with a nondeterminism
// error: checked by hand when they were recorded.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { bundleWorkflowsForTest } from '../support/workflow-bundle';
import { startedWorkflowType } from './support/history-fixtures';

const DIR = join(__dirname, '../fixtures/input-types-0.2.0');

interface Entry {
  file: string;
  /** The recorded run's id, where its commands depend on it (a batch's item ids are made from it). */
  workflowId?: string;
  workflowType: string;
  covers: string;
}

describe('upgrading: 0.2.0 runs whose input had a value of the wrong type replay on the current code', function () {
  this.timeout(120_000);
  const { fixtures } = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as { fixtures: Entry[] };

  it('replays each without a non-determinism error', async function () {
    const workflowBundle = await bundleWorkflowsForTest(require.resolve('../../src/workflows'));
    assert.ok(fixtures.length >= 7, `${fixtures.length} fixtures`);
    const failures: string[] = [];
    for (const { file, workflowId, workflowType, covers } of fixtures) {
      const history: unknown = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
      assert.equal(startedWorkflowType(history), workflowType, file);
      await Worker.runReplayHistory({ workflowBundle }, history, workflowId ?? file).catch((err: unknown) =>
        failures.push(`${file} (${covers}): ${String(err).slice(0, 200)}`),
      );
    }
    assert.deepEqual(failures, []);
  });
});
