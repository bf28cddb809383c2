import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { parseCliArgs } from '../../src/simulator/cli-args';
import { call, createSeedless, HEALTH, SPECS } from './helpers';

const SEEDLESS = { name: 'During an outage', generation_objectives: 'Reviews.' };

describe('simulator operator-level failures: rejected keys and outages', () => {
  let sim: RunningSimulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('rejectKeys: every request answers 401 while it lasts, with the right key too, then works again', async () => {
    sim = await startSimulator({ completion: { manual: true } });
    const id = await createSeedless(sim, 'before-rotation');
    sim.control.rejectKeys();
    for (const [method, path] of [
      ['GET', `${SPECS}${id}/`],
      ['POST', SPECS],
      ['GET', SPECS],
    ] as const) {
      const answer = await call(sim, method, path, method === 'POST' ? { body: SEEDLESS } : {});
      assert.deepEqual([answer.status, answer.json], [401, { detail: 'Invalid token.' }], `${method} ${path}`);
    }
    assert.equal(sim.counters().specsTotal, 1, 'a rejected create has no side effect');
    sim.control.rejectKeys(0);
    assert.equal((await call(sim, 'GET', `${SPECS}${id}/`)).status, 200);
    assert.equal(sim.counters().operatorFaults.rejectedKey, 3);
  });

  it('outage: 503 on everything, health included, or resets; a window from the options ends by itself', async () => {
    let now = 1_000_000;
    sim = await startSimulator({
      completion: { manual: true },
      clock: () => now,
      outage: { startAfterMs: 10, durationMs: 100 },
    });
    assert.equal((await call(sim, 'GET', HEALTH)).status, 200, 'not yet');
    now += 10;
    for (const path of [HEALTH, SPECS]) assert.equal((await call(sim, 'GET', path)).status, 503, path);
    assert.equal((await call(sim, 'POST', SPECS, { body: SEEDLESS })).status, 503);
    assert.equal(sim.counters().specsTotal, 0);
    now += 100;
    assert.equal((await call(sim, 'GET', HEALTH)).status, 200, 'over');
    sim.control.outage(Infinity, 'reset');
    await assert.rejects(call(sim, 'GET', SPECS), TypeError);
    sim.control.outage(0);
    assert.equal((await call(sim, 'GET', SPECS)).status, 200);
    assert.equal(sim.counters().operatorFaults.outage, 4);
  });

  it('both through the control API and the CLI flags', async () => {
    sim = await startSimulator({ completion: { manual: true } });
    const control = (path: string, body: object) => call(sim!, 'POST', `/_simulator/${path}/`, { body });
    assert.equal((await control('outage', { mode: 'bogus' })).status, 400);
    assert.equal((await control('outage', { mode: '503' })).status, 200);
    assert.equal((await call(sim, 'GET', SPECS)).status, 503);
    assert.equal((await control('outage', { durationMs: 0 })).status, 200);
    assert.equal((await control('reject-keys', { durationMs: 60_000 })).status, 200);
    assert.equal((await call(sim, 'GET', SPECS)).status, 401);
    const config = parseCliArgs(['--reject-keys', '5000:6000', '--outage', '0:360000:reset'], {});
    assert.ok(config !== 'help');
    assert.deepEqual(config.options.rejectKeys, { startAfterMs: 5000, durationMs: 6000 });
    assert.deepEqual(config.options.outage, { startAfterMs: 0, durationMs: 360_000, mode: 'reset' });
    assert.throws(() => parseCliArgs(['--outage', '5:x'], {}), /--outage must be/);
  });
});
