import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createBatchActivities, type BatchPage, type ReadBatchPageInput } from '../../src/activities';
import type { BatchItem, BatchSource } from '../../src/workflows';
import { rejectionOf } from '../support/rejection';
import { CapturingLogger } from './support/activity-harness';

const LINES = [
  '{"name":"a","generation_objectives":"x"}',
  '',
  'not json',
  '{"name":"c","generation_objectives":"x","databricks_client_secret":"s3cr3t"}',
  '[1,2]',
  '{"name":"é-ünïcode","generation_objectives":"x"}',
];
const CONTENT = LINES.join('\n') + '\n{"name":"last","generation_objectives":"no newline at the end"}';

/** A file server on loopback; `ranges: false` ignores Range headers like some static servers do. */
async function serve(ranges: boolean): Promise<{ url: string; server: Server }> {
  const body = Buffer.from(CONTENT);
  const server = createServer((req, res) => {
    if (req.url === '/missing.jsonl') return void res.writeHead(404).end();
    const match = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (!ranges || !match) return void res.writeHead(200).end(body);
    const start = Number(match[1]);
    if (start >= body.length) return void res.writeHead(416).end();
    const end = Math.min(body.length - 1, match[2] === '' ? body.length - 1 : Number(match[2]));
    res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${body.length}` }).end(body.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function readAll(source: BatchSource, maxItems: number): Promise<{ items: BatchItem[]; pages: number }> {
  const activities = createBatchActivities();
  const env = new MockActivityEnvironment({}, { logger: new CapturingLogger() });
  const items: BatchItem[] = [];
  let input: ReadBatchPageInput = { source, offset: 0, firstIndex: 0, maxItems, maxBytes: 64 * 1024 };
  for (let pages = 1; ; pages++) {
    const page: BatchPage = await env.run((page: ReadBatchPageInput) => activities.readBatchPage(page), input);
    items.push(...page.items);
    if (page.done) return { items, pages };
    input = { ...input, offset: page.nextOffset, firstIndex: input.firstIndex + page.items.length };
    assert.ok(pages < 20, 'too many pages');
  }
}

function checkItems(items: BatchItem[]): void {
  assert.deepEqual(
    items.map((item) => item.index),
    [0, 1, 2, 3, 4, 5],
  );
  assert.equal((items[0]?.request as { name: string }).name, 'a');
  assert.match(items[1]?.invalid ?? '', /^item 1 \(byte \d+\) is not JSON/);
  assert.match(items[2]?.invalid ?? '', /databricks_client_secret; set it on the worker/);
  assert.ok(!JSON.stringify(items).includes('s3cr3t'), 'the secret stays out of the page');
  assert.match(items[3]?.invalid ?? '', /is not a JSON object/);
  assert.equal((items[4]?.request as { name: string }).name, 'é-ünïcode');
  assert.equal((items[5]?.request as { name: string }).name, 'last');
}

describe('readBatchPage', function () {
  let dir: string;
  before(async () => (dir = await mkdtemp(path.join(tmpdir(), 'read-batch-page-'))));
  after(async () => rm(dir, { recursive: true, force: true }));

  for (const maxItems of [1, 2, 200]) {
    it(`reads a JSONL file a page at a time (${maxItems} per page), blank lines skipped, bad lines invalid`, async function () {
      const file = path.join(dir, 'requests.jsonl');
      await writeFile(file, CONTENT);
      const { items, pages } = await readAll({ path: file }, maxItems);
      checkItems(items);
      assert.ok(pages >= Math.ceil(6 / maxItems), `pages ${pages}`);
    });
  }

  for (const ranges of [true, false]) {
    it(`reads an http URL from a server that ${ranges ? 'honours' : 'ignores'} Range`, async function () {
      const { url, server } = await serve(ranges);
      try {
        checkItems((await readAll({ url: `${url}/requests.jsonl` }, 2)).items);
      } finally {
        server.close();
      }
    });
  }

  it('fails without retries on a missing file or a 404, naming the source', async function () {
    const { url, server } = await serve(true);
    try {
      for (const source of [{ path: path.join(dir, 'nope.jsonl') }, { url: `${url}/missing.jsonl` }]) {
        const err = await rejectionOf(readAll(source, 10));
        assert.ok(err instanceof ApplicationFailure, String(err));
        assert.equal(err.type, 'BatchSourceUnreadable');
        assert.equal(err.nonRetryable, true);
      }
    } finally {
      server.close();
    }
  });
});
