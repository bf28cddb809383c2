// A 429's Retry-After outlives the read (and the activity) that got it: the next waiting activity, the
// next read of a timer design and a pollNow read wait for it (time-skipping server, so a 15-minute
// Retry-After costs nothing).
import assert from 'node:assert/strict';
import type { History } from '@temporalio/common/lib/proto-utils';
import { getProgressQuery, pollNowSignal } from '../../src/workflows';
import { createSpecHarness, seedlessRequest } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';

const RETRY_AFTER_S = 900;

const tsMs = (time: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  Number(time?.seconds ?? 0) * 1000 + Math.floor((time?.nanos ?? 0) / 1e6);

/** Gap between the read that failed with the 429 and the next read scheduled after it. */
function gapAfterFailedReadMs(history: History): number {
  const events = history.events ?? [];
  const failedAt = events.findIndex((event) => event.activityTaskFailedEventAttributes);
  assert.ok(failedAt >= 0, 'no failed read in history');
  const next = events.slice(failedAt).find((event) => event.activityTaskScheduledEventAttributes);
  assert.ok(next, 'no read after the failed one');
  return tsMs(next.eventTime) - tsMs(events[failedAt]!.eventTime);
}

describe('a 429 Retry-After is remembered by the workflow', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('time-skipping');

  it('activity-retry: a 429 on the last attempt of a waiting activity holds back the next activity', async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { manual: true } } });
    const request = seedlessRequest('retry-after-boundary');
    const poll = { initialInterval: '1 second', maximumInterval: '1 second', jitter: 0 };
    const result = await h.run(async () => {
      const handle = await h.start({ request, poll });
      // Attempt 1 waits, attempts 2 to 30 read: the 29th read is the activity's last attempt.
      for (let i = 0; i < 200 && h.simulator.counters().requests.get < 28; i++) await world.env.sleep(500);
      assert.equal(h.simulator.counters().requests.get, 28);
      h.simulator.control.injectOnce('rateLimit', { endpoint: 'get', retryAfter: { seconds: RETRY_AFTER_S } });
      let progress = await handle.query(getProgressQuery);
      for (let i = 0; i < 40 && progress.lastTransientError === undefined; i++) {
        await world.env.sleep(1_000);
        progress = await handle.query(getProgressQuery);
      }
      assert.match(String(progress.lastTransientError), /RateLimitError/);
      // The next waiting activity starts at once but reads nothing before the Retry-After is over.
      const readsAtLimit = h.simulator.counters().requests.get;
      await world.env.sleep((RETRY_AFTER_S - 60) * 1000);
      assert.equal(h.simulator.counters().requests.get, readsAtLimit, 'no read while the 429 holds');
      h.simulator.control.complete(request.name);
      return handle.result();
    });
    assert.equal(result.status, 'SUCCEEDED');
  });

  for (const withPollNow of [false, true]) {
    it(`timer-activity: the read after a 429 that outlasted its activity waits for Retry-After${withPollNow ? ', even on pollNow' : ''}`, async function () {
      const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { afterReads: 2 } } });
      h.simulator.control.injectOnce('rateLimit', { endpoint: 'get', retryAfter: { seconds: RETRY_AFTER_S } });
      const request = seedlessRequest('retry-after');
      const { result, history, progress } = await h.run(async () => {
        const handle = await h.start({ request, pollingDesign: 'timer-activity' });
        let progress = await handle.query(getProgressQuery);
        for (let i = 0; i < 40 && progress.lastTransientError === undefined; i++) {
          await world.env.sleep(5_000);
          progress = await handle.query(getProgressQuery);
        }
        assert.match(String(progress.lastTransientError), /RateLimitError/);
        if (withPollNow) await handle.signal(pollNowSignal);
        const result = await handle.result();
        return { result, history: await handle.fetchHistory(), progress };
      });
      assert.equal(result.status, 'SUCCEEDED');
      assert.ok(progress.notBeforeMs !== undefined && progress.notBeforeMs > progress.startedAtMs, 'remembered');
      const gapMs = gapAfterFailedReadMs(history);
      assert.ok(gapMs >= RETRY_AFTER_S * 1000 - 1_000, `next read ${gapMs} ms after the 429`);
    });
  }
});
