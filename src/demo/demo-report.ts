// What the demo prints once the specs are done: one block per spec, then one summary line.
import { ApplicationFailure, CancelledFailure, TerminatedFailure, TimeoutFailure } from '@temporalio/common';
import { WorkflowFailedError } from '@temporalio/client';
import type { FaultKind } from '../simulator';
import type { CreateSpecWorkflowResult } from '../workflows';

/** How one spec ended. */
export interface SpecOutcome {
  name: string;
  workflowId: string;
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  specId?: string;
  reads: number;
  elapsedMs: number;
  /** The workflow's result, when SUCCEEDED. */
  result?: CreateSpecWorkflowResult;
  /** Failure type and message, when FAILED or CANCELLED. */
  failure?: { type: string; message: string };
}

/** The demo's totals; `faults` only when the simulator was embedded. */
export interface DemoSummary {
  outcomes: SpecOutcome[];
  elapsedMs: number;
  statusReads: number;
  /** Failed activity attempts the display saw Temporal retry. */
  retriesSeen: number;
  /** Faults the embedded simulator injected, per kind (only kinds that happened). */
  faults?: Partial<Record<FaultKind, number>>;
  /** True when SIGINT or SIGTERM stopped the demo before every spec was done. */
  interrupted: boolean;
}

/** YAML lines shown per spec. */
const YAML_PREVIEW_LINES = 5;

/** The type and message of a workflow's failure, as its result promise rejected. */
export function describeFailure(err: unknown): { status: 'FAILED' | 'CANCELLED'; type: string; message: string } {
  const cause = err instanceof WorkflowFailedError ? err.cause : err;
  if (cause instanceof CancelledFailure) return { status: 'CANCELLED', type: 'Cancelled', message: cause.message };
  if (cause instanceof TerminatedFailure) return { status: 'CANCELLED', type: 'Terminated', message: cause.message };
  if (cause instanceof ApplicationFailure)
    return { status: 'FAILED', type: cause.type ?? 'Error', message: cause.message };
  if (cause instanceof TimeoutFailure) return { status: 'FAILED', type: 'Timeout', message: cause.message };
  const error = cause instanceof Error ? cause : new Error(String(cause));
  return { status: 'FAILED', type: error.name, message: error.message };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function contentLines(result: CreateSpecWorkflowResult): string[] {
  const { spec } = result;
  if (typeof spec.content_yaml === 'string') {
    const lines = spec.content_yaml.trimEnd().split('\n');
    const more = lines.length - YAML_PREVIEW_LINES;
    return [...lines.slice(0, YAML_PREVIEW_LINES), ...(more > 0 ? [`... (${more} more lines)`] : [])];
  }
  const location = typeof spec.content_location === 'string' ? spec.content_location : 'an unknown location';
  const reason = typeof spec.content_unavailable_reason === 'string' ? spec.content_unavailable_reason : 'no reason';
  return [`(YAML kept in your data plane: ${location}; ${reason})`];
}

/** The block printed for one spec: a header line, then indented YAML lines or the failure. */
export function formatOutcome(outcome: SpecOutcome): string {
  const header = [
    outcome.name,
    outcome.status,
    `spec ${outcome.specId ?? '-'}`,
    `${outcome.reads} reads`,
    seconds(outcome.elapsedMs),
  ].join('  ');
  const body =
    outcome.result !== undefined
      ? contentLines(outcome.result)
      : [`${outcome.failure?.type ?? 'Error'}: ${outcome.failure?.message ?? 'no message'}`];
  return [header, ...body.map((line) => `    ${line}`)].join('\n');
}

function faultsText(summary: DemoSummary): string {
  if (summary.faults === undefined) return `${summary.retriesSeen} retried failures seen`;
  const entries = Object.entries(summary.faults).filter(([, count]) => (count ?? 0) > 0);
  const total = entries.reduce((sum, [, count]) => sum + (count ?? 0), 0);
  const kinds = entries.map(([kind, count]) => `${kind} ${count}`).join(', ');
  return `${total} injected fault${total === 1 ? '' : 's'} retried${kinds === '' ? '' : ` (${kinds})`}`;
}

/** The summary line, e.g. `5 specs: 5 succeeded, 0 failed in 9.8 s; 37 status reads; 3 injected faults retried (...)`. */
export function formatSummary(summary: DemoSummary): string {
  const count = (status: SpecOutcome['status']) => summary.outcomes.filter((o) => o.status === status).length;
  const cancelled = count('CANCELLED');
  const totals = [`${count('SUCCEEDED')} succeeded`, `${count('FAILED')} failed`];
  if (cancelled > 0 || summary.interrupted) totals.push(`${cancelled} cancelled`);
  const specs = `${summary.outcomes.length} spec${summary.outcomes.length === 1 ? '' : 's'}`;
  return [
    `${specs}: ${totals.join(', ')} in ${seconds(summary.elapsedMs)}`,
    `${summary.statusReads} status reads`,
    faultsText(summary),
  ].join('; ');
}
