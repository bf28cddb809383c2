// Short real runs on the dev server (a real Temporal server 1.32, payload limits and nextRetryDelay
// as in production): a spec larger than the payload limit, a Retry-After: 0 on create, a key
// rejected for a few seconds while waiting, and a DataFramer outage across a create.
import assert from 'node:assert/strict';
import { getSpecContent } from '../../src/client/spec-content';
import { MAX_SPEC_YAML_IN_HISTORY_BYTES, SPEC_CONTENT_TOO_LARGE_REASON } from '../../src/common/payload-limits';
import { getProgressQuery } from '../../src/workflows';
import { createSpecHarness, seedlessRequest } from '../support/spec-harness';
import { useTemporalWorld } from '../support/temporal-world';

const FAST_POLL = { initialInterval: '1 second', maximumInterval: '1 second', jitter: 0 } as const;

describe('hardening on the dev server', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('dev-server');
  const harness = (options: Parameters<typeof createSpecHarness>[2]) =>
    createSpecHarness(world.env, world.bundle, options);

  for (const pollingDesign of ['activity-retry', 'timer-activity'] as const) {
    it(`${pollingDesign}: a 3 MB spec ends the workflow as a success within seconds, its YAML fetched by id`, async function () {
      const h = await harness({ simulator: { completion: { afterReads: 1 }, specYamlBytes: 3_000_000 } });
      const started = Date.now();
      const { result, yaml } = await h.run(async () => {
        const handle = await h.start({
          request: seedlessRequest('large'),
          poll: FAST_POLL,
          pollingDesign,
          deadline: '1 hour',
        });
        const result = await handle.result();
        return { result, yaml: await getSpecContent(h.client, result) };
      });
      assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
      assert.equal(result.status, 'SUCCEEDED');
      assert.equal(result.spec.content_yaml, null);
      assert.equal(result.spec.content_unavailable_reason, SPEC_CONTENT_TOO_LARGE_REASON);
      assert.deepEqual(
        { ...result.contentOmitted, fetchWith: undefined },
        {
          reason: SPEC_CONTENT_TOO_LARGE_REASON,
          contentBytes: 3_000_000,
          limitBytes: MAX_SPEC_YAML_IN_HISTORY_BYTES,
          fetchWith: undefined,
        },
      );
      assert.match(String(result.contentOmitted?.fetchWith), /getSpecContent/);
      assert.equal(Buffer.byteLength(String(yaml)), 3_000_000);
    });
  }

  it('a spec just under the threshold keeps its YAML in the result', async function () {
    const bytes = MAX_SPEC_YAML_IN_HISTORY_BYTES;
    const h = await harness({ simulator: { completion: { afterReads: 1 }, specYamlBytes: bytes } });
    const result = await h.run(async () =>
      (await h.start({ request: seedlessRequest('fits'), poll: FAST_POLL })).result(),
    );
    assert.equal(Buffer.byteLength(String(result.spec.content_yaml)), bytes);
    assert.equal(result.contentOmitted, undefined);
  });

  it('Retry-After: 0, a past date and retry-after-ms: 0 on create are waited out, not the end', async function () {
    const h = await harness({ simulator: { completion: { afterReads: 1 } } });
    for (const retryAfter of [{ seconds: 0 }, { httpDate: true as const, seconds: -30 }, { ms: 0 }])
      h.simulator.control.injectOnce('rateLimit', { endpoint: 'create', retryAfter });
    const request = seedlessRequest('retry-after-zero');
    const result = await h.run(async () => (await h.start({ request, poll: FAST_POLL })).result());
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(h.simulator.counters().faults.rateLimit, 3);
    assert.equal(h.simulator.counters().createdByName[request.name], 1);
  });

  it('a key rejected for 6 s while waiting: the workflow waits and succeeds once the key works again', async function () {
    const h = await harness({ simulator: { completion: { manual: true } } });
    const request = seedlessRequest('rotated');
    const figures = await h.run(async () => {
      const handle = await h.start({ request, poll: FAST_POLL });
      for (
        let p = await handle.query(getProgressQuery);
        p.phase !== 'waiting';
        p = await handle.query(getProgressQuery)
      )
        await new Promise((resolve) => setTimeout(resolve, 50));
      h.simulator.control.rejectKeys(6_000);
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      const fixedAt = Date.now();
      h.simulator.control.complete(request.name);
      const result = await handle.result();
      const events = (await handle.fetchHistory()).events?.length ?? 0;
      return { result, recoveryMs: Date.now() - fixedAt, events };
    });
    assert.equal(figures.result.status, 'SUCCEEDED');
    assert.ok(h.simulator.counters().operatorFaults.rejectedKey >= 1);
    // A rejected read waits a minute before the next (REJECTED_KEY_RETRY_DELAY_MS).
    assert.ok(figures.recoveryMs <= 65_000, `recovered ${figures.recoveryMs} ms after the fix`);
    console.log(`      key rejected 6 s: recovered ${figures.recoveryMs} ms after the fix, ${figures.events} events`);
  });

  it('an outage (resets) across the create: the spec is created once DataFramer is back', async function () {
    const h = await harness({ simulator: { completion: { afterReads: 1 } } });
    h.simulator.control.outage(8_000, 'reset');
    const outageEnd = Date.now() + 8_000;
    const request = seedlessRequest('outage');
    const figures = await h.run(async () => {
      const handle = await h.start({ request, poll: FAST_POLL });
      const result = await handle.result();
      const events = (await handle.fetchHistory()).events?.length ?? 0;
      return { result, doneAfterOutageMs: Date.now() - outageEnd, events };
    });
    assert.equal(figures.result.status, 'SUCCEEDED');
    assert.equal(h.simulator.counters().createdByName[request.name], 1);
    assert.ok(h.simulator.counters().operatorFaults.outage >= 3);
    console.log(
      `      outage 8 s over the create: done ${figures.doneAfterOutageMs} ms after it, ${figures.events} events`,
    );
  });
});
