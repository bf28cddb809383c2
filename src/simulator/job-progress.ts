// Where a simulated job stands, from the same completion policy as specs: lazily, on each read.
import { type CompletionPolicy } from './options';

/** A job that has not ended yet, at one moment. */
export interface JobPhase {
  /** `PENDING` until the job is picked up (its first read, or the first fifth of `afterMs`). */
  status: 'PENDING' | 'PROCESSING';
  /** How far along it is, 0..1 (drives `samples_completed`). */
  fraction: number;
}

/** What the phase depends on. */
export interface JobClockState {
  createdAtMs: number;
  /** Reads before this one. */
  readsBefore: number;
  isRead: boolean;
}

/** The moment the job ends (epoch ms), or a phase while it still runs. */
export function jobPhase(
  completion: CompletionPolicy,
  now: number,
  state: JobClockState,
): { done: true; atMs: number } | { done: false; phase: JobPhase } {
  const { afterMs, afterReads, manual } = completion;
  const { createdAtMs, readsBefore, isRead } = state;
  const reads = readsBefore + (isRead ? 1 : 0);
  if (!manual && afterMs !== undefined && now >= createdAtMs + afterMs)
    return { done: true, atMs: createdAtMs + afterMs };
  if (!manual && isRead && afterReads !== undefined && readsBefore >= afterReads) return { done: true, atMs: now };
  const byTime = !manual && afterMs !== undefined && afterMs > 0 ? (now - createdAtMs) / afterMs : 0;
  const byReads =
    !manual && afterReads !== undefined && afterReads > 0 ? readsBefore / afterReads : 1 - 1 / (1 + reads / 4);
  const picked = reads > 1 || byTime >= 0.2;
  // A job not picked up yet has made nothing: PENDING always reports 0 samples.
  const fraction = picked ? Math.min(0.99, Math.max(byTime, byReads)) : 0;
  return { done: false, phase: { status: picked ? 'PROCESSING' : 'PENDING', fraction } };
}
