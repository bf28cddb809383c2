import { context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkerOptions } from '@temporalio/worker';

/** `service.name` of the spans when `OTEL_SERVICE_NAME` is unset. */
export const DEFAULT_TRACING_SERVICE_NAME = 'dataframer-temporal-worker';

/** The workflow-side interceptors, bundled with the workflows when tracing is on. */
export const OTEL_WORKFLOW_INTERCEPTORS_MODULE =
  require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/** What a worker needs to trace: interceptors, the workflow span sink, and a flush for shutdown. */
export interface WorkerTracing {
  interceptors: NonNullable<WorkerOptions['interceptors']>;
  sinks: NonNullable<WorkerOptions['sinks']>;
  /** Exports the spans still buffered; call once the worker has stopped. */
  shutdown(): Promise<void>;
}

const OTLP_ENDPOINT_VARIABLES = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] as const;

/**
 * Tracing is off unless the standard OpenTelemetry variables ask for it: an OTLP endpoint
 * (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) or `OTEL_TRACES_EXPORTER=otlp`;
 * `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none` turn it off whatever else is set.
 */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim().toLowerCase());
  if (exporters.includes('none')) return false;
  return exporters.includes('otlp') || OTLP_ENDPOINT_VARIABLES.some((name) => (env[name]?.trim() ?? '') !== '');
}

/**
 * Spans over OTLP/HTTP (JSON bodies; endpoint, headers and timeout from the standard `OTEL_EXPORTER_OTLP_*`
 * variables, batching from `OTEL_BSP_*`) for every workflow run and activity attempt, with the trace
 * carried from the client that started the workflow through its activities.
 */
export function createWorkerTracing(env: NodeJS.ProcessEnv = process.env): WorkerTracing {
  const resource = new Resource({ 'service.name': env.OTEL_SERVICE_NAME?.trim() || DEFAULT_TRACING_SERVICE_NAME });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  const tracer = provider.getTracer('dataframer-temporal');
  // The activity interceptor reads the workflow's trace context from the activity's headers through
  // the global propagator, a no-op until one is set: W3C trace context, what the workflow side writes.
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  // ...and makes the extracted context the activity span's parent through the global context manager
  // (without one, `context.with` is a no-op and every activity attempt starts a trace of its own).
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  return {
    interceptors: {
      workflowModules: [OTEL_WORKFLOW_INTERCEPTORS_MODULE],
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer }),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    sinks: { exporter: makeWorkflowExporter(spanProcessor, resource) },
    shutdown: () => provider.shutdown(),
  };
}

/** {@link createWorkerTracing} when the environment asks for tracing, else undefined (the default). */
export function tracingFromEnvironment(env: NodeJS.ProcessEnv = process.env): WorkerTracing | undefined {
  return tracingRequested(env) ? createWorkerTracing(env) : undefined;
}
