// Creates driven the way Temporal retries them (attempt after attempt, each handed the previous
// attempt's last heartbeat), against a simulator injecting faults on every run endpoint: each
// request must end with exactly one run, the one the activity answered.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApplicationFailure } from '@temporalio/common';
import { toApplicationFailure } from '../../src/activities';
import { createJobActivities } from '../../src/activities/job-activities';
import { activityEnv, inActivity, startWorld, type SimulatedWorld } from './support/activity-harness';

const MAX_ATTEMPTS = 12;

describe('run creates under random faults', () => {
  let world: SimulatedWorld;
  before(async () => {
    world = await startWorld({ simulator: { completion: { manual: true }, seed: 2026 } });
  });
  after(async () => world.close());

  it('20 creates, each retried like Temporal would: exactly one run each, none lost, none doubled', async () => {
    const activities = createJobActivities({
      client: world.client,
      secrets: [],
      fail: (err) => toApplicationFailure(err),
      notFoundGraceMs: 60_000,
      clockSkewMs: 30_000,
      createSettleMs: 100,
    });
    const specs: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { id } = await world.client.createSpec({ name: `faulty-${i}-${Date.now()}`, generation_objectives: 'x' });
      world.simulator.control.complete(id);
      specs.push(id);
    }
    world.simulator.control.setFaults({
      http500: 0.1,
      reset: 0.1,
      rateLimit: { probability: 0.05, retryAfter: { ms: 10 } },
      ambiguousCreate: { probability: 0.4, mode: 'drop' },
      endpoints: ['run-create', 'run-list', 'run-get'],
    });
    const attemptsUsed: number[] = [];
    const answers = new Map<string, string>();
    for (const specId of specs) {
      const scheduledTimestampMs = Date.now();
      let heartbeatDetails: unknown;
      for (let attempt = 1; ; attempt++) {
        assert.ok(attempt <= MAX_ATTEMPTS, `spec ${specId}: no success in ${MAX_ATTEMPTS} attempts`);
        const { env } = activityEnv({ scheduledTimestampMs, attempt, heartbeatDetails });
        env.on('heartbeat', (details: unknown) => {
          if (details !== undefined) heartbeatDetails = details;
        });
        try {
          const created = await inActivity(env, () => activities.createRun({ spec_id: specId, number_of_samples: 3 }));
          answers.set(specId, created.id);
          attemptsUsed.push(attempt);
          break;
        } catch (err) {
          assert.ok(err instanceof ApplicationFailure && !err.nonRetryable, String(err));
          await sleep(Number(err.nextRetryDelay ?? 0) > 0 ? 110 : 5);
        }
      }
    }
    world.simulator.control.setFaults({});
    const counters = world.simulator.counters();
    const runs = world.simulator.runs();
    for (const specId of specs) {
      assert.equal(counters.runsCreatedBySpec[specId], 1, `spec ${specId}`);
      assert.equal(runs.find((r) => r.spec_id === specId)?.id, answers.get(specId));
    }
    assert.ok(counters.faults.ambiguousCreate >= 3, `ambiguous creates injected: ${counters.faults.ambiguousCreate}`);
    assert.ok(
      attemptsUsed.some((n) => n > 1),
      `some creates needed retries: ${attemptsUsed.join(',')}`,
    );
  });
});
