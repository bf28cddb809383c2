// The tables of the docs pages against the code they describe: each check reads the page that holds
// the table (the README held them all until the docs were split by topic).
import assert from 'node:assert/strict';
import { EXIT_CODES } from '../../src/cli/exit-codes';
import * as policies from '../../src/common/activity-policies';
import { DATAFRAMER_ERROR_KINDS } from '../../src/dataframer/error-kinds';
import { WORKER_ENVIRONMENT_VARIABLES } from '../../src/worker/worker-environment';
import { readDoc, tableRow } from './docs-pages';

describe('docs/configuration.md stays in step with the code', function () {
  const page = readDoc('docs/configuration.md');

  it('lists every worker environment variable with its default', function () {
    for (const variable of WORKER_ENVIRONMENT_VARIABLES) {
      const row = tableRow(page, new RegExp(`^\\| \`${variable.name}\` \\|`));
      assert.ok(row, `docs/configuration.md has no row for ${variable.name}`);
      if (variable.required) assert.match(row, /\*\*required\*\*/);
      else if (variable.default !== null)
        assert.ok(row.includes(`\`${variable.default}\``), `${variable.name}: ${row}`);
    }
  });
});

describe('docs/errors-and-adoption.md stays in step with the code', function () {
  const page = readDoc('docs/errors-and-adoption.md');

  it('gives every error class its retry rule, on create / while waiting', function () {
    assert.ok(page.includes('| retried? on create / while waiting |'), 'the column names both cases');
    // A refused key is permanent on create, retried while waiting for a spec that exists.
    const retriedWhileWaiting = new Set(['AuthenticationError', 'PermissionDeniedError']);
    for (const [type, kind] of Object.entries(DATAFRAMER_ERROR_KINDS)) {
      const row = page.split('\n').find((line) => line.includes(`| \`${type}\` |`));
      assert.ok(row, `the error table has no row for ${type}`);
      const [onCreate, whileWaiting] = (row.split('|').at(-2) ?? '').split(' / ').map((cell) => cell.trim());
      assert.equal(onCreate, kind.retryable ? 'yes' : 'no', `${type} on create: ${row}`);
      const waits = kind.retryable || retriedWhileWaiting.has(type);
      assert.match(String(whileWaiting), waits ? /^yes/ : /^no$/, `${type} while waiting: ${row}`);
    }
  });
});

describe('docs/reliability.md stays in step with the code', function () {
  it('names every exported retry policy and activity option', function () {
    const page = readDoc('docs/reliability.md');
    for (const name of Object.keys(policies).filter((key) => key.endsWith('_POLICY') && !key.includes('LOCAL'))) {
      assert.ok(page.includes(`\`${name}\``), `docs/reliability.md does not name ${name}`);
    }
  });
});

describe('docs/cli.md stays in step with the code', function () {
  it('explains every exit code, and no other', function () {
    const page = readDoc('docs/cli.md');
    const documented = [...page.matchAll(/^\| `(\d+)` \|/gm)].map((match) => Number(match[1]));
    assert.deepEqual(
      documented,
      [...new Set<number>(Object.values(EXIT_CODES))].sort((a, b) => a - b),
    );
  });
});
