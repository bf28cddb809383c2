// A key rejected (401/403) while a run or an evaluation that exists is read: like a spec, a
// configuration problem a person fixes, so the read fails as the retryable `ApiKeyRejected`, a read a
// minute, naming what it read and never the key. A create refused for its key still fails at once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import type { ApplicationFailure } from '@temporalio/common';
import { ApiHealth, createActivities, REJECTED_KEY_RETRY_DELAY_MS } from '../../src/activities';
import { resolvePollSchedule } from '../../src/common/poll-schedule';
import { WORKFLOW_FAILURE_TYPES } from '../../src/common/failure-types';
import { DataFramerClient } from '../../src/dataframer';
import { json, ScriptedServer } from '../dataframer/support/scripted-server';
import { CapturingLogger, failureOf, inAttempt, startWorld, type SimulatedWorld } from './support/activity-harness';

/** Everything a failure and the log lines say, for the secret check. */
const everything = (failure: ApplicationFailure, logger: CapturingLogger) =>
  `${failure.message} ${JSON.stringify(failure.details)} ${logger.texts().join('\n')}`;

describe('run and evaluation reads with a rejected key', () => {
  let world: SimulatedWorld;
  let health: ApiHealth;
  before(async () => {
    health = new ApiHealth();
    world = await startWorld({ simulator: { completion: { manual: true } }, activities: { health } });
  });
  afterEach(() => world.simulator.control.rejectKeys(0));
  after(async () => world.close());

  async function runningRun(): Promise<string> {
    const { id: specId } = await world.client.createSpec({ name: `key-${randomUUID()}`, generation_objectives: 'x' });
    world.simulator.control.complete(specId);
    return (await world.client.createRun({ spec_id: specId, number_of_samples: 2 })).id;
  }

  async function runningEvaluation(): Promise<string> {
    const runId = await runningRun();
    world.simulator.control.completeRun(runId);
    return (await world.client.createEvaluation({ run_id: runId })).id;
  }

  function assertRejectedKey(failure: ApplicationFailure, logger: CapturingLogger, kind: string, id: string) {
    assert.equal(failure.type, WORKFLOW_FAILURE_TYPES.ApiKeyRejected, inspect(failure));
    assert.equal(failure.nonRetryable, false);
    assert.equal(failure.nextRetryDelay, REJECTED_KEY_RETRY_DELAY_MS);
    assert.equal(REJECTED_KEY_RETRY_DELAY_MS, 60_000);
    assert.match(failure.message, new RegExp(`while reading ${kind} ${id}, which exists`));
    assert.match(failure.message, /fix the worker's DATAFRAMER_API_KEY/);
    assert.equal((failure.details?.[0] as { status?: number }).status, 401);
    assert.ok(!everything(failure, logger).includes(world.simulator.apiKey), 'the API key leaked');
  }

  it('getRunStatus: a 401 on a run that exists is ApiKeyRejected, a read a minute, naming the run', async () => {
    const runId = await runningRun();
    const before = health.counts().rejectedKeyReads;
    world.simulator.control.rejectKeys();
    const logger = new CapturingLogger();
    const failure = await failureOf(inAttempt({}, () => world.activities.getRunStatus(runId), logger));
    assertRejectedKey(failure, logger, 'run', runId);
    assert.equal(health.counts().rejectedKeyReads, before + 1);
    const errors = logger.lines.filter((line) => line.level === 'ERROR');
    assert.ok(errors.length <= 1, inspect(errors));
  });

  it('getEvaluationStatus: a 401 on an evaluation that exists is ApiKeyRejected, naming the evaluation', async () => {
    const evaluationId = await runningEvaluation();
    const before = health.counts().rejectedKeyReads;
    world.simulator.control.rejectKeys();
    const logger = new CapturingLogger();
    const failure = await failureOf(inAttempt({}, () => world.activities.getEvaluationStatus(evaluationId), logger));
    assertRejectedKey(failure, logger, 'evaluation', evaluationId);
    assert.equal(health.counts().rejectedKeyReads, before + 1);
  });

  it('awaitJobStatus keeps its 60 s delay (not the poll schedule) and carries its read number', async () => {
    const runId = await runningRun();
    world.simulator.control.rejectKeys();
    const input = { kind: 'run' as const, id: runId, schedule: resolvePollSchedule(), readsBefore: 4, firstWaitMs: 0 };
    const logger = new CapturingLogger();
    const failure = await failureOf(inAttempt({ attempt: 3 }, () => world.activities.awaitJobStatus(input), logger));
    assertRejectedKey(failure, logger, 'run', runId);
    assert.equal((failure.details?.[0] as { readNumber?: number }).readNumber, 7);
  });

  it('the ERROR line names the run by runId, at most one a minute for every kind', async () => {
    let now = 0;
    const clocked = new ApiHealth(() => now);
    const activities = createActivities({ client: world.client, health: clocked });
    const [runId, evaluationId] = [await runningRun(), await runningEvaluation()];
    world.simulator.control.rejectKeys();
    const logger = new CapturingLogger();
    for (const read of [
      () => activities.getRunStatus(runId),
      () => activities.getEvaluationStatus(evaluationId),
      () => activities.getRunStatus(runId),
    ]) {
      await failureOf(inAttempt({}, read, logger));
      now += 30_000;
    }
    const errors = logger.lines.filter((line) => line.level === 'ERROR');
    assert.equal(errors.length, 2, inspect(errors));
    assert.equal(errors[0]!.meta?.runId, runId);
    assert.match(errors[1]!.message, new RegExp(`reading run ${runId}`));
    assert.equal(errors[1]!.meta?.rejectedReads, 2, 'the evaluation read is counted in the next line');
    assert.equal(clocked.counts().rejectedKeyReads, 3);
  });

  it('createRun and createEvaluation refused for the key fail at once (nothing exists yet, nothing is lost)', async () => {
    const { id: specId } = await world.client.createSpec({ name: `key-${randomUUID()}`, generation_objectives: 'x' });
    world.simulator.control.complete(specId);
    const runId = await runningRun();
    world.simulator.control.completeRun(runId);
    world.simulator.control.rejectKeys();
    const creates = [
      () => world.activities.createRun({ spec_id: specId, number_of_samples: 2 }),
      () => world.activities.createRun({ spec_id: specId, number_of_samples: 2 }, { createdSinceMs: Date.now() }),
      () => world.activities.createEvaluation({ run_id: runId }),
    ];
    for (const create of creates) {
      const failure = await failureOf(inAttempt({}, create));
      assert.deepEqual([failure.type, failure.nonRetryable], ['AuthenticationError', true], inspect(failure));
    }
  });
});

describe('cancelRun with a rejected key', () => {
  let server: ScriptedServer;
  let client: DataFramerClient;
  before(async () => {
    server = await ScriptedServer.start();
    client = new DataFramerClient({ baseUrl: server.baseUrl, apiKey: 'sk-cancel-key' });
  });
  after(async () => {
    await client.close();
    await server.close();
  });

  it('the cancel went through, the read after it answered 403: ApiKeyRejected naming the run', async () => {
    server.reply(json(200, {}), json(403, { detail: 'Forbidden.' }));
    const logger = new CapturingLogger();
    const failure = await failureOf(inAttempt({}, () => createActivities({ client }).cancelRun('run-7'), logger));
    assert.equal(failure.type, WORKFLOW_FAILURE_TYPES.ApiKeyRejected);
    assert.equal(failure.nextRetryDelay, REJECTED_KEY_RETRY_DELAY_MS);
    assert.match(failure.message, /\(403\) while reading run run-7, which exists/);
    assert.ok(!everything(failure, logger).includes('sk-cancel-key'));
  });

  it('the cancel call itself answered 401: ApiKeyRejected naming the run (a run left going is billed)', async () => {
    server.reply(json(401, { detail: 'Invalid token.' }));
    const logger = new CapturingLogger();
    const failure = await failureOf(inAttempt({}, () => createActivities({ client }).cancelRun('run-8'), logger));
    assert.equal(failure.type, WORKFLOW_FAILURE_TYPES.ApiKeyRejected);
    assert.equal(failure.nonRetryable, false);
    assert.equal(failure.nextRetryDelay, REJECTED_KEY_RETRY_DELAY_MS);
    assert.match(failure.message, /\(401\) while cancelling run run-8, which exists/);
    assert.ok(!everything(failure, logger).includes('sk-cancel-key'));
  });
});
