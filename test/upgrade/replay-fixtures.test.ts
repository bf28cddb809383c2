import assert from 'node:assert/strict';
import { Worker, type ReplayResult, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleWorkflowsForTest } from '../support/workflow-bundle';
import {
  historyFiles,
  indexedFiles,
  readHistoryFixtures,
  readIndex,
  startedWorkflowType,
  type HistoryFixture,
} from './support/history-fixtures';

/** Every workflow the package exports: 0.2.0's fixtures must cover each. */
const WORKFLOW_TYPES = ['createSpecWorkflow', 'createRunWorkflow', 'createEvaluationWorkflow', 'specPipelineWorkflow'];

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
  const ofVersion = (version: string) => fixtures.filter((fixture) => fixture.version === version);
  let current: WorkflowBundleWithSourceMap;

  before(async function () {
    current = await bundleWorkflowsForTest(require.resolve('../../src/workflows'));
  });

  it('finds the fixtures of 0.1.0 and 0.2.0, each described in its index', function () {
    const versions = [...new Set(fixtures.map(({ version }) => version))];
    for (const required of ['0.1.0', '0.2.0']) {
      assert.ok(versions.includes(required), `versions on disk: ${versions.join(', ')}`);
    }
    for (const version of versions) assert.deepEqual(historyFiles(version), indexedFiles(version), version);
    assert.ok(ofVersion('0.1.0').length >= 20, `${ofVersion('0.1.0').length} fixtures of 0.1.0`);
    // 0.2.0 records every spec path 0.1.0 recorded, under the same names.
    const missing = historyFiles('0.1.0').filter((file) => !historyFiles('0.2.0').includes(file));
    assert.deepEqual(missing, [], "0.1.0's spec fixtures that 0.2.0 did not record");
  });

  it("0.2.0's fixtures cover the run, evaluation and pipeline workflows (with each pipeline's spec child)", function () {
    const entries = readIndex('0.2.0');
    const json = new Map(ofVersion('0.2.0').map(({ file, json }) => [file, json]));
    for (const { file, workflowType } of entries) {
      assert.equal(workflowType, startedWorkflowType(json.get(file)), `${file}: index and history disagree`);
    }
    for (const type of WORKFLOW_TYPES) {
      const ofType = entries.filter(({ workflowType }) => workflowType === type);
      assert.ok(ofType.length >= 3, `${ofType.length} fixtures of ${type}`);
      assert.ok(
        ofType.some(({ capture }) => capture === 'mid-wait'),
        `no ${type} was caught mid-wait`,
      );
    }
    const pipelineScenarios = new Set(
      entries.filter(({ workflowType }) => workflowType === 'specPipelineWorkflow').map(({ scenario }) => scenario),
    );
    for (const scenario of pipelineScenarios) {
      const child = entries.find((entry) => entry.scenario === scenario && entry.childOf !== undefined);
      assert.equal(child?.workflowType, 'createSpecWorkflow', `${scenario} has no spec child`);
      assert.ok(json.has(child.childOf!), `${scenario}: its child's parent ${child.childOf} is not on disk`);
    }
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

  it('would catch an unpatched change: workflows with another first command fail every sample', async function () {
    const changed = await bundleWorkflowsForTest(require.resolve('./support/changed-workflow'));
    // Two spec fixtures of every version, and of each other workflow of 0.2.0 one fixture run to its
    // end and one caught mid-wait.
    const specSamples = fixtures.filter(({ file }) =>
      /^(activity-retry-succeeded|creating-mid-wait)\.json$/.test(file),
    );
    const entries = readIndex('0.2.0').filter(({ childOf }) => childOf === undefined);
    const picked = new Set(
      WORKFLOW_TYPES.filter((type) => type !== 'createSpecWorkflow').flatMap((type) =>
        (['complete', 'mid-wait'] as const).map(
          (capture) => entries.find((entry) => entry.workflowType === type && entry.capture === capture)?.file,
        ),
      ),
    );
    const jobSamples = ofVersion('0.2.0').filter(({ file }) => picked.has(file));
    assert.ok(specSamples.length >= 4, `${specSamples.length} spec samples on disk (two per version)`);
    assert.equal(jobSamples.length, 6, `samples: ${jobSamples.map(({ file }) => file).join(', ')}`);
    const sample = [...specSamples, ...jobSamples];
    const results = await replayAll(changed, sample);
    assert.equal(results.length, sample.length);
    for (const { workflowId, error } of results) {
      assert.equal(error?.name, 'DeterminismViolationError', `${workflowId}: ${String(error)}`);
    }
  });
});
