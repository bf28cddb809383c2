import assert from 'node:assert/strict';
import { Runtime } from '@temporalio/worker';
import { DATAFRAMER_HISTOGRAM_BUCKETS } from '../../src/common/metric-names';
import {
  ensureWorkerRuntime,
  installWorkerRuntime,
  RuntimeAlreadyInstalledError,
  toRuntimeOptions,
} from '../../src/worker/worker-runtime';

describe('worker runtime: one per process, installed before any connection', function () {
  // test/support/mocha-setup.ts installed this process's options; the runtime shuts down when its last
  // connection and worker close, and Runtime.instance() makes it again with them, as an embedding process would.
  beforeEach(function () {
    Runtime.instance();
  });

  it('refuses to install a second runtime, and says to install before connecting', function () {
    assert.throws(() => installWorkerRuntime({}), RuntimeAlreadyInstalledError);
    assert.throws(
      () => ensureWorkerRuntime({ metricsBindAddress: '127.0.0.1:9464' }),
      (err: Error) => err instanceof RuntimeAlreadyInstalledError && /before any connection/.test(err.message),
    );
  });

  it('runs on the runtime already there when no metrics endpoint is asked for', function () {
    const existing = Runtime.instance();
    assert.equal(ensureWorkerRuntime({ secrets: ['s'] }), existing);
  });

  it('asks the runtime for Prometheus with _total counters, seconds and our buckets, only with a bind address', function () {
    assert.equal(toRuntimeOptions({}).telemetryOptions?.metrics, undefined);
    assert.deepEqual(toRuntimeOptions({ metricsBindAddress: '0.0.0.0:9464' }).telemetryOptions?.metrics, {
      prometheus: {
        bindAddress: '0.0.0.0:9464',
        countersTotalSuffix: true,
        useSecondsForDurations: true,
        histogramBucketOverrides: DATAFRAMER_HISTOGRAM_BUCKETS,
      },
    });
  });
});
