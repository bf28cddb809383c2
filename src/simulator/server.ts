// Starts and stops one simulator: a real node:http server on a loopback port.
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createContext } from './context';
import { createControl, type SimulatorControl, type SpecObject } from './control';
import { type SimulatorCounters } from './counters';
import { resolveSimulatorOptions, type ResolvedSimulatorOptions, type SimulatorOptions } from './options';
import { toEvaluationObject, toRunObject } from './job-views';
import { createRequestListener } from './request-pipeline';
import { toSpecObject } from './spec-view';

/** A listening simulator. */
export interface RunningSimulator {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:54321`. */
  url: string;
  /** The bearer key it accepts. */
  apiKey: string;
  /** The options it runs with, defaults filled in. */
  options: ResolvedSimulatorOptions;
  /** A snapshot of the counters. */
  counters(): SimulatorCounters;
  /** Every stored spec, oldest first, as `GET /specs/{id}/` shows it (reading them here counts no reads). */
  specs(): SpecObject[];
  /** Every stored run, oldest first, as `GET /runs/{id}/` shows it (counting no reads). */
  runs(): Record<string, unknown>[];
  /** Every stored evaluation, oldest first, as `GET /evaluations/{id}/` shows it (counting no reads). */
  evaluations(): Record<string, unknown>[];
  /** In-process control; the same operations exist over HTTP under `/_simulator/`. */
  control: SimulatorControl;
  /** Stops listening, destroys every connection and cancels pending slow answers. Idempotent. */
  close(): Promise<void>;
}

/** Starts a simulator; resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const resolved = resolveSimulatorOptions(options);
  const abort = new AbortController();
  const ctx = createContext(resolved, abort.signal);
  const control = createControl(ctx);
  const server = createServer(createRequestListener(ctx, control));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    apiKey: resolved.apiKey,
    options: resolved,
    counters: () => ctx.counters.snapshot(),
    specs: () =>
      ctx.store.all().map((record) => toSpecObject(record, { dataPlane: resolved.dataPlane, includeVersions: false })),
    runs: () => ctx.runs.all().map(toRunObject),
    evaluations: () => ctx.evaluations.all().map((e) => toEvaluationObject(e, ctx.runs.peek(e.runId), resolved)),
    control,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        abort.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
