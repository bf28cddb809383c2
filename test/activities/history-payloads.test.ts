import assert from 'node:assert/strict';
import {
  MAX_SPEC_ERROR_MESSAGE_CHARS,
  MAX_SPEC_YAML_IN_HISTORY_BYTES,
  SPEC_CONTENT_TOO_LARGE_REASON,
} from '../../src/common/payload-limits';
import { inAttempt, seedless, startWorld } from './support/activity-harness';

describe('what a status read writes to history stays small', () => {
  it('a YAML over the threshold is left out with its size; one at the threshold is kept', async () => {
    for (const bytes of [MAX_SPEC_YAML_IN_HISTORY_BYTES, 3_000_000]) {
      const world = await startWorld({ simulator: { specYamlBytes: bytes } });
      try {
        const { id } = await world.client.createSpec(seedless('yaml'));
        world.simulator.control.complete(id);
        const view = await inAttempt({}, () => world.activities.getSpecStatus(id));
        assert.ok(Buffer.byteLength(JSON.stringify(view)) < MAX_SPEC_YAML_IN_HISTORY_BYTES + 10_000);
        if (bytes <= MAX_SPEC_YAML_IN_HISTORY_BYTES) {
          assert.equal(Buffer.byteLength(String(view.spec?.content_yaml)), bytes);
          assert.equal(view.contentOmitted, undefined);
        } else {
          assert.equal(view.spec?.content_yaml, null);
          assert.equal(view.spec?.content_unavailable_reason, SPEC_CONTENT_TOO_LARGE_REASON);
          assert.equal(view.contentOmitted?.contentBytes, bytes);
        }
      } finally {
        await world.close();
      }
    }
  });

  it("DataFramer's failure message is cut after the worker's secrets are redacted", async () => {
    const secret = 'dbx-HISTORY-SECRET-77';
    const world = await startWorld({ activities: { databricksSecrets: { defaultSecret: secret } } });
    try {
      const { id } = await world.client.createSpec(seedless('failed'));
      world.simulator.control.fail(id, `${'e'.repeat(MAX_SPEC_ERROR_MESSAGE_CHARS - 10)}${secret} and more`);
      const view = await inAttempt({}, () => world.activities.getSpecStatus(id));
      assert.ok(view.errorMessage!.length <= MAX_SPEC_ERROR_MESSAGE_CHARS, String(view.errorMessage?.length));
      assert.ok(!view.errorMessage!.includes(secret.slice(0, 6)), view.errorMessage!.slice(-40));
    } finally {
      await world.close();
    }
  });
});
