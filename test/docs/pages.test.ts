import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as policies from '../../src/common/activity-policies';
import { DATAFRAMER_ERROR_KINDS } from '../../src/dataframer/error-kinds';
import { WORKER_ENVIRONMENT_VARIABLES } from '../../src/worker/worker-environment';

const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
const rowOf = (firstCells: RegExp) => readme.split('\n').find((line) => firstCells.test(line));

describe('README stays in step with the code', function () {
  it('lists every worker environment variable with its default', function () {
    for (const variable of WORKER_ENVIRONMENT_VARIABLES) {
      const row = rowOf(new RegExp(`^\\| \`${variable.name}\` \\|`));
      assert.ok(row, `README has no row for ${variable.name}`);
      if (variable.required) assert.match(row, /\*\*required\*\*/);
      else if (variable.default !== null)
        assert.ok(row.includes(`\`${variable.default}\``), `${variable.name}: ${row}`);
    }
  });

  it('gives every error class its retry rule, on create / while waiting', function () {
    assert.ok(readme.includes('| retried? on create / while waiting |'), 'the column names both cases');
    // A refused key is permanent on create, retried while waiting for a spec that exists.
    const retriedWhileWaiting = new Set(['AuthenticationError', 'PermissionDeniedError']);
    for (const [type, kind] of Object.entries(DATAFRAMER_ERROR_KINDS)) {
      const row = readme.split('\n').find((line) => line.includes(`| \`${type}\` |`));
      assert.ok(row, `README's error table has no row for ${type}`);
      const [onCreate, whileWaiting] = (row.split('|').at(-2) ?? '').split(' / ').map((cell) => cell.trim());
      assert.equal(onCreate, kind.retryable ? 'yes' : 'no', `${type} on create: ${row}`);
      const waits = kind.retryable || retriedWhileWaiting.has(type);
      assert.match(String(whileWaiting), waits ? /^yes/ : /^no$/, `${type} while waiting: ${row}`);
    }
  });

  it('names every exported retry policy and activity option', function () {
    for (const name of Object.keys(policies).filter((key) => key.endsWith('_POLICY') && !key.includes('LOCAL'))) {
      assert.ok(readme.includes(`\`${name}\``), `README does not name ${name}`);
    }
  });
});
