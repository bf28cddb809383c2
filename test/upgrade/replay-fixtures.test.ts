import assert from 'node:assert/strict';
import { Worker, type ReplayResult, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import * as workflows from '../../src/workflows';
import { bundleWorkflowsForTest } from '../support/workflow-bundle';
import {
  historyFiles,
  indexedFiles,
  readHistoryFixtures,
  readIndex,
  startedWorkflowType,
  type HistoryFixture,
} from './support/history-fixtures';

/**
 * Every workflow type the package exports: each function of src/workflows/index.ts named `…Workflow`
 * (the house naming; the other functions are helpers a workflow calls: `executeCreateSpecChild`,
 * `waitUntilTerminal`, ...). The latest version's fixtures must cover each.
 */
const WORKFLOW_TYPES = Object.entries(workflows)
  .filter(([name, value]) => typeof value === 'function' && name.endsWith('Workflow'))
  .map(([name]) => name)
  .sort();

/** The newest version folder on disk (by semver): the one every exported workflow must have fixtures in. */
const latestVersion = (versions: string[]) =>
  [...versions].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1) ?? 'none';

/** Replays the fixtures, each under the id it ran under; the results, in the same order, name `<version>/<file>`. */
async function replayAll(workflowBundle: WorkflowBundleWithSourceMap, fixtures: HistoryFixture[]) {
  const results: ReplayResult[] = [];
  const histories = fixtures.map(({ workflowId, json }) => ({ workflowId, history: json }));
  // One history at a time, in order (the SDK waits for each to end): the nth result is the nth fixture's.
  for await (const result of Worker.runReplayHistories({ workflowBundle, replayName: 'fixtures' }, histories)) {
    const { version, file } = fixtures[results.length]!;
    results.push({ ...result, workflowId: `${version}/${file}` });
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

  it('finds the workflow types src/workflows exports: the spec, run, evaluation, pipeline, batch and batch item workflows', function () {
    for (const type of [
      'createSpecWorkflow',
      'createRunWorkflow',
      'createEvaluationWorkflow',
      'specPipelineWorkflow',
      'createSpecsBatchWorkflow',
      'createSpecsBatchItemWorkflow',
    ]) {
      assert.ok(WORKFLOW_TYPES.includes(type), `${type} not among ${WORKFLOW_TYPES.join(', ')}`);
    }
  });

  it('the latest version has fixtures of every exported workflow type, run to its end and caught mid-wait', function () {
    const latest = latestVersion([...new Set(fixtures.map(({ version }) => version))]);
    const entries = readIndex(latest);
    const json = new Map(ofVersion(latest).map(({ file, json }) => [file, json]));
    for (const { file, workflowType } of entries) {
      assert.equal(workflowType, startedWorkflowType(json.get(file)), `${latest}/${file}: index and history disagree`);
    }
    const uncovered = WORKFLOW_TYPES.flatMap((type) =>
      (['complete', 'mid-wait'] as const)
        .filter((capture) => !entries.some((entry) => entry.workflowType === type && entry.capture === capture))
        .map((capture) => `${type} (${capture})`),
    );
    assert.deepEqual(
      uncovered,
      [],
      `exported workflows without ${latest} fixtures: record them (npm run record-histories)`,
    );
  });

  it("0.2.0's children are recorded with their parents: each pipeline's spec child, each batch's items and their spec children", function () {
    const entries = readIndex('0.2.0');
    const byFile = new Map(entries.map((entry) => [entry.file, entry]));
    for (const entry of entries.filter(({ childOf }) => childOf !== undefined)) {
      const parent = byFile.get(entry.childOf!);
      assert.ok(parent, `${entry.file}: its parent ${entry.childOf} is not on disk`);
      assert.equal(parent.scenario, entry.scenario, `${entry.file}: a child of another scenario's ${parent.file}`);
    }
    const childTypes = (parentType: string) => {
      const scenarios = new Set(entries.filter((e) => e.workflowType === parentType).map(({ scenario }) => scenario));
      return [...scenarios].map((scenario) => {
        const parents = new Set(entries.filter((e) => e.scenario === scenario && e.workflowType === parentType));
        const files = new Set([...parents].map(({ file }) => file));
        const children = entries.filter(({ childOf }) => childOf !== undefined && files.has(childOf));
        return [scenario, [...new Set(children.map(({ workflowType }) => workflowType))]] as const;
      });
    };
    for (const [scenario, types] of childTypes('specPipelineWorkflow')) {
      assert.deepEqual(types, ['createSpecWorkflow'], `${scenario}'s children`);
    }
    const batches = childTypes('createSpecsBatchWorkflow');
    assert.ok(batches.length >= 6, `${batches.length} batch scenarios`);
    for (const [scenario, types] of batches) {
      assert.deepEqual(types, ['createSpecsBatchItemWorkflow'], `${scenario}'s children`);
    }
    for (const [scenario, types] of childTypes('createSpecsBatchItemWorkflow')) {
      assert.ok(types.length <= 1 && (types[0] ?? 'createSpecWorkflow') === 'createSpecWorkflow', scenario);
    }
    const batchFiles = entries.filter(({ workflowType }) => workflowType === 'createSpecsBatchWorkflow');
    assert.ok(
      batchFiles.some(({ runs, capture }) => runs > 1 && capture === 'mid-wait'),
      'no batch caught mid-wait in a run after continue-as-new',
    );
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
    // Two spec fixtures of every version, and of each other workflow of the latest version one
    // fixture run to its end and one caught mid-wait (a batch's items are children only).
    const specSamples = fixtures.filter(({ file }) =>
      /^(activity-retry-succeeded|creating-mid-wait)\.json$/.test(file),
    );
    const latest = latestVersion([...new Set(fixtures.map(({ version }) => version))]);
    const entries = readIndex(latest);
    const others = WORKFLOW_TYPES.filter((type) => type !== 'createSpecWorkflow');
    const picked = new Set(
      others.flatMap((type) =>
        (['complete', 'mid-wait'] as const).map(
          (capture) => entries.find((entry) => entry.workflowType === type && entry.capture === capture)?.file,
        ),
      ),
    );
    const jobSamples = ofVersion(latest).filter(({ file }) => picked.has(file));
    assert.ok(specSamples.length >= 4, `${specSamples.length} spec samples on disk (two per version)`);
    assert.equal(jobSamples.length, others.length * 2, `samples: ${jobSamples.map(({ file }) => file).join(', ')}`);
    const sample = [...specSamples, ...jobSamples];
    const results = await replayAll(changed, sample);
    assert.equal(results.length, sample.length);
    for (const { workflowId, error } of results) {
      assert.equal(error?.name, 'DeterminismViolationError', `${workflowId}: ${String(error)}`);
    }
  });
});
