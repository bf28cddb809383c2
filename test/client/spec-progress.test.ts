import assert from 'node:assert/strict';
import { getSpecProgress } from '../../src/client';
import { getProgressQuery, pollNowSignal } from '../../src/workflows';
import { createSpecHarness, seedlessRequest } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';

// Real time on the dev server: the waiting activity's retries happen while the test watches.
const FAST_POLL = { initialInterval: '200 ms', maximumInterval: '300 ms', jitter: 0 } as const;

describe('client: getSpecProgress on the dev server', function () {
  this.timeout(60_000);
  const world = useTemporalWorld('dev-server');

  it('while a create is retried through an outage: its attempts and last error', async function () {
    const harness = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { manual: true } } });
    harness.simulator.control.outage();
    await harness.run(async () => {
      const handle = await harness.start({ request: seedlessRequest('outage-progress') });
      const deadline = Date.now() + 20_000;
      let live = await getSpecProgress(handle);
      while ((live.createAttempts ?? 0) < 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        live = await getSpecProgress(handle);
      }
      assert.equal(live.phase, 'creating');
      assert.ok((live.createAttempts ?? 0) >= 2, JSON.stringify(live));
      assert.match(String(live.lastTransientError), /^InternalServerError: .*503/);
      assert.ok(live.nextReadAt !== undefined, 'when the next attempt is due');
      harness.simulator.control.outage(0);
      await handle.terminate('done');
    });
  });

  it('counts the reads Temporal retries while the workflow itself has not heard of them', async function () {
    const harness = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { manual: true } } });
    const request = seedlessRequest('live-progress');
    await harness.run(async () => {
      const handle = await harness.start({ request, poll: FAST_POLL });
      const deadline = Date.now() + 20_000;
      let live = await getSpecProgress(handle);
      while (live.reads < 4 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        live = await getSpecProgress(handle);
      }
      const queried = await handle.query(getProgressQuery);
      const served = harness.simulator.counters().requests.get;
      assert.equal(queried.reads, 0, 'the workflow has not seen the reads of its running waiting activity');
      assert.equal(live.phase, 'waiting');
      assert.ok(live.reads >= 4 && live.reads <= served, `live ${live.reads}, served ${served}`);
      assert.ok(live.nextReadAt !== undefined && live.lastReadAt !== undefined, JSON.stringify(live));
      assert.equal(live.lastTransientError, undefined);
      assert.equal(queried.lastStatus, undefined, 'nor their statuses');
      assert.equal(live.lastStatus, 'PROCESSING', 'the status the last retried read saw');

      harness.simulator.control.injectOnce('http500', { endpoint: 'get' });
      const failedBy = Date.now() + 10_000;
      while (live.lastTransientError === undefined && Date.now() < failedBy) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        live = await getSpecProgress(handle);
      }
      assert.match(String(live.lastTransientError), /^InternalServerError: /);

      harness.simulator.control.complete(request.name);
      await handle.signal(pollNowSignal);
      const result = await handle.result();
      assert.equal(result.status, 'SUCCEEDED');
      // `polls` counts the reads the workflow recorded: the reads of the waiting activity that pollNow
      // cut short never reach history, so here it is the pollNow read alone.
      assert.ok(
        result.polls >= 1 && result.polls <= harness.simulator.counters().requests.get,
        `polls ${result.polls}`,
      );
      const final = await getSpecProgress(handle);
      assert.equal(final.phase, 'succeeded');
      assert.equal(final.reads, result.polls);
    });
  });
});
