// readBatchPage against sources that behave as real servers and files do: a loopback HTTP server that
// redirects, ignores Range (slowly), sends short ranges, a wrong Content-Range, closes early or
// changes between pages; a file that changes between pages.
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { durationToMs } from '../../src/common/durations';
import { READ_BATCH_PAGE_ACTIVITY_OPTIONS } from '../../src/common/batch-policies';
import { rejectionOf } from '../support/rejection';
import { readAllPages, readOnePage } from './support/batch-pages';
import { startJsonlServer, type JsonlServer, type JsonlServerBehaviour } from './support/jsonl-server';

const request = (i: number) => JSON.stringify({ name: `item-${i}`, generation_objectives: `objectives ${i}` });
/** `count` request lines, newline-terminated. */
const fileOf = (count: number) => Buffer.from(Array.from({ length: count }, (_, i) => `${request(i)}\n`).join(''));
const SMALL_PAGES = { maxItems: 7, maxBytes: 512 };
const namesOf = (items: { request?: unknown }[]) => items.map((item) => (item.request as { name?: string })?.name);
const expectedNames = (count: number) => Array.from({ length: count }, (_, i) => `item-${i}`);

function failureOf(err: unknown): ApplicationFailure {
  assert.ok(err instanceof ApplicationFailure, `not an ApplicationFailure: ${String(err)}`);
  return err;
}

