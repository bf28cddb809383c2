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

  it('gives every error class its retry rule', function () {
    for (const [type, kind] of Object.entries(DATAFRAMER_ERROR_KINDS)) {
      const row = readme.split('\n').find((line) => line.includes(`| \`${type}\` |`));
      assert.ok(row, `README's error table has no row for ${type}`);
      assert.match(row, kind.retryable ? /\| yes \|$/ : /\| no \|$/, `${type}: ${row}`);
    }
  });

  it('names every exported retry policy and activity option', function () {
    for (const name of Object.keys(policies).filter((key) => key.endsWith('_POLICY') && !key.includes('LOCAL'))) {
      assert.ok(readme.includes(`\`${name}\``), `README does not name ${name}`);
    }
  });
});
