// Workflow interceptors for OpenTelemetry tracing, bundled only when the worker traces (see
// src/worker/tracing.ts); src/workflows/index.ts does not import this file.
import { propagation } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

// The workflow sandbox has its own OpenTelemetry globals: without a propagator here, the trace
// context written into activity headers is empty and every activity starts a trace of its own.
propagation.setGlobalPropagator(new W3CTraceContextPropagator());

export { interceptors } from '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors';
