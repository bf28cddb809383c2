// Where the test helpers look for the Temporal binaries, and which provisioning command their errors name.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findTemporalBinaries, provisionCommand } from '../../src/testing/temporal-binaries';

function fakeBinaries(folder: string): void {
  mkdirSync(folder, { recursive: true });
  for (const name of ['temporal', 'temporal-test-server']) {
    writeFileSync(path.join(folder, name), '#!/bin/sh\n');
    chmodSync(path.join(folder, name), 0o755);
  }
}

describe('testing: findTemporalBinaries and the provisioning hint', function () {
  let root: string;

  beforeEach(function () {
    root = mkdtempSync(path.join(os.tmpdir(), 'binaries-'));
  });

  afterEach(function () {
    rmSync(root, { recursive: true, force: true });
  });

  it("finds a project's .temporal/bin from a folder below it", function () {
    fakeBinaries(path.join(root, '.temporal', 'bin'));
    const below = path.join(root, 'packages', 'pipeline');
    mkdirSync(below, { recursive: true });
    assert.deepEqual(findTemporalBinaries({}, below), {
      cliPath: path.join(root, '.temporal', 'bin', 'temporal'),
      testServerPath: path.join(root, '.temporal', 'bin', 'temporal-test-server'),
    });
  });

  it('prefers TEMPORAL_CLI_PATH, then TEMPORAL_PROVISION_DIR, to the project folder', function () {
    fakeBinaries(path.join(root, '.temporal', 'bin'));
    fakeBinaries(path.join(root, 'elsewhere', 'bin'));
    const found = findTemporalBinaries({ TEMPORAL_PROVISION_DIR: 'elsewhere' }, root);
    assert.equal(found.testServerPath, path.join(root, 'elsewhere', 'bin', 'temporal-test-server'));
    const cli = path.join(root, 'elsewhere', 'bin', 'temporal');
    assert.equal(findTemporalBinaries({ TEMPORAL_CLI_PATH: cli }, root).cliPath, cli);
  });

  // The error itself, with nothing provisioned, is checked in the consumer project (test/package).
  it('names `npx dataframer-temporal provision` in a user project, `npm run provision` in this repository', function () {
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'my-pipeline' }));
    assert.equal(provisionCommand(root), 'npx dataframer-temporal provision');
    assert.equal(provisionCommand(path.resolve(__dirname, '..', '..')), 'npm run provision');
  });
});
