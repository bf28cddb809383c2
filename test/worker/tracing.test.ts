import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { startDevServer, type RunningDevServer } from '../../src/testing/dev-server';
import { tracingRequested } from '../../src/worker/tracing';
import type { createSpecWorkflow } from '../../src/workflows';
import { spawnWorker, type WorkerProcess } from '../support/worker-process';

interface OtlpSpan {
  name: string;
  traceId: string;
}
interface OtlpTraces {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
  }[];
}

/** A tiny OTLP/HTTP receiver on loopback: keeps every span POSTed to /v1/traces. */
async function startOtlpReceiver() {
  const spans: OtlpSpan[] = [];
  const services = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces' && req.headers['content-type']?.includes('json')) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpTraces;
        for (const resourceSpans of body.resourceSpans ?? []) {
          for (const attribute of resourceSpans.resource?.attributes ?? []) {
            if (attribute.key === 'service.name' && attribute.value.stringValue)
              services.add(attribute.value.stringValue);
          }
          for (const scope of resourceSpans.scopeSpans ?? []) spans.push(...(scope.spans ?? []));
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    services,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('worker: OpenTelemetry tracing', function () {
  it('is off by default and follows the standard OTEL_* variables', function () {
    assert.equal(tracingRequested({}), false);
    assert.equal(tracingRequested({ OTEL_SERVICE_NAME: 'x' }), false);
    assert.equal(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }), true);
    assert.equal(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' }), true);
    assert.equal(tracingRequested({ OTEL_TRACES_EXPORTER: 'otlp' }), true);
    assert.equal(
      tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' }),
      false,
    );
    assert.equal(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' }), false);
  });

  describe('a worker process with OTEL_EXPORTER_OTLP_ENDPOINT on a dev server', function () {
    const taskQueue = `tracing-${randomUUID()}`;
    let server: RunningDevServer;
    let simulator: RunningSimulator;
    let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
    let connection: Connection;
    let worker: WorkerProcess;

    before(async function () {
      [server, simulator, receiver] = await Promise.all([
        startDevServer(),
        startSimulator({ completion: { afterReads: 1 } }),
        startOtlpReceiver(),
      ]);
      connection = await Connection.connect({ address: server.address });
      worker = spawnWorker({
        TEMPORAL_ADDRESS: server.address,
        TEMPORAL_TASK_QUEUE: taskQueue,
        DATAFRAMER_API_KEY: simulator.apiKey,
        DATAFRAMER_BASE_URL: simulator.url,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_SERVICE_NAME: 'dataframer-tracing-test',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      });
      await worker.ready();
    });

    after(async function () {
      worker?.kill();
      await connection?.close();
      await Promise.all([simulator?.close(), server?.stop(), receiver?.close()]);
    });

    it('exports workflow and activity spans of one trace to the collector', async function () {
      const client = new Client({ connection });
      const result = await client.workflow.execute<typeof createSpecWorkflow>('createSpecWorkflow', {
        taskQueue,
        workflowId: `tracing-${randomUUID()}`,
        args: [{ request: { name: `tracing-${randomUUID()}`, generation_objectives: 'Short product reviews' } }],
        workflowExecutionTimeout: '30 seconds',
      });
      assert.equal(result.status, 'SUCCEEDED', worker.output());
      const wanted = ['RunWorkflow:createSpecWorkflow', 'RunActivity:createSpec', 'RunActivity:awaitSpecStatus'];
      const deadline = Date.now() + 10_000;
      while (!wanted.every((name) => receiver.spans.some((span) => span.name === name)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const names = new Set(receiver.spans.map((span) => span.name));
      for (const name of wanted) assert.ok(names.has(name), `no ${name} span in ${[...names].join(', ')}`);
      const traceOf = (name: string) => receiver.spans.find((span) => span.name === name)?.traceId;
      assert.equal(traceOf('RunActivity:createSpec'), traceOf('RunWorkflow:createSpecWorkflow'), 'one trace');
      assert.deepEqual([...receiver.services], ['dataframer-tracing-test']);
    });
  });
});
