// The batch bar's three modes on a stream we read back: redrawn in place on a terminal, a line per
// change elsewhere, a JSON line per change with --json.
import assert from 'node:assert/strict';
import { batchBar, formatSeconds } from '../../src/cli/batch/batch-bar';
import { CliOutput } from '../../src/cli/output';
import type { BatchProgress } from '../../src/workflows/batch/types';

function progress(fields: Partial<BatchProgress>): BatchProgress {
  return {
    ...{ total: 200, totalKnown: true, pending: 100, running: 50, succeeded: 45, failed: 5, cancelled: 0 },
    ...{ concurrency: 50, window: 50, specsPerMinute: 300, estimatedSecondsLeft: 30, latestFailures: [], runs: 1 },
    ...fields,
  };
}

function stream(isTTY: boolean, columns?: number) {
  const writes: string[] = [];
  return { writes, write: (text: string) => writes.push(text), isTTY, ...(columns === undefined ? {} : { columns }) };
}

function outputOn(stdout: ReturnType<typeof stream>, json = false): CliOutput {
  return new CliOutput(json, { stdout, stderr: stream(false), env: { NO_COLOR: '1' } });
}

describe('cli: the batch bar', function () {
  it('redraws one line in place on a terminal, and ends it with a newline', function () {
    const tty = stream(true, 160);
    const bar = batchBar(outputOn(tty));
    bar.show(progress({}));
    bar.show(progress({ succeeded: 145, pending: 0, running: 50, estimatedSecondsLeft: 10 }));
    bar.finish();
    assert.equal(tty.writes.length, 3);
    assert.ok(tty.writes.slice(0, 2).every((text) => text.startsWith('\r\u001b[2K') && !text.includes('\n')));
    assert.match(
      tty.writes[0]!,
      /\[#{8}\.{22}\] {2}50\/200 {2}succeeded 45 {2}failed 5 {2}running 50 {2}5\.0 specs\/s {2}30s left$/,
    );
    assert.match(tty.writes[1]!, /150\/200 .* 10s left$/);
    assert.equal(tty.writes[2], '\n');
  });

  it('drops the pace on a terminal too narrow for the whole line', function () {
    const tty = stream(true, 90);
    batchBar(outputOn(tty)).show(progress({}));
    assert.match(tty.writes[0]!, /running 50$/);
  });

  it('prints a plain line only when the counts change off a terminal; --json a progress line per change', function () {
    const pipe = stream(false);
    const bar = batchBar(outputOn(pipe));
    bar.show(progress({}));
    bar.show(progress({ specsPerMinute: 10 })); // only the pace moved
    bar.show(progress({ succeeded: 200, failed: 0, running: 0, pending: 0 }));
    assert.equal(pipe.writes.length, 2);
    assert.ok(pipe.writes.every((text) => text.endsWith('\n') && !text.includes('\u001b')));
    assert.ok(!pipe.writes[1]!.includes('left'), 'no time left once nothing runs');

    const json = stream(false);
    const jsonBar = batchBar(outputOn(json, true));
    jsonBar.show(progress({}));
    jsonBar.show(progress({}));
    jsonBar.finish();
    assert.equal(json.writes.length, 1);
    assert.deepEqual(JSON.parse(json.writes[0]!), { type: 'progress', ...progress({}) });
  });

  it('writes durations as people read them', function () {
    assert.deepEqual([formatSeconds(12), formatSeconds(245), formatSeconds(3720)], ['12s', '4m05s', '1h02m']);
  });
});
