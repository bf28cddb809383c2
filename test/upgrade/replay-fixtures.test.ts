import assert from 'node:assert/strict';
import { Worker, type ReplayResult, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleWorkflowsForTest } from '../support/workflow-bundle';
import { historyFiles, indexedFiles, readHistoryFixtures, type HistoryFixture } from './support/history-fixtures';

async function replayAll(workflowBundle: WorkflowBundleWithSourceMap, fixtures: HistoryFixture[]) {
  const results: ReplayResult[] = [];
  const histories = fixtures.map(({ version, file, json }) => ({ workflowId: `${version}/${file}`, history: json }));
  for await (const result of Worker.runReplayHistories({ workflowBundle, replayName: 'fixtures' }, histories)) {
    results.push(result);
  }
  return results;
}

describe('upgrading: histories recorded by earlier versions replay on the current workflow code', function () {
  this.timeout(120_000);
  const fixtures = readHistoryFixtures();
  let current: WorkflowBundleWithSourceMap;

  before(async function () {
    current = await bundleWorkflowsForTest(require.resolve('../../src/workflows'));
  });

  it('finds the fixtures of 0.1.0, each described in its index', function () {
    const versions = [...new Set(fixtures.map(({ version }) => version))];
    assert.ok(versions.includes('0.1.0'), `versions on disk: ${versions.join(', ')}`);
    for (const version of versions) assert.deepEqual(historyFiles(version), indexedFiles(version), version);
    assert.ok(fixtures.filter(({ version }) => version === '0.1.0').length >= 20, `${fixtures.length} fixtures`);
  });

  it('replays every JSON fixture without a non-determinism error', async function () {
    const results = await replayAll(current, fixtures);
    assert.equal(results.length, fixtures.length, 'every fixture on disk was replayed');
    const failed = results.filter(({ error }) => error !== undefined);
    assert.deepEqual(
      failed.map(({ workflowId, error }) => `${workflowId}: ${String(error)}`),
      [],
      'fixtures that no longer replay',
    );
  });

  it('would catch an unpatched change: a workflow with another first command fails every fixture', async function () {
    const changed = await bundleWorkflowsForTest(require.resolve('./support/changed-workflow'));
    const sample = fixtures.filter(({ file }) => /^(activity-retry-succeeded|creating-mid-wait)\.json$/.test(file));
    assert.ok(sample.length >= 2, 'sample fixtures are on disk');
    const results = await replayAll(changed, sample);
    assert.equal(results.length, sample.length);
    for (const { workflowId, error } of results) {
      assert.equal(error?.name, 'DeterminismViolationError', `${workflowId}: ${String(error)}`);
    }
  });
});
