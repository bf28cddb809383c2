import { Context } from '@temporalio/activity';

/** Heartbeat period when the activity has no heartbeat timeout (the SDK throttles what reaches the server). */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 5_000;

/** How often to heartbeat: three times per heartbeat timeout, so one late beat never times the activity out. */
export function heartbeatIntervalMs(heartbeatTimeoutMs: number | undefined): number {
  if (heartbeatTimeoutMs === undefined || !(heartbeatTimeoutMs > 0)) return DEFAULT_HEARTBEAT_INTERVAL_MS;
  return Math.max(10, Math.min(DEFAULT_HEARTBEAT_INTERVAL_MS, Math.floor(heartbeatTimeoutMs / 3)));
}

/**
 * Runs `work` while heartbeating: once at once, then on an interval until it settles. A worker only
 * learns of a cancellation through a heartbeat, and an activity with a heartbeat timeout that waits
 * on a slow answer without beating would be timed out; local activities cannot heartbeat. Each beat
 * carries `details()`, which the next attempt reads (the SDK sends the first beat at once and flushes
 * the last one when the attempt fails).
 */
export async function whileHeartbeating<T>(work: () => Promise<T>, details?: () => unknown): Promise<T> {
  const context = Context.current();
  if (context.info.isLocal) return work();
  const beat = () => context.heartbeat(details?.());
  beat();
  const timer = setInterval(beat, heartbeatIntervalMs(context.info.heartbeatTimeoutMs));
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