describe('readBatchPage: sources that behave as real servers and files do', function () {
  this.timeout(60_000);
  let server: JsonlServer | undefined;
  const serve = async (behaviour: JsonlServerBehaviour) => (server = await startJsonlServer(behaviour));
  afterEach(async () => server?.close());

  it('follows redirects (302, 301, 307, 308; relative and absolute), and refuses a sixth', async function () {
    const { url } = await serve({ body: fileOf(40), ranges: true });
    const { items } = await readAllPages({ url: url('/redirect/4/file.jsonl') }, SMALL_PAGES);
    assert.deepEqual(namesOf(items), expectedNames(40));
    const err = failureOf(await rejectionOf(readAllPages({ url: url('/redirect/6/file.jsonl') }, SMALL_PAGES)));
    assert.equal(err.type, 'BatchSourceUnreadable');
    assert.equal(err.nonRetryable, true);
    assert.match(err.message, /redirected more than 5 times/);
  });

  it('reads every line from a server whose 206s are shorter than asked: a short range is not the end', async function () {
    const body = fileOf(60);
    const { url, ranges } = await serve({ body, ranges: true, maxRangeBytes: 300 });
    const { items } = await readAllPages({ url: url() }, { maxItems: 200, maxBytes: 4096 });
    assert.deepEqual(namesOf(items), expectedNames(60));
    assert.ok(ranges.length > body.length / 300, `${ranges.length} requests`);
  });

  it('fails, retryably and naming it, on a 206 whose Content-Range is not the range asked for', async function () {
    const { url } = await serve({ body: fileOf(60), ranges: true, wrongContentRange: true });
    const err = failureOf(await rejectionOf(readAllPages({ url: url() }, SMALL_PAGES)));
    assert.equal(err.type, 'BatchSourceError');
    assert.equal(err.nonRetryable, false);
    assert.match(err.message, /Content-Range bytes 0-\d+\/\d+ for bytes=\d+-\d+/);
  });

  for (const ranges of [true, false]) {
    it(`fails retryably when the server closes the connection early (${ranges ? '206' : '200'}), never taking it as the end`, async function () {
      const body = fileOf(2000);
      // Slow enough that the answer has begun (headers and a first chunk) when the socket goes.
      const { url } = await serve({ body, ranges, closeAfterBytes: 40_000, bytesPerSecond: 400_000 });
      const err = failureOf(
        await rejectionOf(
          readOnePage({ source: { url: url() }, offset: 0, firstIndex: 0, maxItems: 5000, maxBytes: body.length }),
        ),
      );
      assert.equal(err.type, 'BatchSourceError');
      assert.equal(err.nonRetryable, false);
      assert.match(err.message, /closed|ended/);
    });
  }

  it('heartbeats while a server that ignores Range streams slowly; 200 MB at that pace fits the timeouts', async function () {
    const bytesPerSecond = 1024 * 1024;
    const body = fileOf(40_000); // about 2.6 MB: about 2.6 s at 1 MB/s
    const { url } = await serve({ body, ranges: false, bytesPerSecond });
    const offset = body.length - 10 * (request(39_999).length + 1);
    const started = Date.now();
    const { page, heartbeatsAtMs } = await readOnePage({
      source: { url: url() },
      offset,
      firstIndex: 0,
      maxItems: 200,
      maxBytes: 65_536,
    });
    const elapsedMs = Date.now() - started;
    assert.equal(page.items.length, 10);
    assert.equal(page.done, true);
    // The mock environment sees every heartbeat call (the real one throttles them): at least one a second.
    const gaps = [...heartbeatsAtMs, elapsedMs].map((at, i, all) => at - (i === 0 ? 0 : all[i - 1]!));
    assert.ok(Math.max(...gaps) < 1000, `gaps between heartbeats: ${Math.max(...gaps)} ms over ${elapsedMs} ms`);
    const heartbeatTimeoutMs = durationToMs(READ_BATCH_PAGE_ACTIVITY_OPTIONS.heartbeatTimeout);
    assert.ok(heartbeatTimeoutMs >= 10_000, 'a heartbeat timeout that a loaded worker keeps');
    const twoHundredMbMs = ((200 * 1024 * 1024) / body.length) * elapsedMs;
    const startToCloseMs = durationToMs(READ_BATCH_PAGE_ACTIVITY_OPTIONS.startToCloseTimeout);
    assert.ok(
      startToCloseMs > twoHundredMbMs,
      `200 MB takes ${Math.round(twoHundredMbMs / 1000)} s here, the timeout is ${startToCloseMs / 1000} s`,
    );
  });

  for (const change of ['etag', 'size'] as const) {
    it(`fails with BatchSourceChanged, naming the ${change}, when the URL's file changes between pages`, async function () {
      const first = fileOf(30);
      const { url } = await serve({ body: first, ranges: true, ...(change === 'etag' && { etag: '"v1"' }) });
      const err = failureOf(
        await rejectionOf(
          readAllPages({ url: url() }, SMALL_PAGES, (pages) => {
            if (pages !== 2) return;
            // Same size, new ETag; or, without an ETag, lines added.
            if (change === 'etag')
              server!.behaviour = {
                ...server!.behaviour,
                etag: '"v2"',
                body: Buffer.from(first.toString().replace('item-29', 'item-X9')),
              };
            else server!.behaviour = { ...server!.behaviour, body: Buffer.concat([first, fileOf(3)]) };
          }),
        ),
      );
      assert.equal(err.type, 'BatchSourceChanged');
      assert.equal(err.nonRetryable, true);
      assert.match(
        err.message,
        change === 'etag'
          ? /ETag "v1" → "v2"/
          : new RegExp(`size ${first.length} → ${first.length + fileOf(3).length}`),
      );
    });
  }

  describe('a file', function () {
    let dir: string;
    before(async () => (dir = await mkdtemp(path.join(tmpdir(), 'read-batch-source-'))));
    after(async () => rm(dir, { recursive: true, force: true }));

    it('fails with BatchSourceChanged, naming size or mtime, when it changes between pages', async function () {
      const grown = path.join(dir, 'grown.jsonl');
      await writeFile(grown, fileOf(30));
      const err = failureOf(
        await rejectionOf(
          readAllPages({ path: grown }, SMALL_PAGES, (pages) =>
            pages === 2 ? appendFile(grown, fileOf(2)) : undefined,
          ),
        ),
      );
      assert.equal(err.type, 'BatchSourceChanged');
      assert.match(err.message, /size \d+ → \d+/);

      const rewritten = path.join(dir, 'rewritten.jsonl');
      await writeFile(rewritten, fileOf(30));
      const touched = await rejectionOf(
        readAllPages({ path: rewritten }, SMALL_PAGES, async (pages) => {
          if (pages !== 2) return;
          await writeFile(rewritten, fileOf(30)); // the same bytes, written again
          await utimes(rewritten, new Date(), new Date(Date.now() + 5_000));
        }),
      );
      assert.equal(failureOf(touched).type, 'BatchSourceChanged');
      assert.match(failureOf(touched).message, /mtime/);
    });

    it('reads it whole when it does not change', async function () {
      const file = path.join(dir, 'still.jsonl');
      await writeFile(file, fileOf(30));
      assert.deepEqual(namesOf((await readAllPages({ path: file }, SMALL_PAGES)).items), expectedNames(30));
    });
  });
});
