import { Context } from '@temporalio/activity';

/** Heartbeat period when the activity has no heartbeat timeout (the SDK throttles what reaches the server). */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 5_000;

/** How often to heartbeat: three times per heartbeat timeout, so one late beat never times the activity out. */
export function heartbeatIntervalMs(heartbeatTimeoutMs: number | undefined): number {
  if (heartbeatTimeoutMs === undefined || !(heartbeatTimeoutMs > 0)) return DEFAULT_HEARTBEAT_INTERVAL_MS;
  return Math.max(10, Math.min(DEFAULT_HEARTBEAT_INTERVAL_MS, Math.floor(heartbeatTimeoutMs / 3)));
}

/**
 * Runs `work`, heartbeating only while it is slow: the first beat after one interval (5 s at our 30 s
 * heartbeat timeouts), then on every interval until it settles. A heartbeat is a billable action on
 * Temporal Cloud and buys nothing for a call that answers sooner (nearly every status read): the
 * heartbeat timeout already counts from the attempt's start, so a worker killed mid-call is noticed
 * just as fast, and a cancellation, which reaches a worker only in a heartbeat's answer, matters only
 * to a call still in flight. Local activities cannot heartbeat.
 *
 * With `details`, every beat carries `details()` for the next attempt to read.
 */
export async function whileHeartbeating<T>(work: () => Promise<T>, details?: () => unknown): Promise<T> {
  const context = Context.current();
  if (context.info.isLocal) return work();
  const timer = setInterval(() => context.heartbeat(details?.()), heartbeatIntervalMs(context.info.heartbeatTimeoutMs));
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
