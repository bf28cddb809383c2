import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { SimulatorOptions } from '../../../src/simulator';
import { runCli, type CliRun } from '../../support/cli-process';
import { createSpecHarness, type SpecHarness } from '../../support/spec-harness';
import { useTemporalWorld, type TemporalWorld } from '../../support/temporal-world';

/** Fast polling flags for CLI runs in tests. */
export const FAST_POLL = ['--poll-interval', '200ms', '--poll-max-interval', '500ms'];

/** A dev server, a simulator and a worker on its own task queue, for CLI processes to talk to. */
export interface CliWorld {
  world: TemporalWorld;
  /** Set in `before`. */
  readonly harness: SpecHarness;
  /**
   * Runs the CLI against the world (server, task queue, and a Temporal API key the dev server ignores,
   * which `afterEach` checks no run printed), `overrides` on top of that environment.
   */
  cli(this: void, args: string[], overrides?: Record<string, string>): Promise<CliRun>;
}

/** Registers the hooks of a CLI test suite (call it in `describe`) and answers its world. */
export function useCliWorld(simulator: SimulatorOptions): CliWorld {
  let harness: SpecHarness | undefined;
  let running: Promise<void> | undefined;
  let env: Record<string, string> | undefined;
  const outputs: CliRun[] = [];
  const temporalApiKey = `tk-${randomUUID()}-SECRET`;

  // Registered before the world's own `after`, so the worker stops before its connection closes.
  after(async function () {
    harness?.worker.shutdown();
    await running;
    await harness?.client.close();
    await harness?.simulator.close();
  });
  const world = useTemporalWorld('dev-server');

  before(async function () {
    const created = await createSpecHarness(world.env, world.bundle, { simulator });
    harness = created;
    running = created.worker.run();
    env = {
      TEMPORAL_ADDRESS: world.env.address,
      TEMPORAL_TASK_QUEUE: created.taskQueue,
      TEMPORAL_API_KEY: temporalApiKey,
      TEMPORAL_TLS: 'false',
    };
  });

  afterEach(function () {
    for (const run of outputs.splice(0)) assert.ok(!`${run.stdout}${run.stderr}`.includes(temporalApiKey));
  });

  return {
    world,
    get harness() {
      assert.ok(harness, 'the CLI world is built in before()');
      return harness;
    },
    async cli(args, overrides = {}) {
      assert.ok(env, 'the CLI world is built in before()');
      const run = await runCli(args, { ...env, ...overrides });
      outputs.push(run);
      return run;
    },
  };
}
