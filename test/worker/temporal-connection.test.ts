import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildTemporalTransportOptions } from '../../src/worker/temporal-connection';
import { loadWorkerConfig, WorkerConfigError } from '../../src/worker/worker-config';

function temporalConfig(env: Record<string, string>) {
  return loadWorkerConfig({ DATAFRAMER_API_KEY: 'sk-test', ...env }).temporal;
}

describe('worker: Temporal connection options', function () {
  let folder: string;

  before(async function () {
    folder = await mkdtemp(path.join(tmpdir(), 'dataframer-tls-'));
    await writeFile(path.join(folder, 'client.pem'), 'CERT');
    await writeFile(path.join(folder, 'client.key'), 'KEY');
    await writeFile(path.join(folder, 'ca.pem'), 'CA');
  });

  after(async function () {
    await rm(folder, { recursive: true, force: true });
  });

  it('connects in plaintext by default', async function () {
    assert.deepEqual(await buildTemporalTransportOptions(temporalConfig({})), {
      address: '127.0.0.1:7233',
      tls: false,
    });
  });

  it('sends a Temporal Cloud API key over TLS', async function () {
    const options = await buildTemporalTransportOptions(
      temporalConfig({ TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_API_KEY: 'tk-1' }),
    );
    assert.deepEqual(options, { address: 'ns.acct.tmprl.cloud:7233', apiKey: 'tk-1', tls: {} });
  });

  it('reads the mTLS pair and the CA into the TLS options', async function () {
    const options = await buildTemporalTransportOptions(
      temporalConfig({
        TEMPORAL_TLS_CERT_PATH: path.join(folder, 'client.pem'),
        TEMPORAL_TLS_KEY_PATH: path.join(folder, 'client.key'),
        TEMPORAL_TLS_CA_PATH: path.join(folder, 'ca.pem'),
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      }),
    );
    assert.deepEqual(options, {
      address: '127.0.0.1:7233',
      tls: {
        serverNameOverride: 'temporal.internal',
        serverRootCACertificate: Buffer.from('CA'),
        clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') },
      },
    });
  });

  it('names every variable whose file cannot be read, in one WorkerConfigError', async function () {
    const config = temporalConfig({
      TEMPORAL_TLS_CERT_PATH: path.join(folder, 'missing.pem'),
      TEMPORAL_TLS_KEY_PATH: path.join(folder, 'client.key'),
      TEMPORAL_TLS_CA_PATH: folder,
    });
    await assert.rejects(buildTemporalTransportOptions(config), (err: unknown) => {
      assert.ok(err instanceof WorkerConfigError);
      assert.deepEqual(err.problems, [
        `TEMPORAL_TLS_CERT_PATH names a file that cannot be read: ${JSON.stringify(path.join(folder, 'missing.pem'))} (ENOENT)`,
        `TEMPORAL_TLS_CA_PATH names a file that cannot be read: ${JSON.stringify(folder)} (EISDIR)`,
      ]);
      return true;
    });
  });
});
