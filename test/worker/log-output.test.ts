import assert from 'node:assert/strict';
import { DefaultLogger } from '@temporalio/worker';
import { createLogWriter, defaultLogFormat } from '../../src/worker/log-output';

const SECRET = 'sk-live/abc+def=';

function capture(format: 'json' | 'text') {
  const lines: string[] = [];
  const logger = new DefaultLogger('INFO', createLogWriter({ secrets: [SECRET], format, write: (l) => lines.push(l) }));
  return { logger, lines };
}

describe('worker logs: one line per entry, secrets redacted in every encoding', function () {
  it('writes one JSON object a line with level, message and the metadata', function () {
    const { logger, lines } = capture('json');
    logger.info('Spec created', { workflowId: 'dataframer-spec/seedless/x', specId: 's-1', attempt: 2, big: 10n });
    assert.equal(lines.length, 1);
    assert.ok(lines[0]!.endsWith('\n') && !lines[0]!.slice(0, -1).includes('\n'));
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.deepEqual(
      { ...entry, time: typeof entry.time },
      {
        time: 'string',
        level: 'INFO',
        message: 'Spec created',
        workflowId: 'dataframer-spec/seedless/x',
        specId: 's-1',
        attempt: 2,
        big: '10',
      },
    );
  });

  it('redacts a secret as written, URL-encoded, JSON-escaped and base64, in the message and the metadata', function () {
    const { logger, lines } = capture('json');
    const base64 = Buffer.from(SECRET).toString('base64');
    logger.warn(`key ${SECRET} in ${encodeURIComponent(SECRET)}`, {
      header: `Basic ${base64}`,
      url: `https://x/?k=${encodeURIComponent(SECRET)}`,
      nested: { [SECRET]: Buffer.from(SECRET).toString('base64url') },
      error: 'Authorization: Bearer tok-unknown-to-us',
    });
    const line = lines.join('');
    for (const form of [SECRET, encodeURIComponent(SECRET), base64, 'tok-unknown-to-us']) {
      assert.ok(!line.includes(form), `${form} in ${line}`);
    }
    assert.match(line, /\[REDACTED\]/);
  });

  it('writes text for a terminal, and JSON when the stream is not one', function () {
    const { logger, lines } = capture('text');
    logger.info('Worker state changed', { state: 'RUNNING' });
    assert.match(lines[0]!, /^\S+Z \[INFO\] Worker state changed \{"state":"RUNNING"\}\n$/);
    assert.equal(defaultLogFormat({ isTTY: true } as NodeJS.WriteStream), 'text');
    assert.equal(defaultLogFormat({ isTTY: false } as NodeJS.WriteStream), 'json');
  });
});
