import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'node:net';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { startCreateSpecsBatch } from '../../src/client/start-create-specs-batch';
import { MIN_RETRY_DELAY_MS } from '../../src/common/activity-policies';
import { DATAFRAMER_METRICS } from '../../src/common/metric-names';
import { DataFramerClient } from '../../src/dataframer';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { startDevServer, type RunningDevServer } from '../../src/testing/dev-server';
import type { createSpecWorkflow } from '../../src/workflows';
import { scrape, sumOf, type PrometheusSample } from '../support/prometheus-text';
import { spawnWorker, type WorkerProcess } from '../support/worker-process';

const DATABRICKS_SECRET = `dbx-secret-${randomUUID()}`;
const FAST_POLL = { initialInterval: '100 ms', maximumInterval: '200 ms' };
const SUCCEEDING_SPECS = 4;
const INJECTED_READ_500S = 3;
const RETRY_AFTER_MS = 300;

const DASHBOARD_PATH = path.resolve(__dirname, '..', '..', 'dashboards', 'dataframer-temporal.json');
// A metric name, optionally followed by its label matchers: `name{a=~"x", b="y"}`.
const SELECTOR = /\b((?:dataframer|temporal)_[a-z0-9_]+)(?:\{([^}]*)\})?/g;

interface GrafanaDashboard {
  panels: { title: string; targets: { expr: string }[] }[];
  templating: { list: { name: string; definition?: string }[] };
}

async function freeLoopbackAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `127.0.0.1:${port}`;
}

/** Every form of a secret that must not reach a log line. */
function secretForms(secret: string): string[] {
  const base64 = Buffer.from(secret).toString('base64');
  return [secret, encodeURIComponent(secret), base64, base64.replace(/=+$/, '')];
}

