import { Context } from '@temporalio/activity';
import { heartbeatIntervalMs } from './heartbeat';

/** Heartbeats that carry a record to the next attempt (`info.heartbeatDetails`). */
export interface DetailedHeartbeats<Details> {
  /** Replaces the record and heartbeats it (the SDK sends the first beat at once, later ones throttled). */
  beat(details: Details): void;
  /** The record last beaten. */
  readonly details: Details;
}

/**
 * Runs `work`, heartbeating the current record when `work` calls `beat` and, like
 * `whileHeartbeating`, on an interval only while it is slow (heartbeats are billable actions).
 * Every beat carries the whole record, so a throttled or lost beat never leaves the server with
 * less than the last one it got.
 */
export async function whileHeartbeatingDetails<Details, T>(
  initial: Details,
  work: (heartbeats: DetailedHeartbeats<Details>) => Promise<T>,
): Promise<T> {
  const context = Context.current();
  let current = initial;
  const heartbeats: DetailedHeartbeats<Details> = {
    beat(details) {
      current = details;
      if (!context.info.isLocal) context.heartbeat(details);
    },
    get details() {
      return current;
    },
  };
  if (context.info.isLocal) return work(heartbeats);
  const timer = setInterval(() => context.heartbeat(current), heartbeatIntervalMs(context.info.heartbeatTimeoutMs));
  try {
    return await work(heartbeats);
  } finally {
    clearInterval(timer);
  }
}
