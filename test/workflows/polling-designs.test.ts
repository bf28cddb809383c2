import assert from 'node:assert/strict';
import type { PollingDesign } from '../../src/workflows';
import { createSpecHarness, seedlessRequest } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';

const DESIGNS: PollingDesign[] = ['activity-retry', 'timer-activity', 'timer-local-activity'];

describe('createSpecWorkflow: every polling design on the time-skipping server', function () {
  const world = useTemporalWorld('time-skipping');

  for (const pollingDesign of DESIGNS) {
    it(`${pollingDesign}: creates one spec and returns it after 20 reads`, async function () {
      const harness = await createSpecHarness(world.env, world.bundle, {
        simulator: { completion: { afterReads: 20 } },
      });
      const request = seedlessRequest(pollingDesign);
      const result = await harness.run(async () => {
        const handle = await harness.start({ request, pollingDesign });
        return handle.result();
      });
      assert.equal(result.status, 'SUCCEEDED');
      assert.equal(result.name, request.name);
      assert.equal(result.polls, 21);
      assert.match(String(result.spec.content_yaml), /\S/);
      assert.equal(harness.simulator.counters().createdByName[request.name], 1);
      assert.equal(harness.simulator.counters().requests.get, 21);
    });
  }
});