describe('worker: Prometheus metrics and JSON logs of a real run', function () {
  const taskQueue = `metrics-${randomUUID()}`;
  let server: RunningDevServer;
  let simulator: RunningSimulator;
  let connection: Connection;
  let worker: WorkerProcess;
  let metricsAddress: string;
  let samples: PrometheusSample[];
  let scrapeText: string;
  const outcomes: string[] = [];

  before(async function () {
    [server, simulator, metricsAddress] = await Promise.all([
      startDevServer(),
      startSimulator({ completion: { afterReads: 2 } }),
      freeLoopbackAddress(),
    ]);
    connection = await Connection.connect({ address: server.address });
    worker = spawnWorker({
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATAFRAMER_API_KEY: simulator.apiKey,
      DATAFRAMER_BASE_URL: simulator.url,
      DATAFRAMER_DATABRICKS_CLIENT_SECRET: DATABRICKS_SECRET,
      DATAFRAMER_METRICS_BIND_ADDRESS: metricsAddress,
    });
    await worker.ready();
  });

  after(async function () {
    worker?.kill();
    await connection?.close();
    await Promise.all([simulator?.close(), server?.stop()]);
  });

  it('runs specs with injected faults: 4 succeed (one adopted after an ambiguous create), one name conflict fails', async function () {
    const client = new Client({ connection });
    const run = async (name: string) => {
      try {
        await client.workflow.execute<typeof createSpecWorkflow>('createSpecWorkflow', {
          taskQueue,
          workflowId: `metrics-${randomUUID()}`,
          args: [{ request: { name, generation_objectives: 'Short product reviews' }, poll: FAST_POLL }],
          workflowExecutionTimeout: '30 seconds',
        });
        outcomes.push('SUCCEEDED');
      } catch (err) {
        assert.ok(err instanceof WorkflowFailedError, String(err));
        outcomes.push((err.cause as { type?: string } | undefined)?.type ?? 'unknown');
      }
    };
    // One spec at a time, so each one-shot fault hits a known request.
    simulator.control.injectOnce('ambiguousCreate', { endpoint: 'create', mode: '500' });
    await run(`metrics-adopted-${randomUUID()}`);
    for (let i = 0; i < INJECTED_READ_500S; i += 1) simulator.control.injectOnce('http500', { endpoint: 'get' });
    simulator.control.injectOnce('rateLimit', { endpoint: 'get', retryAfter: { ms: RETRY_AFTER_MS } });
    for (let i = 1; i < SUCCEEDING_SPECS; i += 1) await run(`metrics-${i}-${randomUUID()}`);
    const taken = `metrics-taken-${randomUUID()}`;
    const direct = new DataFramerClient({ baseUrl: simulator.url, apiKey: simulator.apiKey });
    await direct.createSpec({ name: taken, generation_objectives: 'Made outside the workflow' });
    await direct.close();
    await run(taken);
    assert.deepEqual(outcomes.sort(), ['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SpecNameConflictError']);
  });

  it('serves the counters the run implies at /metrics', async function () {
    // Workflow metrics leave through a sink after the workflow task completes: give the exporter a moment.
    const deadline = Date.now() + 5_000;
    do {
      ({ text: scrapeText, samples } = await scrape(metricsAddress));
      if (sumOf(samples, `${DATAFRAMER_METRICS.specOutcomes}_total`) >= outcomes.length) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } while (Date.now() < deadline);
    const counters = simulator.counters();
    const total = (name: string, labels: Record<string, string> = {}) => sumOf(samples, `${name}_total`, labels);
    assert.equal(total(DATAFRAMER_METRICS.specsCreated), SUCCEEDING_SPECS - 1, scrapeText);
    assert.equal(total(DATAFRAMER_METRICS.specsAdopted), 1);
    assert.equal(total(DATAFRAMER_METRICS.statusReads), counters.requests.get, 'one count per GET the API received');
    assert.equal(counters.faults.http500, INJECTED_READ_500S);
    // The ambiguous create's 500 is one more InternalServerError.
    assert.equal(total(DATAFRAMER_METRICS.transientErrors, { error_class: 'InternalServerError' }), 4);
    assert.equal(total(DATAFRAMER_METRICS.transientErrors, { error_class: 'RateLimitError' }), 1);
    assert.equal(total(DATAFRAMER_METRICS.rateLimited), 1);
    assert.equal(sumOf(samples, `${DATAFRAMER_METRICS.rateLimitDelay}_count`), 1);
    // The delay honoured: what the 429 asked for, raised to the floor every retry delay has.
    assert.equal(
      sumOf(samples, `${DATAFRAMER_METRICS.rateLimitDelay}_sum`),
      Math.max(RETRY_AFTER_MS, MIN_RETRY_DELAY_MS) / 1000,
    );
    assert.equal(total(DATAFRAMER_METRICS.specOutcomes, { outcome: 'SUCCEEDED' }), SUCCEEDING_SPECS);
    assert.equal(total(DATAFRAMER_METRICS.specOutcomes, { outcome: 'SpecNameConflictError' }), 1);
    assert.equal(sumOf(samples, `${DATAFRAMER_METRICS.createToTerminal}_count`), SUCCEEDING_SPECS);
    assert.ok(
      samples.some((sample) => sample.name.startsWith('temporal_')),
      "the SDK's own metrics are served too",
    );
    if (process.env.METRICS_SCRAPE_OUT) writeFileSync(process.env.METRICS_SCRAPE_OUT, scrapeText);
  });

  it('sets the batch gauge to the children a batch runs, and to 0 once it ends', async function () {
    const client = new Client({ connection });
    const requests = [1, 2, 3].map((i) => ({
      name: `metrics-batch-${i}-${randomUUID()}`,
      generation_objectives: 'Short product reviews',
    }));
    const handle = await startCreateSpecsBatch(client, { requests, concurrency: 3, poll: FAST_POLL }, { taskQueue });
    const gauge = async () => sumOf((await scrape(metricsAddress)).samples, DATAFRAMER_METRICS.batchRunningChildren);
    let peak = 0;
    const result = handle.result();
    let ended = false;
    void result.finally(() => (ended = true));
    while (!ended) {
      peak = Math.max(peak, await gauge());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal((await result).succeeded, 3);
    assert.ok(peak >= 1 && peak <= 3, `peak ${peak}`);
    ({ text: scrapeText, samples } = await scrape(metricsAddress));
    assert.equal(sumOf(samples, DATAFRAMER_METRICS.batchRunningChildren), 0);
  });

  it("the Grafana dashboard's queries name only metrics and labels the scrape has", function () {
    const dashboard = JSON.parse(readFileSync(DASHBOARD_PATH, 'utf8')) as GrafanaDashboard;
    const queries = [
      ...dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)),
      ...dashboard.templating.list.flatMap((variable) =>
        variable.definition === undefined ? [] : [variable.definition],
      ),
    ];
    const selectors = queries.flatMap((query) => [...query.matchAll(SELECTOR)]);
    assert.ok(selectors.length >= 15, `only ${selectors.length} selectors`);
    const problems: string[] = [];
    for (const [, name, matchers] of selectors) {
      const scraped = samples.filter((sample) => sample.name === name);
      if (scraped.length === 0) problems.push(`${name} is not in the scrape`);
      for (const [, label] of (matchers ?? '').matchAll(/([a-zA-Z_]+)\s*=~?/g)) {
        if (!scraped.some((sample) => label! in sample.labels)) problems.push(`${name} has no label ${label}`);
      }
    }
    assert.deepEqual(problems, []);
    const used = new Set(selectors.map(([, name]) => name!.replace(/_(bucket|sum|count|total)$/, '')));
    // Rejected-key reads need a rotated key to appear (test/workflows/operator-fixable.test.ts counts them).
    for (const metric of Object.values(DATAFRAMER_METRICS)) {
      if (metric !== DATAFRAMER_METRICS.rejectedKeyReads) assert.ok(used.has(metric), `no panel shows ${metric}`);
    }
  });

  it('puts no spec name, spec id or secret in any label', function () {
    // The task queue is the operator's choice (and this test's, hence its UUID): every other label is ours or the SDK's.
    const values = samples.flatMap((sample) =>
      Object.entries(sample.labels).flatMap(([key, value]) =>
        key === 'taskQueue' || key === 'task_queue' ? [] : [`${key}=${value}`],
      ),
    );
    const bad = values.filter((value) => /metrics-|[0-9a-f]{8}-[0-9a-f]{4}-/.test(value));
    assert.deepEqual([...new Set(bad)], []);
    assert.ok(samples.some((sample) => sample.labels.taskQueue === taskQueue));
    for (const secret of [simulator.apiKey, DATABRICKS_SECRET]) assert.ok(!scrapeText.includes(secret));
  });

  it('logs one JSON object a line, with workflow id, spec id and attempt, and never a secret', function () {
    const lines = worker
      .stdout()
      .split('\n')
      // The entrypoint's own two start-up lines (console, as in every entrypoint) are text; the rest is the logger's.
      .filter(
        (line) => line !== '' && !line.startsWith('dataframer-temporal worker') && !/^Temporal server \S+$/.test(line),
      );
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.ok(entries.length > 0, worker.output());
    for (const entry of entries) assert.ok(typeof entry.level === 'string' && typeof entry.message === 'string');
    assert.ok(entries.some((entry) => entry.message === 'Spec created' && entry.workflowId && entry.specId));
    assert.ok(entries.some((entry) => typeof entry.attempt === 'number' && entry.workflowId));
    const output = `${worker.stdout()}${worker.stderr()}`;
    for (const form of [...secretForms(simulator.apiKey), ...secretForms(DATABRICKS_SECRET)]) {
      assert.ok(!output.includes(form), `a secret (${form.length} characters) in the logs`);
    }
  });
});
