import assert from 'node:assert/strict';
import { bundleWorkflowsForTest } from '../support/workflow-bundle';

describe('workflow bundle', function () {
  it('holds no HTTP client, no zod and no activity code', async function () {
    const { code } = await bundleWorkflowsForTest(require.resolve('../../src/workflows'));
    for (const forbidden of [
      'node_modules/undici/',
      'node_modules/zod/',
      'src/activities/',
      'src/dataframer/http-client',
    ]) {
      assert.equal(code.includes(forbidden), false, `the workflow bundle includes ${forbidden}`);
    }
    assert.ok(code.includes('createSpecWorkflow'));
    assert.ok(code.length < 2_500_000, `bundle is ${code.length} bytes`);
  });
});
