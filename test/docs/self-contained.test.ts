import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONTRACT_PATH } from '../simulator/contract';

const ROOT = path.resolve(__dirname, '../..');
// Spelled so that this file does not match itself: a path that leaves the repository for the folder
// beside it, which a user's clone does not have.
const OUTSIDE = new RegExp(['\\.\\./', 'sh', 'ared'].join(''));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('the repository stands alone', function () {
  it('reads the API contract from its own copy', function () {
    assert.ok(CONTRACT_PATH.startsWith(path.join(ROOT, 'contract') + path.sep), CONTRACT_PATH);
    assert.match(readFileSync(CONTRACT_PATH, 'utf8'), /\/api\/dataframer\/specs\//);
  });

  it('has no source, test, script, benchmark or doc that reaches outside the repository', function () {
    const offenders = ['src', 'test', 'scripts', 'bench', 'docs']
      .flatMap((dir) => filesUnder(path.join(ROOT, dir)))
      .concat(path.join(ROOT, 'README.md'))
      .filter((file) => OUTSIDE.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file));
    assert.deepEqual(offenders, []);
  });
});
