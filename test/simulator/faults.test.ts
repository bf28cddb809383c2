import assert from 'node:assert/strict';
import {
  FAULT_PROFILES,
  startSimulator,
  UNKNOWN_STATUS,
  type FaultPlan,
  type RunningSimulator,
} from '../../src/simulator';
import { call, createSeedless, getSpec, SPECS } from './helpers';

const SEEDLESS = { name: 'Ambiguous', generation_objectives: 'Reviews.' };

describe('simulator faults', () => {
  let sim: RunningSimulator;
  beforeEach(async () => {
    sim = await startSimulator({ completion: { manual: true } });
  });
  afterEach(() => sim.close());

  it('http500: a JSON 500 with no side effect', async () => {
    sim.control.injectOnce('http500', { endpoint: 'create' });
    const answer = await call(sim, 'POST', SPECS, { body: SEEDLESS });
    assert.deepEqual([answer.status, answer.json], [500, { detail: 'A server error occurred.' }]);
    assert.equal(sim.counters().specsTotal, 0);
    assert.equal(sim.counters().faults.http500, 1);
  });

  it('html502: an nginx HTML page with text/html', async () => {
    sim.control.injectOnce('html502');
    const answer = await call(sim, 'GET', SPECS);
    assert.equal(answer.status, 502);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(answer.text, /<h1>502 Bad Gateway<\/h1>/);
  });

  describe('rateLimit', () => {
    it('429 with Retry-After in seconds', async () => {
      sim.control.injectOnce('rateLimit', { retryAfter: { seconds: 3 } });
      const answer = await call(sim, 'GET', SPECS);
      assert.equal(answer.status, 429);
      assert.equal(answer.headers.get('retry-after'), '3');
      assert.match((answer.json as { detail: string }).detail, /throttled/);
    });

    it('429 with Retry-After as an HTTP date', async () => {
      sim.control.injectOnce('rateLimit', { retryAfter: { httpDate: true, seconds: 30 } });
      const answer = await call(sim, 'GET', SPECS);
      const header = answer.headers.get('retry-after') ?? '';
      assert.match(header, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      const waitMs = Date.parse(header) - Date.now();
      assert.ok(waitMs > 25_000 && waitMs <= 30_000, `wait ${waitMs} ms`);
    });

    it('429 with retry-after-ms', async () => {
      sim.control.injectOnce('rateLimit', { retryAfter: { ms: 1_500 } });
      const answer = await call(sim, 'GET', SPECS);
      assert.equal(answer.status, 429);
      assert.equal(answer.headers.get('retry-after-ms'), '1500');
      assert.equal(answer.headers.get('retry-after'), null);
    });

    it('429 with the values hardest on a client: zero, negative, a past date, retry-after-ms 0', async () => {
      const cases = [
        { retryAfter: { seconds: 0 }, header: 'retry-after', value: /^0$/ },
        { retryAfter: { seconds: -5 }, header: 'retry-after', value: /^-5$/ },
        { retryAfter: { httpDate: true, seconds: 0 }, header: 'retry-after', value: / GMT$/ },
        { retryAfter: { httpDate: true, seconds: -60 }, header: 'retry-after', value: / GMT$/ },
        { retryAfter: { ms: 0 }, header: 'retry-after-ms', value: /^0$/ },
        { retryAfter: { ms: -250 }, header: 'retry-after-ms', value: /^-250$/ },
      ] as const;
      for (const { retryAfter, header, value } of cases) {
        sim.control.injectOnce('rateLimit', { retryAfter });
        const answer = await call(sim, 'GET', SPECS);
        assert.equal(answer.status, 429);
        assert.match(answer.headers.get(header) ?? '', value, JSON.stringify(retryAfter));
        if ('httpDate' in retryAfter) assert.ok(Date.parse(answer.headers.get(header)!) <= Date.now());
      }
    });

    it('defaults to Retry-After: 1', async () => {
      sim.control.injectOnce('rateLimit');
      assert.equal((await call(sim, 'GET', SPECS)).headers.get('retry-after'), '1');
    });
  });

  it('reset: the socket is destroyed without an answer, so fetch fails', async () => {
    sim.control.injectOnce('reset', { endpoint: 'list' });
    await assert.rejects(call(sim, 'GET', SPECS), TypeError);
    assert.equal(sim.counters().faults.reset, 1);
    assert.equal((await call(sim, 'GET', SPECS)).status, 200);
  });

  it('slowMs: the answer arrives after the delay', async () => {
    sim.control.injectOnce('slowMs', { delayMs: 150 });
    const started = performance.now();
    assert.equal((await call(sim, 'GET', SPECS)).status, 200);
    assert.ok(performance.now() - started >= 140);
    assert.equal(sim.counters().faults.slowMs, 1);
  });

  it('unknownStatus: a PROCESSING spec shows IN_PROGRESS once, a terminal one is left alone', async () => {
    const id = await createSeedless(sim, 'Running');
    sim.control.injectOnce('unknownStatus');
    assert.equal((await getSpec(sim, id)).status, UNKNOWN_STATUS);
    assert.equal((await getSpec(sim, id)).status, 'PROCESSING');
    sim.control.complete(id);
    sim.control.injectOnce('unknownStatus');
    assert.equal((await getSpec(sim, id)).status, 'SUCCEEDED');
    assert.equal(sim.counters().faults.unknownStatus, 1);
  });

  for (const mode of ['500', 'drop'] as const) {
    it(`ambiguousCreate (${mode}): the spec exists although the client saw ${mode === '500' ? 'a 500' : 'no answer'}`, async () => {
      sim.control.injectOnce('ambiguousCreate', { mode });
      const attempt = call(sim, 'POST', SPECS, { body: SEEDLESS });
      if (mode === '500') assert.equal((await attempt).status, 500);
      else await assert.rejects(attempt, TypeError);
      const list = (await call(sim, 'GET', SPECS)).json as { name: string }[];
      assert.deepEqual(
        list.map((s) => s.name),
        [SEEDLESS.name],
      );
      const retry = await call(sim, 'POST', SPECS, { body: SEEDLESS });
      assert.deepEqual(retry.json, { name: ['spec with this name already exists.'] });
      assert.equal(sim.counters().createdByName[SEEDLESS.name], 1);
      assert.equal(sim.counters().faults.ambiguousCreate, 1);
    });
  }

  it('a one-shot fault waits for a request it can apply to', async () => {
    sim.control.injectOnce('ambiguousCreate');
    sim.control.injectOnce('http500', { endpoint: 'delete' });
    assert.equal((await call(sim, 'GET', SPECS)).status, 200);
    assert.equal((await call(sim, 'DELETE', `${SPECS}nope/`)).status, 500);
    assert.equal((await call(sim, 'POST', SPECS, { body: SEEDLESS })).status, 500);
    assert.throws(() => sim.control.injectOnce('unknownStatus', { endpoint: 'create' }), { name: 'FaultPlanError' });
  });

  it('a plan only hits the endpoints it names, never health', async () => {
    sim.control.setFaults({ http500: 1, endpoints: ['get'] });
    assert.equal((await call(sim, 'GET', SPECS)).status, 200);
    assert.equal((await call(sim, 'GET', `${SPECS}x/`)).status, 500);
    assert.equal((await call(sim, 'GET', '/api/dataframer/health/')).status, 200);
  });

  it('takes plans and one-shot faults over HTTP, and rejects invalid ones', async () => {
    const plan = await call(sim, 'POST', '/_simulator/faults/', { body: { html502: 1, endpoints: ['list'] } });
    assert.equal(plan.status, 200);
    assert.equal((await call(sim, 'GET', SPECS)).status, 502);
    await call(sim, 'POST', '/_simulator/faults/', { body: {} });
    const inject = await call(sim, 'POST', '/_simulator/inject/', {
      body: { kind: 'rateLimit', endpoint: 'list', retryAfter: { seconds: 7 } },
    });
    assert.equal(inject.status, 200);
    assert.equal((await call(sim, 'GET', SPECS)).headers.get('retry-after'), '7');
    const bad = await call(sim, 'POST', '/_simulator/faults/', { body: { http500: 2 } });
    assert.equal(bad.status, 400);
    assert.match((bad.json as { detail: string }).detail, /http500/);
    assert.equal((await call(sim, 'POST', '/_simulator/inject/', { body: { kind: 'meteor' } })).status, 400);
  });
});

describe('simulator fault determinism', () => {
  const plan: FaultPlan = { http500: 0.2, html502: 0.1, rateLimit: { probability: 0.2 }, unknownStatus: 0.1 };

  async function statusSequence(seed: number): Promise<number[]> {
    const sim = await startSimulator({ seed, faults: plan });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 40; i += 1) statuses.push((await call(sim, 'GET', i % 2 ? SPECS : `${SPECS}x/`)).status);
      return statuses;
    } finally {
      await sim.close();
    }
  }

  it('repeats the same fault sequence for the same seed, and another for another seed', async () => {
    const [first, again, other] = await Promise.all([statusSequence(42), statusSequence(42), statusSequence(43)]);
    assert.deepEqual(first, again);
    assert.notDeepEqual(first, other);
    assert.ok(first.some((s) => s === 500) && first.some((s) => s === 429), first.join(','));
  });

  it('ships named profiles that validate and mostly answer normally', async () => {
    assert.deepEqual(Object.keys(FAULT_PROFILES).sort(), ['chaos', 'mild', 'none']);
    const sim = await startSimulator({ faults: FAULT_PROFILES.mild, seed: 3 });
    try {
      let ok = 0;
      for (let i = 0; i < 50; i += 1)
        ok += (await call(sim, 'GET', SPECS).catch(() => ({ status: 0 }))).status === 200 ? 1 : 0;
      assert.ok(ok >= 40, `${ok}/50 answered 200`);
    } finally {
      await sim.close();
    }
  });
});
