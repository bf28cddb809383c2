import { Context } from '@temporalio/activity';
import { heartbeatIntervalMs } from './heartbeat';

/** Heartbeats that carry a record to the next attempt (`info.heartbeatDetails`). */
export interface DetailedHeartbeats<Details> {
  /** Replaces the record and heartbeats it (the SDK sends the first beat at once, later ones throttled). */
  beat(details: Details): void;
  /** Replaces the record without a beat of its own: the next interval beat, if any, carries it. */
  hold(details: Details): void;
  /** The record last beaten or held. */
  readonly details: Details;
  /** Whether this attempt has sent any beat yet (a held record may have reached the server). */
  readonly sent: boolean;
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
  let sent = false;
  const send = () => {
    sent = true;
    context.heartbeat(current);
  };
  const heartbeats: DetailedHeartbeats<Details> = {
    beat(details) {
      current = details;
      if (!context.info.isLocal) send();
    },
    hold(details) {
      current = details;
    },
    get details() {
      return current;
    },
    get sent() {
      return sent;
    },
  };
  if (context.info.isLocal) return work(heartbeats);
  const timer = setInterval(send, heartbeatIntervalMs(context.info.heartbeatTimeoutMs));
  try {
    return await work(heartbeats);
  } finally {
    clearInterval(timer);
  }
}
