import { durationToMs, type Duration } from './durations';

/**
 * How often the status of a spec is read while it generates; named like Temporal's retry policy.
 * The n-th wait is `initialInterval * backoffCoefficient^(n-1)`, capped at `maximumInterval`, then
 * shortened by a random fraction of at most `jitter`, so `maximumInterval` is a true ceiling on how
 * long a finished spec goes unnoticed.
 */
export interface PollSchedule {
  /** Wait before the first status read. @default '10 seconds' */
  initialInterval?: Duration;
  /** Growth of the wait from one read to the next. @default 2 */
  backoffCoefficient?: number;
  /** Longest wait between two reads. @default '60 seconds' */
  maximumInterval?: Duration;
  /** Fraction, 0 to 1, by which each wait may be shortened at random. @default 0.1 */
  jitter?: number;
}

/** A poll schedule with every field filled, in milliseconds. */
export interface ResolvedPollSchedule {
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
  jitter: number;
}

/**
 * The default schedule. Generations take minutes to hours; a 60 s ceiling means a finished spec is
 * seen within a minute, and the doubling from 10 s keeps short generations snappy. A one-hour
 * generation costs 66 reads (measured by bench/history-cost.ts; a fixed 5 s poller makes 720).
 */
export const DEFAULT_POLL_SCHEDULE = {
  initialInterval: '10 seconds',
  backoffCoefficient: 2,
  maximumInterval: '60 seconds',
  jitter: 0.1,
} as const satisfies PollSchedule;

/** Fills the documented defaults; throws a TypeError naming the first invalid field. */
export function resolvePollSchedule(schedule: PollSchedule = {}): ResolvedPollSchedule {
  const resolved: ResolvedPollSchedule = {
    initialIntervalMs: durationToMs(schedule.initialInterval ?? DEFAULT_POLL_SCHEDULE.initialInterval),
    backoffCoefficient: schedule.backoffCoefficient ?? DEFAULT_POLL_SCHEDULE.backoffCoefficient,
    maximumIntervalMs: durationToMs(schedule.maximumInterval ?? DEFAULT_POLL_SCHEDULE.maximumInterval),
    jitter: schedule.jitter ?? DEFAULT_POLL_SCHEDULE.jitter,
  };
  if (resolved.initialIntervalMs <= 0) throw new TypeError('poll.initialInterval must be greater than zero');
  if (!(resolved.backoffCoefficient >= 1)) throw new TypeError('poll.backoffCoefficient must be at least 1');
  if (resolved.maximumIntervalMs < resolved.initialIntervalMs) {
    throw new TypeError('poll.maximumInterval must be at least poll.initialInterval');
  }
  if (!(resolved.jitter >= 0 && resolved.jitter <= 1)) throw new TypeError('poll.jitter must be between 0 and 1');
  return resolved;
}

/**
 * The wait in milliseconds before status read number `readNumber` (1 for the first read).
 * `random` is a number in [0, 1): from the workflow's deterministic `Math.random()`, or from
 * {@link deterministicFraction}, so the same inputs always give the same wait (replay-safe).
 */
export function pollDelayMs(schedule: ResolvedPollSchedule, readNumber: number, random: number): number {
  const exponent = Math.max(0, readNumber - 1);
  const grown = schedule.initialIntervalMs * Math.pow(schedule.backoffCoefficient, exponent);
  const capped = Math.min(grown, schedule.maximumIntervalMs);
  return Math.round(capped * (1 - schedule.jitter * random));
}

/** A repeatable fraction in [0, 1) for a key and a counter (FNV-1a, then a 32-bit mix). */
export function deterministicFraction(key: string, counter: number): number {
  let hash = 0x811c9dc5;
  for (const char of `${key}#${counter}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  hash ^= hash >>> 12;
  return (hash >>> 0) / 0x1_0000_0000;
}

/**
 * How many reads the schedule makes before `durationMs` has passed, every wait shortened by the
 * fraction `random` of its jitter (0: no shortening, the fewest reads; 1: the most reads).
 */
export function readsToCover(schedule: ResolvedPollSchedule, durationMs: number, random: number): number {
  let elapsed = 0;
  let reads = 0;
  while (elapsed < durationMs) elapsed += pollDelayMs(schedule, ++reads, random);
  return reads;
}

/**
 * The wait before read `readNumber` of one spec, jitter drawn from the spec id: the waiting activity
 * and the workflow compute the same number anywhere, any time.
 */
export function specReadDelayMs(schedule: ResolvedPollSchedule, specId: string, readNumber: number): number {
  return pollDelayMs(schedule, readNumber, deterministicFraction(specId, readNumber));
}
