import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator, type SimulatorCounters } from '../../src/simulator';
import { call, createSeedless, eventually, HEALTH, SPECS } from './helpers';

describe('simulator counters', () => {
  let sim: RunningSimulator;
  beforeEach(async () => {
    sim = await startSimulator();
  });
  afterEach(() => sim.close());

  it('counts requests per endpoint, responses per status, faults, and specs per name', async () => {
    const id = await createSeedless(sim, 'Counted');
    await createSeedless(sim, 'Counted too');
    await call(sim, 'POST', SPECS, { body: { name: 'Counted', generation_objectives: 'x' } });
    await call(sim, 'GET', `${SPECS}${id}/`);
    await call(sim, 'GET', SPECS);
    sim.control.injectOnce('http500');
    await call(sim, 'DELETE', `${SPECS}${id}/`);
    await call(sim, 'DELETE', `${SPECS}${id}/`);
    await call(sim, 'GET', HEALTH, { apiKey: null });
    await call(sim, 'GET', '/nowhere/');
    await call(sim, 'GET', SPECS, { apiKey: null });
    await eventually(() => assert.equal(sim.counters().inFlight, 0));
    const counters = sim.counters();
    assert.deepEqual(counters.requests, { create: 3, get: 1, list: 2, delete: 2, health: 1, control: 0, other: 1 });
    assert.deepEqual({ ...counters.responses }, { 200: 3, 202: 2, 204: 1, 400: 1, 401: 1, 404: 1, 500: 1 });
    assert.equal(counters.faults.http500, 1);
    assert.deepEqual({ ...counters.createdByName }, { Counted: 1, 'Counted too': 1 });
    assert.equal(counters.specsTotal, 2);
  });

  it('serves counters over HTTP without counting that traffic as API traffic, and resets them', async () => {
    await createSeedless(sim, 'Over HTTP');
    const answer = await call(sim, 'GET', '/_simulator/counters/');
    const counters = answer.json as SimulatorCounters;
    assert.equal(counters.requests.create, 1);
    assert.equal(counters.requests.control, 1);
    assert.equal(counters.createdByName['Over HTTP'], 1);
    assert.equal((await call(sim, 'POST', '/_simulator/reset-counters/')).status, 200);
    const reset = sim.counters();
    assert.equal(reset.specsTotal, 0);
    assert.equal(reset.requests.create, 0);
    assert.deepEqual({ ...reset.responses }, {});
  });

  it('tracks peak concurrency over 10 concurrent slow requests', async () => {
    sim.control.setFaults({ slowMs: { probability: 1, delayMs: 250 }, endpoints: ['list'] });
    const answers = await Promise.all(Array.from({ length: 10 }, () => call(sim, 'GET', SPECS)));
    assert.ok(answers.every((a) => a.status === 200));
    await eventually(() => assert.equal(sim.counters().inFlight, 0));
    assert.equal(sim.counters().peakInFlight, 10);
    assert.equal(sim.counters().faults.slowMs, 10);
  });

  it('returns snapshots, not live objects', async () => {
    const before = sim.counters();
    await createSeedless(sim, 'Snapshot');
    assert.equal(before.specsTotal, 0);
    assert.equal(sim.specs().length, 1);
  });
});
