import type { Duration } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time';

/** A Temporal duration: a string such as `'30 seconds'` or `'2 minutes'`, or a number of milliseconds. */
export type { Duration };

/** Milliseconds of a duration, or undefined when it is not a valid, non-negative duration. */
export function tryDurationToMs(duration: unknown): number | undefined {
  if (typeof duration === 'number') return Number.isFinite(duration) && duration >= 0 ? duration : undefined;
  if (typeof duration !== 'string') return undefined;
  try {
    const ms = msToNumber(duration as Duration);
    return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
  } catch {
    return undefined;
  }
}

/** Milliseconds of a duration that is known to be valid. */
export function durationToMs(duration: Duration): number {
  const ms = tryDurationToMs(duration);
  if (ms === undefined) throw new TypeError(`Invalid duration: ${JSON.stringify(duration)}`);
  return ms;
}
