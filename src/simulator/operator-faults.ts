// What an operator fixes rather than a retry: every key rejected for a while (a rotated key), or
// DataFramer down for a while (503 or connections reset on everything). Windows come from the
// options (simulator clock, relative to the start) or are switched on and off through the control API,
// which is how time-skipping tests drive them (the simulator cannot see Temporal's clock).
import { detail, type Outcome } from './http-io';

/** A stretch of simulator time, from `startAfterMs` after the simulator started, lasting `durationMs`. */
export interface FailureWindow {
  /** @default 0 (from the start) */
  startAfterMs?: number;
  /** How long it lasts; `Infinity` until switched off through the control API. */
  durationMs: number;
}

/** How DataFramer is down: 503 answers, or connections reset without an answer. */
export type OutageMode = '503' | 'reset';

/** An outage window: every API request (health included) fails the same way. */
export interface OutageWindow extends FailureWindow {
  /** @default '503' */
  mode?: OutageMode;
}

interface ActiveWindow {
  fromMs: number;
  untilMs: number;
}

const CHALLENGE = { 'www-authenticate': 'Bearer realm="api"' };

/** The operator-level failures of one simulator, checked before anything else a request does. */
export class OperatorFaults {
  #rejectKeys: ActiveWindow | undefined;
  #outage: (ActiveWindow & { mode: OutageMode }) | undefined;

  constructor(
    private readonly clock: () => number,
    options: { rejectKeys?: FailureWindow | undefined; outage?: OutageWindow | undefined } = {},
  ) {
    const startedAt = clock();
    if (options.rejectKeys) this.#rejectKeys = windowFrom(startedAt, options.rejectKeys);
    if (options.outage) this.#outage = { ...windowFrom(startedAt, options.outage), mode: options.outage.mode ?? '503' };
  }

  /** Every key answers 401 for `durationMs` from now (`Infinity`: until `rejectKeys(0)`); 0 ends it. */
  rejectKeys(durationMs: number): void {
    this.#rejectKeys = durationMs > 0 ? windowFrom(this.clock(), { durationMs }) : undefined;
  }

  /** DataFramer is down for `durationMs` from now (`Infinity`: until `outage(0)`); 0 ends it. */
  outage(durationMs: number, mode: OutageMode = '503'): void {
    this.#outage = durationMs > 0 ? { ...windowFrom(this.clock(), { durationMs }), mode } : undefined;
  }

  /** The answer replacing this request's, or undefined when neither window is open now. */
  answerFor(): { kind: 'outage' | 'rejectedKey'; outcome: Outcome } | undefined {
    const now = this.clock();
    if (this.#outage && inWindow(this.#outage, now)) {
      const outcome: Outcome =
        this.#outage.mode === 'reset' ? { drop: true } : detail(503, 'Service temporarily unavailable.');
      return { kind: 'outage', outcome };
    }
    if (this.#rejectKeys && inWindow(this.#rejectKeys, now))
      return { kind: 'rejectedKey', outcome: detail(401, 'Invalid token.', CHALLENGE) };
    return undefined;
  }
}

function windowFrom(from: number, window: FailureWindow): ActiveWindow {
  const fromMs = from + (window.startAfterMs ?? 0);
  return { fromMs, untilMs: fromMs + window.durationMs };
}

function inWindow(window: ActiveWindow, now: number): boolean {
  return now >= window.fromMs && now < window.untilMs;
}
