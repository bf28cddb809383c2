// In-process units of the CLI: which exit code a workflow's failure type gives, and when output has colours.
import assert from 'node:assert/strict';
import { EXIT_CODES, exitCodeOfFailureType } from '../../src/cli/exit-codes';
import { CliOutput } from '../../src/cli/output';

function streams(isTTY: boolean, env: NodeJS.ProcessEnv = {}) {
  const written = { stdout: '', stderr: '' };
  return {
    written,
    streams: {
      stdout: { isTTY, write: (text: string) => (written.stdout += text) },
      stderr: { isTTY, write: (text: string) => (written.stderr += text) },
      env,
    },
  };
}

describe('cli: exit codes and output modes', function () {
  it('maps failure types to exit codes: unreachable 3 (a deadline passed unreachable too), rejected input 2, any other failure 1', function () {
    assert.equal(exitCodeOfFailureType('ConnectionError'), EXIT_CODES.unreachable);
    assert.equal(exitCodeOfFailureType('TimeoutError'), EXIT_CODES.unreachable);
    for (const type of ['InvalidInput', 'InvalidRequestError', 'BadRequestError', 'UnprocessableEntityError']) {
      assert.equal(exitCodeOfFailureType(type), EXIT_CODES.badInput, type);
    }
    for (const type of ['SpecGenerationFailed', 'SpecDeadlineExceeded', 'SpecNameConflictError', 'Cancelled']) {
      assert.equal(exitCodeOfFailureType(type), EXIT_CODES.specFailed, type);
    }
    // A deadline that ran out while DataFramer could not be reached is an outage, not the spec failing.
    assert.equal(exitCodeOfFailureType('SpecDeadlineExceeded', 'ConnectionError: refused'), EXIT_CODES.unreachable);
    assert.equal(exitCodeOfFailureType('SpecDeadlineExceeded', 'TimeoutError: no answer'), EXIT_CODES.unreachable);
    assert.equal(exitCodeOfFailureType('SpecDeadlineExceeded', 'InternalServerError: 500'), EXIT_CODES.specFailed);
  });

  it('paints only on a terminal without NO_COLOR, and never with --json', function () {
    assert.equal(new CliOutput(false, streams(true).streams).paint('ok', 'green'), '\u001b[32mok\u001b[0m');
    assert.equal(new CliOutput(false, streams(false).streams).paint('ok', 'green'), 'ok');
    assert.equal(new CliOutput(false, streams(true, { NO_COLOR: '1' }).streams).paint('ok', 'green'), 'ok');
    assert.equal(new CliOutput(true, streams(true).streams).paint('ok', 'green'), 'ok');
  });

  it('with --json writes only JSON lines on stdout, notes included, the result last', function () {
    const { written, streams: io } = streams(false);
    const out = new CliOutput(true, io);
    out.line('for people');
    out.note('a hint');
    out.event('progress', { reads: 1n });
    out.result({ ok: true }, ['for people too']);
    const lines = written.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(lines, [
      { type: 'note', message: 'a hint' },
      { type: 'progress', reads: '1' },
      { type: 'result', ok: true },
    ]);
    assert.equal(written.stderr, '');
  });
});
