// Item numbers the workers give a JSONL source's lines, and the line numbers the CLI's `batch` reports
// for them, agree for every file: long lines (one item each, never split), blank and whitespace lines,
// CRLF, a BOM, a last line without a newline, pages of any size.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { readBatchFile } from '../../src/cli/batch/batch-file';
import { MAX_LINE_BYTES } from '../../src/activities/batch-source-lines';
import { readAllPages } from './support/batch-pages';
import { startJsonlServer } from './support/jsonl-server';

/** One line of a generated file, and whether it is an item (a line that is not blank). */
type Line = { text: string; item: boolean };

const request = (name: string) => JSON.stringify({ name, generation_objectives: 'x' });
const LONG = `{"name":"long","generation_objectives":"${'y'.repeat(MAX_LINE_BYTES)}"}`;

const lineArb: fc.Arbitrary<Line> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 12 }).map((s) => ({ text: request(s), item: true })) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t', '  \t ').map((text) => ({ text, item: false })) },
  { weight: 1, arbitrary: fc.constantFrom('not json', '[1,2]', '{"name":').map((text) => ({ text, item: true })) },
  { weight: 1, arbitrary: fc.constant({ text: LONG, item: true }) },
);

const fileArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 25 }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  maxItems: fc.integer({ min: 1, max: 8 }),
  maxBytes: fc.integer({ min: 64, max: 4096 }),
});

type FileCase = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

function contentOf({ lines, crlf, bom, finalNewline }: FileCase): string {
  const eol = crlf ? '\r\n' : '\n';
  return `${bom ? '\uFEFF' : ''}${lines.map((line) => line.text).join(eol)}${finalNewline ? eol : ''}`;
}

describe('batch line numbering: the workers and the CLI agree', function () {
  this.timeout(300_000);
  let dir: string;
  before(async () => (dir = await mkdtemp(path.join(tmpdir(), 'batch-numbering-'))));
  after(async () => rm(dir, { recursive: true, force: true }));

  it('item i is the CLI line of index i, for every file and page size (file source)', async function () {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fileArb, async (file) => {
        const expected = file.lines.flatMap((line, i) => (line.item ? [{ lineNumber: i + 1, text: line.text }] : []));
        fc.pre(expected.length > 0);
        const filePath = path.join(dir, `file-${run++}.jsonl`);
        await writeFile(filePath, contentOf(file));
        const cli = readBatchFile(filePath);
        assert.deepEqual(
          cli.lines.map((line) => line.lineNumber),
          expected.map((line) => line.lineNumber),
          'the CLI numbers the lines that are not blank',
        );
        const { items } = await readAllPages({ path: filePath }, file);
        assert.deepEqual(
          items.map((item) => item.index),
          expected.map((_, i) => i),
          'one item per line that is not blank, numbered in order',
        );
        items.forEach((item, i) => {
          const line = cli.lines[i]!;
          if (item.request !== undefined)
            assert.deepEqual(item.request, line.value, `item ${i}, line ${line.lineNumber}`);
          else assert.ok(line.problem !== undefined, `item ${i} is invalid (${item.invalid}); the CLI saw no problem`);
          if (expected[i]!.text === LONG) assert.match(item.invalid ?? '', /longer than/);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('a line longer than a page is one invalid item from a URL too, and the lines after it keep their numbers', async function () {
    const lines = [request('a'), '', LONG, `  ${request('b')}\r`, LONG + LONG, request('c')];
    const server = await startJsonlServer({ body: Buffer.from(`\uFEFF${lines.join('\n')}`), ranges: true });
    try {
      const { items } = await readAllPages({ url: server.url() }, { maxItems: 2, maxBytes: 1024 });
      assert.deepEqual(
        items.map(
          (item) => (item.request as { name?: string } | undefined)?.name ?? item.invalid?.replace(/ \(.*/, ''),
        ),
        ['a', 'item 1', 'b', 'item 3', 'c'],
      );
      assert.match(items[1]?.invalid ?? '', /longer than 262144 bytes/);
    } finally {
      await server.close();
    }
  });
});
