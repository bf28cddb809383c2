import assert from 'node:assert/strict';
import { DEFAULT_TASK_QUEUE } from '../../src/common/constants';
import { DEFAULT_DATAFRAMER_BASE_URL } from '../../src/dataframer';
import {
  configSecrets,
  loadWorkerConfig,
  WORKER_ENVIRONMENT_VARIABLES,
  WorkerConfigError,
  type WorkerConfig,
} from '../../src/worker/worker-config';

const MINIMAL = { DATAFRAMER_API_KEY: 'sk-test' };

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadWorkerConfig(env);
  } catch (err) {
    assert.ok(err instanceof WorkerConfigError, `expected a WorkerConfigError, got ${String(err)}`);
    assert.equal(err.name, 'WorkerConfigError');
    return err.problems;
  }
  assert.fail('expected loadWorkerConfig to throw');
}

function messageOf(env: NodeJS.ProcessEnv): string {
  try {
    loadWorkerConfig(env);
  } catch (err) {
    return (err as Error).message;
  }
  assert.fail('expected loadWorkerConfig to throw');
}

describe('worker: loadWorkerConfig', function () {
  it('fills every documented default from the DataFramer API key alone', function () {
    const expected: WorkerConfig = {
      temporal: { address: '127.0.0.1:7233', namespace: 'default', apiKey: undefined, tls: false },
      taskQueue: DEFAULT_TASK_QUEUE,
      dataframer: { apiKey: 'sk-test', baseUrl: DEFAULT_DATAFRAMER_BASE_URL },
      databricksSecrets: {},
      maxConcurrentActivityTaskExecutions: 100,
      maxConcurrentWorkflowTaskExecutions: undefined,
      maxCachedWorkflows: 100,
      maxTaskQueueActivitiesPerSecond: undefined,
      shutdownGraceTime: '30 seconds',
      versioning: undefined,
      metricsBindAddress: undefined,
    };
    assert.deepEqual(loadWorkerConfig(MINIMAL), expected);
    assert.equal(DEFAULT_TASK_QUEUE, 'dataframer-specs');
  });

  it('treats empty and blank values as unset', function () {
    const config = loadWorkerConfig({ ...MINIMAL, TEMPORAL_ADDRESS: '', TEMPORAL_NAMESPACE: '  ', TEMPORAL_TLS: '' });
    assert.equal(config.temporal.address, '127.0.0.1:7233');
    assert.equal(config.temporal.namespace, 'default');
    assert.equal(config.temporal.tls, false);
    assert.deepEqual(problemsOf({ DATAFRAMER_API_KEY: '   ' }), [
      'DATAFRAMER_API_KEY is required (the DataFramer API key)',
    ]);
  });

  it('reads every setting when given', function () {
    const config = loadWorkerConfig({
      TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
      TEMPORAL_NAMESPACE: 'ns.acct',
      TEMPORAL_TASK_QUEUE: 'specs-eu',
      DATAFRAMER_API_KEY: 'sk-live',
      DATAFRAMER_BASE_URL: 'http://127.0.0.1:8080/prefix',
      DATAFRAMER_DATABRICKS_CLIENT_SECRET: 'dbx-default',
      DATAFRAMER_DATABRICKS_CLIENT_SECRETS: '{"client-a":"dbx-a","client-b":"dbx-b"}',
      DATAFRAMER_MAX_CONCURRENT_ACTIVITIES: '250',
      DATAFRAMER_MAX_CONCURRENT_WORKFLOW_TASKS: '20',
      DATAFRAMER_MAX_CACHED_WORKFLOWS: '0',
      DATAFRAMER_API_REQUESTS_PER_SECOND: '2.5',
      DATAFRAMER_SHUTDOWN_GRACE_TIME: '2 minutes',
    });
    assert.equal(config.temporal.address, 'ns.acct.tmprl.cloud:7233');
    assert.equal(config.temporal.namespace, 'ns.acct');
    assert.equal(config.taskQueue, 'specs-eu');
    assert.deepEqual(config.dataframer, { apiKey: 'sk-live', baseUrl: 'http://127.0.0.1:8080/prefix' });
    assert.deepEqual(config.databricksSecrets, {
      defaultSecret: 'dbx-default',
      byClientId: { 'client-a': 'dbx-a', 'client-b': 'dbx-b' },
    });
    assert.equal(config.maxConcurrentActivityTaskExecutions, 250);
    assert.equal(config.maxConcurrentWorkflowTaskExecutions, 20);
    assert.equal(config.maxCachedWorkflows, 0);
    assert.equal(config.maxTaskQueueActivitiesPerSecond, 2.5);
    assert.equal(config.shutdownGraceTime, '2 minutes');
  });

  it('reads the metrics bind address as host:port and lists every secret for the logger', function () {
    const env = { ...MINIMAL, DATAFRAMER_METRICS_BIND_ADDRESS: '0.0.0.0:9464', TEMPORAL_API_KEY: 'tmprl-key' };
    assert.equal(loadWorkerConfig(env).metricsBindAddress, '0.0.0.0:9464');
    assert.deepEqual(problemsOf({ ...MINIMAL, DATAFRAMER_METRICS_BIND_ADDRESS: '9464' }), [
      'DATAFRAMER_METRICS_BIND_ADDRESS must be host:port (for example 127.0.0.1:7233), got "9464"',
    ]);
    const secrets = configSecrets(
      loadWorkerConfig({ ...env, DATAFRAMER_DATABRICKS_CLIENT_SECRETS: '{"client-a":"dbx-a"}' }),
    );
    assert.deepEqual(secrets, [MINIMAL.DATAFRAMER_API_KEY, 'tmprl-key', 'dbx-a']);
  });

  it('turns Worker Versioning on with a deployment name and build id, pinned unless told otherwise', function () {
    const versioned = { ...MINIMAL, TEMPORAL_DEPLOYMENT_NAME: 'dataframer-specs', TEMPORAL_WORKER_BUILD_ID: '0.2.0' };
    assert.deepEqual(loadWorkerConfig(versioned).versioning, { deploymentName: 'dataframer-specs', buildId: '0.2.0' });
    assert.deepEqual(loadWorkerConfig({ ...versioned, TEMPORAL_VERSIONING_BEHAVIOR: 'AUTO_UPGRADE' }).versioning, {
      deploymentName: 'dataframer-specs',
      buildId: '0.2.0',
      defaultVersioningBehavior: 'AUTO_UPGRADE',
    });
    assert.deepEqual(problemsOf({ ...MINIMAL, TEMPORAL_WORKER_BUILD_ID: '0.2.0' }), [
      'TEMPORAL_DEPLOYMENT_NAME and TEMPORAL_WORKER_BUILD_ID must be set together for Worker Versioning: TEMPORAL_DEPLOYMENT_NAME is missing',
    ]);
    assert.deepEqual(problemsOf({ ...versioned, TEMPORAL_VERSIONING_BEHAVIOR: 'pinned' }), [
      'TEMPORAL_VERSIONING_BEHAVIOR must be PINNED or AUTO_UPGRADE, got "pinned"',
    ]);
    assert.deepEqual(problemsOf({ ...MINIMAL, TEMPORAL_VERSIONING_BEHAVIOR: 'PINNED' }), [
      'TEMPORAL_VERSIONING_BEHAVIOR needs TEMPORAL_DEPLOYMENT_NAME and TEMPORAL_WORKER_BUILD_ID',
    ]);
  });

  it('reports one line per bad value, naming the variable and quoting non-secret values', function () {
    const cases: [Record<string, string>, string][] = [
      [
        { TEMPORAL_ADDRESS: 'http://localhost:7233' },
        'TEMPORAL_ADDRESS must be host:port (for example 127.0.0.1:7233), got "http://localhost:7233"',
      ],
      [
        { TEMPORAL_ADDRESS: 'localhost' },
        'TEMPORAL_ADDRESS must be host:port (for example 127.0.0.1:7233), got "localhost"',
      ],
      [
        { TEMPORAL_ADDRESS: 'localhost:70000' },
        'TEMPORAL_ADDRESS must be host:port (for example 127.0.0.1:7233), got "localhost:70000"',
      ],
      [{ TEMPORAL_TLS: 'yes' }, 'TEMPORAL_TLS must be true or false, got "yes"'],
      [
        { DATAFRAMER_BASE_URL: 'df-api.dataframer.ai' },
        'DATAFRAMER_BASE_URL must be an http or https URL, got "df-api.dataframer.ai"',
      ],
      [
        { DATAFRAMER_BASE_URL: 'ftp://example.com' },
        'DATAFRAMER_BASE_URL must be an http or https URL, got "ftp://example.com"',
      ],
      [
        { DATAFRAMER_BASE_URL: 'https://x.test/?a=1' },
        'DATAFRAMER_BASE_URL must not have a query or fragment, got "https://x.test/?a=1"',
      ],
      [
        { DATAFRAMER_MAX_CONCURRENT_ACTIVITIES: 'abc' },
        'DATAFRAMER_MAX_CONCURRENT_ACTIVITIES must be a positive integer, got "abc"',
      ],
      [
        { DATAFRAMER_MAX_CONCURRENT_ACTIVITIES: '0' },
        'DATAFRAMER_MAX_CONCURRENT_ACTIVITIES must be a positive integer, got "0"',
      ],
      [
        { DATAFRAMER_MAX_CONCURRENT_ACTIVITIES: '1.5' },
        'DATAFRAMER_MAX_CONCURRENT_ACTIVITIES must be a positive integer, got "1.5"',
      ],
      [
        { DATAFRAMER_MAX_CONCURRENT_WORKFLOW_TASKS: '-3' },
        'DATAFRAMER_MAX_CONCURRENT_WORKFLOW_TASKS must be a positive integer, got "-3"',
      ],
      [
        { DATAFRAMER_MAX_CACHED_WORKFLOWS: '-1' },
        'DATAFRAMER_MAX_CACHED_WORKFLOWS must be a whole number (0 or more), got "-1"',
      ],
      [
        { DATAFRAMER_API_REQUESTS_PER_SECOND: '0' },
        'DATAFRAMER_API_REQUESTS_PER_SECOND must be a positive number, got "0"',
      ],
      [
        { DATAFRAMER_API_REQUESTS_PER_SECOND: 'Infinity' },
        'DATAFRAMER_API_REQUESTS_PER_SECOND must be a positive number, got "Infinity"',
      ],
      [
        { DATAFRAMER_SHUTDOWN_GRACE_TIME: 'soon' },
        'DATAFRAMER_SHUTDOWN_GRACE_TIME must be a duration such as "30 seconds" or "2 minutes", got "soon"',
      ],
      [
        { DATAFRAMER_DATABRICKS_CLIENT_SECRETS: '["dbx"]' },
        'DATAFRAMER_DATABRICKS_CLIENT_SECRETS must be a JSON object of client id to secret, got an array',
      ],
      [
        { DATAFRAMER_DATABRICKS_CLIENT_SECRETS: '{"client-a":42}' },
        'DATAFRAMER_DATABRICKS_CLIENT_SECRETS: the secret of client id "client-a" must be a non-empty string',
      ],
      [
        { DATAFRAMER_API_KEY: 'sk two' },
        'DATAFRAMER_API_KEY must not contain whitespace or control characters (value not shown)',
      ],
      [
        { TEMPORAL_API_KEY: 'tk\u0007' },
        'TEMPORAL_API_KEY must not contain whitespace or control characters (value not shown)',
      ],
    ];
    for (const [env, line] of cases) {
      assert.deepEqual(problemsOf({ ...MINIMAL, ...env }), [line], JSON.stringify(env));
    }
  });

  it('reports every problem at once, one line each, after a header line', function () {
    const env = {
      TEMPORAL_ADDRESS: 'nope',
      TEMPORAL_TLS_KEY_PATH: '/etc/key.pem',
      DATAFRAMER_BASE_URL: 'nope',
      DATAFRAMER_MAX_CONCURRENT_ACTIVITIES: 'abc',
      DATAFRAMER_SHUTDOWN_GRACE_TIME: 'later',
    };
    const problems = problemsOf(env);
    assert.equal(problems.length, 6, problems.join('\n'));
    for (const name of [...Object.keys(env), 'DATAFRAMER_API_KEY']) {
      assert.ok(
        problems.some((problem) => problem.includes(name)),
        name,
      );
    }
    const lines = messageOf(env).split('\n');
    assert.equal(lines[0], 'Invalid worker configuration:');
    assert.deepEqual(
      lines.slice(1),
      problems.map((problem) => `  - ${problem}`),
    );
  });

  it('never puts a secret value in the message', function () {
    const message = messageOf({
      DATAFRAMER_API_KEY: 'sk-SECRET',
      TEMPORAL_API_KEY: 'tk-SECRET with space',
      DATAFRAMER_DATABRICKS_CLIENT_SECRET: 'dbx-DEFAULT-SECRET',
      DATAFRAMER_DATABRICKS_CLIENT_SECRETS: '{"id":"dbx-SECRET"',
      DATAFRAMER_BASE_URL: 'https://user:pw-SECRET@df.test',
      DATAFRAMER_MAX_CONCURRENT_ACTIVITIES: 'abc',
    });
    assert.match(message, /DATAFRAMER_DATABRICKS_CLIENT_SECRETS .*not valid JSON/);
    assert.match(message, /DATAFRAMER_BASE_URL must not contain a user name or password/);
    assert.match(message, /DATAFRAMER_MAX_CONCURRENT_ACTIVITIES/);
    for (const secret of ['sk-SECRET', 'tk-SECRET', 'dbx-DEFAULT-SECRET', 'dbx-SECRET', 'pw-SECRET', '"id"']) {
      assert.ok(!message.includes(secret), `${secret} in ${message}`);
    }
  });

  describe('TLS', function () {
    it('turns TLS on for a Temporal Cloud API key, and lets TEMPORAL_TLS=false turn it off', function () {
      const cloud = loadWorkerConfig({ ...MINIMAL, TEMPORAL_API_KEY: 'tk-1' }).temporal;
      assert.deepEqual({ apiKey: cloud.apiKey, tls: cloud.tls }, { apiKey: 'tk-1', tls: {} });
      const plain = loadWorkerConfig({ ...MINIMAL, TEMPORAL_API_KEY: 'tk-1', TEMPORAL_TLS: 'false' }).temporal;
      assert.deepEqual({ apiKey: plain.apiKey, tls: plain.tls }, { apiKey: 'tk-1', tls: false });
    });

    it('turns TLS on without client certificates when TEMPORAL_TLS=true', function () {
      assert.deepEqual(loadWorkerConfig({ ...MINIMAL, TEMPORAL_TLS: 'TRUE' }).temporal.tls, {});
    });

    it('takes the mTLS pair, CA and server name together', function () {
      const { tls } = loadWorkerConfig({
        ...MINIMAL,
        TEMPORAL_TLS_CERT_PATH: '/certs/client.pem',
        TEMPORAL_TLS_KEY_PATH: '/certs/client.key',
        TEMPORAL_TLS_CA_PATH: '/certs/ca.pem',
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      }).temporal;
      assert.deepEqual(tls, {
        clientCertPath: '/certs/client.pem',
        clientKeyPath: '/certs/client.key',
        serverRootCaPath: '/certs/ca.pem',
        serverNameOverride: 'temporal.internal',
      });
    });

    it('wants both halves of the client certificate pair', function () {
      const missingKey = problemsOf({ ...MINIMAL, TEMPORAL_TLS_CERT_PATH: '/certs/client.pem' });
      assert.deepEqual(missingKey, [
        'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together for mTLS: TEMPORAL_TLS_KEY_PATH is missing',
      ]);
      const missingCert = problemsOf({ ...MINIMAL, TEMPORAL_TLS_KEY_PATH: '/certs/client.key' });
      assert.deepEqual(missingCert, [
        'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together for mTLS: TEMPORAL_TLS_CERT_PATH is missing',
      ]);
    });

    it('refuses TEMPORAL_TLS=false beside TLS settings', function () {
      assert.deepEqual(problemsOf({ ...MINIMAL, TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA_PATH: '/certs/ca.pem' }), [
        'TEMPORAL_TLS is false, which contradicts TEMPORAL_TLS_CA_PATH: unset one or the other',
      ]);
    });
  });

  describe('WORKER_ENVIRONMENT_VARIABLES', function () {
    function namesRead(env: NodeJS.ProcessEnv): Set<string> {
      const read = new Set<string>();
      const spy = new Proxy(env, {
        get(target, property, receiver) {
          if (typeof property === 'string') read.add(property);
          return Reflect.get(target, property, receiver) as unknown;
        },
      });
      try {
        loadWorkerConfig(spy);
      } catch {
        // Only the names read matter here.
      }
      return read;
    }

    it('lists every variable loadWorkerConfig reads, and nothing it does not read', function () {
      const table = WORKER_ENVIRONMENT_VARIABLES.map((variable) => variable.name);
      const read = new Set([...namesRead({}), ...namesRead({ ...MINIMAL, TEMPORAL_TLS_CERT_PATH: '/c' })]);
      assert.deepEqual([...read].sort(), [...table].sort());
      assert.equal(new Set(table).size, table.length, 'duplicate names in the table');
    });

    it('documents each row, and its defaults are the ones applied', function () {
      const config = loadWorkerConfig(MINIMAL);
      const applied: Record<string, string> = {
        TEMPORAL_ADDRESS: config.temporal.address,
        TEMPORAL_NAMESPACE: config.temporal.namespace,
        TEMPORAL_TASK_QUEUE: config.taskQueue,
        DATAFRAMER_BASE_URL: config.dataframer.baseUrl,
        DATAFRAMER_MAX_CONCURRENT_ACTIVITIES: String(config.maxConcurrentActivityTaskExecutions),
        DATAFRAMER_MAX_CACHED_WORKFLOWS: String(config.maxCachedWorkflows),
        DATAFRAMER_SHUTDOWN_GRACE_TIME: config.shutdownGraceTime,
      };
      for (const variable of WORKER_ENVIRONMENT_VARIABLES) {
        assert.ok(variable.meaning.length > 10, variable.name);
        assert.equal(variable.default, applied[variable.name] ?? null, variable.name);
        assert.equal(variable.required, variable.name === 'DATAFRAMER_API_KEY', variable.name);
      }
    });
  });
});
