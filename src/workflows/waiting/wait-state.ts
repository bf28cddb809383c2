import type { WaitContext, WaitState, WaitView } from './wait-kind';

/** Records one status read the workflow has seen: its number, status and time; clears the last error. */
export function recordRead<View extends WaitView, State extends WaitState>(
  { kind, state }: Pick<WaitContext<View, State>, 'kind' | 'state'>,
  view: View,
  readNumber = state.reads + 1,
): void {
  state.reads = Math.max(state.reads, readNumber);
  state.lastStatus = view.rawStatus ?? view.status;
  state.lastReadAtMs = Date.now();
  delete state.lastTransientError;
  delete state.notBeforeMs;
  kind.recordView?.(state, view);
}

/** An epoch-ms time as an ISO string (undefined stays undefined). */
export function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** A state's times as ISO strings, for a progress query's people. */
export interface IsoTimes {
  startedAt: string;
  deadlineAt: string;
  lastReadAt?: string;
  nextReadAt?: string;
}

/** The ISO times of a state (only those it has). */
export function isoTimes(state: WaitState): IsoTimes {
  const times: IsoTimes = { startedAt: iso(state.startedAtMs)!, deadlineAt: iso(state.deadlineAtMs)! };
  const lastReadAt = iso(state.lastReadAtMs);
  const nextReadAt = iso(state.nextReadAtMs);
  if (lastReadAt !== undefined) times.lastReadAt = lastReadAt;
  if (nextReadAt !== undefined) times.nextReadAt = nextReadAt;
  return times;
}
