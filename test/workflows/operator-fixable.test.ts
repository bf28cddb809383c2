// What an operator fixes, on the time-skipping server: a DataFramer outage of 10 minutes (longer than
// any create retry budget), and a key rejected for 10 minutes while specs are being generated. Each
// case records the recovery time after the outage or fix ends, and the history events the wait cost.
import assert from 'node:assert/strict';
import { ApplicationFailure, WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { ApiHealth } from '../../src/activities';
import { getProgressQuery, type CreateSpecProgress } from '../../src/workflows';
import { createSpecHarness, seedlessRequest } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';

const MINUTE_MS = 60_000;
const OUTAGE_MS = 10 * MINUTE_MS;

const tsMs = (time: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  Number(time?.seconds ?? 0) * 1000 + Math.floor((time?.nanos ?? 0) / 1e6);

function eventsOf(history: History) {
  return history.events ?? [];
}

/** When the activity of this type last completed, in server time. */
function completedAtMs(history: History, activityType: string): number {
  const events = eventsOf(history);
  const scheduled = new Map<string, string>();
  for (const event of events) {
    const attrs = event.activityTaskScheduledEventAttributes;
    if (attrs) scheduled.set(String(event.eventId), attrs.activityType?.name ?? '');
  }
  const completed = events.filter(
    (event) =>
      event.activityTaskCompletedEventAttributes &&
      scheduled.get(String(event.activityTaskCompletedEventAttributes.scheduledEventId)) === activityType,
  );
  assert.ok(completed.length > 0, `no completed ${activityType}`);
  return tsMs(completed.at(-1)!.eventTime);
}

async function waitFor(
  handle: WorkflowHandle,
  done: (progress: CreateSpecProgress) => boolean,
): Promise<CreateSpecProgress> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const progress = await handle.query(getProgressQuery);
    if (done(progress)) return progress;
    if (Date.now() > deadline) assert.fail(`progress never matched: ${JSON.stringify(progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function failureOf(handle: WorkflowHandle): Promise<ApplicationFailure> {
  const err: unknown = await handle.result().then(
    () => assert.fail('expected the workflow to fail'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof WorkflowFailedError, String(err));
  assert.ok(err.cause instanceof ApplicationFailure, `${handle.workflowId}: ${String(err.cause)}`);
  return err.cause;
}

/** Figures measured by this file, printed at the end for docs/reliability.md ("Durability, measured") and the report. */
const figures: string[] = [];

describe('operator-fixable failures on the time-skipping server', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('time-skipping');
  after(() => {
    if (figures.length > 0) console.log(`      figures:\n${figures.map((line) => `        ${line}`).join('\n')}`);
  });

  async function baselineEvents(): Promise<number> {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { afterReads: 3 } } });
    return h.run(async () => {
      const handle = await h.start({ request: seedlessRequest('baseline') });
      await handle.result();
      return eventsOf(await handle.fetchHistory()).length;
    });
  }

  it('a 10-minute outage (503 on everything) from before the create: the spec is created once it ends', async function () {
    const baseline = await baselineEvents();
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { afterReads: 3 } } });
    const request = seedlessRequest('outage-create');
    h.simulator.control.outage();
    const { result, history, outageEndMs } = await h.run(async () => {
      const handle = await h.start({ request });
      await world.env.sleep(OUTAGE_MS);
      const outageEndMs = await world.env.currentTimeMs();
      h.simulator.control.outage(0);
      const result = await handle.result();
      return { result, history: await handle.fetchHistory(), outageEndMs };
    });
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(h.simulator.counters().createdByName[request.name], 1);
    assert.ok(h.simulator.counters().operatorFaults.outage >= 8, 'the create was tried through the outage');
    const recoveryMs = completedAtMs(history, 'createSpec') - outageEndMs;
    assert.ok(recoveryMs <= 61_000, `create resumed ${recoveryMs} ms after the outage`);
    const events = eventsOf(history).length;
    assert.ok(events <= baseline + 2, `${events} events against ${baseline} without an outage`);
    figures.push(`outage during create: recovery ${recoveryMs} ms, ${events} events (no outage: ${baseline})`);
  });

  it('an outage past the deadline ends in SpecDeadlineExceeded; createMaximumAttempts fails faster', async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { afterReads: 3 } } });
    h.simulator.control.outage();
    const [late, fast] = await h.run(async () => {
      const late = await failureOf(await h.start({ request: seedlessRequest('outage-late'), deadline: '20 minutes' }));
      const fast = await failureOf(
        await h.start({ request: seedlessRequest('outage-fast'), createMaximumAttempts: 3 }),
      );
      return [late, fast];
    });
    assert.equal(late.type, 'SpecDeadlineExceeded');
    assert.match(
      String((late.details?.[0] as { lastTransientError?: string }).lastTransientError),
      /InternalServerError/,
    );
    assert.equal(fast.type, 'InternalServerError');
    assert.equal(h.simulator.counters().specsTotal, 0);
  });

  for (const pollingDesign of ['activity-retry', 'timer-activity'] as const) {
    it(`${pollingDesign}: a 10-minute outage (resets) while waiting: the spec is read once it ends`, async function () {
      const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { afterReads: 3 } } });
      const request = seedlessRequest(`outage-wait-${pollingDesign}`);
      const { result, history, outageEndMs } = await h.run(async () => {
        const handle = await h.start({ request, pollingDesign });
        await waitFor(handle, (p) => p.phase === 'waiting');
        h.simulator.control.outage(Infinity, 'reset');
        await world.env.sleep(OUTAGE_MS);
        const outageEndMs = await world.env.currentTimeMs();
        h.simulator.control.outage(0);
        h.simulator.control.complete(request.name);
        const result = await handle.result();
        return { result, history: await handle.fetchHistory(), outageEndMs };
      });
      assert.equal(result.status, 'SUCCEEDED');
      assert.equal(h.simulator.counters().createdByName[request.name], 1);
      const endMs = tsMs(eventsOf(history).at(-1)!.eventTime);
      const recoveryMs = endMs - outageEndMs;
      assert.ok(recoveryMs <= 65_000, `spec seen ${recoveryMs} ms after the outage`);
      figures.push(
        `${pollingDesign}, outage while waiting: spec seen ${recoveryMs} ms after it, ${eventsOf(history).length} events`,
      );
    });
  }

  it('a key rejected for 10 minutes while waiting: the workflow keeps waiting and finishes once the key works', async function () {
    const baseline = await baselineEvents();
    const health = new ApiHealth();
    const h = await createSpecHarness(world.env, world.bundle, {
      simulator: { completion: { afterReads: 3 } },
      activities: { health },
    });
    const request = seedlessRequest('rotated-key');
    const { result, history, fixedAtMs } = await h.run(async () => {
      const handle = await h.start({ request });
      await waitFor(handle, (p) => p.phase === 'waiting');
      h.simulator.control.rejectKeys();
      await world.env.sleep(OUTAGE_MS);
      const fixedAtMs = await world.env.currentTimeMs();
      h.simulator.control.rejectKeys(0);
      h.simulator.control.complete(request.name);
      const result = await handle.result();
      return { result, history: await handle.fetchHistory(), fixedAtMs };
    });
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(h.simulator.counters().createdByName[request.name], 1);
    const rejected = h.simulator.counters().operatorFaults.rejectedKey;
    assert.ok(rejected >= 5 && rejected <= 15, `${rejected} rejected reads in 10 minutes: slow, capped retries`);
    assert.equal(health.counts().rejectedKeyReads, rejected);
    const recoveryMs = tsMs(eventsOf(history).at(-1)!.eventTime) - fixedAtMs;
    assert.ok(recoveryMs <= 65_000, `finished ${recoveryMs} ms after the key was fixed`);
    const events = eventsOf(history).length;
    // One waiting activity covers 30 reads; the test server, skipping 10 minutes at once, sometimes
    // times out a read in flight, which ends one or two activities early (6 events each at most).
    assert.ok(events <= baseline + 9, `${events} events against ${baseline} without a rejected key`);
    figures.push(
      `key rejected 10 min while waiting: done ${recoveryMs} ms after the fix, ${events} events (baseline ${baseline}), ${rejected} rejected reads`,
    );
  });
});
