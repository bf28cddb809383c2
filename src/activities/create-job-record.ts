import type { CreateWindow } from './own-jobs';

/** Most POSTs a record lists; past it the two oldest merge into one window covering both. */
export const MAX_RECORDED_POSTS = 10;

/** One POST that may have made the job (sent, and not refused), by the worker's clock. */
export interface PostRecord {
  sentAtMs: number;
  /** When its answer (a 5xx, say) came; absent while unanswered: the POST may still land until it settles. */
  answeredAtMs?: number;
  /** A retry already waited (through Temporal's retry delay) for it to show in the list. */
  settled?: true;
}

/**
 * What create attempts record in their heartbeat for the next attempt (`info.heartbeatDetails`): the
 * windows in which their POSTs may have made the job, so a retry looks only there and never takes
 * another caller's identical job made outside them. A fast create that succeeds beats nothing (its
 * result carries the id); every other attempt beats once, as it ends, so that beat is its first (sent
 * at once, not throttled away), and a slow POST's interval beats carry the POST before it is answered.
 */
export interface CreateJobRecord {
  /** The attempt that wrote it: one that finds an older number than its own minus one knows an attempt died silently. */
  attempt: number;
  /** POSTs that may have made the job, oldest first, at most {@link MAX_RECORDED_POSTS}. */
  posts: PostRecord[];
  /** An attempt died without a beat (it may have POSTed): every later attempt looks since the activity was first scheduled. */
  unrecorded?: true;
  /** The writing attempt failed with `CreateUnconfirmed`: the next one was scheduled after that wait. */
  waited?: true;
  /** The id an attempt learned; a later attempt adopts it without asking the API. */
  jobId?: string;
}

/**
 * The previous attempt's record, validated; `undefined` when there is none (a first attempt, a lost
 * beat). A record without `attempt` (0.2.0's `{ postedAtMs, answered }`) counts as the previous attempt's.
 */
export function readRecord(value: unknown, attempt: number, nowMs: number): CreateJobRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  const out: CreateJobRecord = { attempt: isTime(raw.attempt) ? raw.attempt : attempt - 1, posts: [] };
  if (Array.isArray(raw.posts)) out.posts = raw.posts.flatMap(readPost).slice(-MAX_RECORDED_POSTS);
  else if (isTime(raw.postedAtMs)) {
    // 0.2.0's record: one POST, answered or not (a refusal included), with no answer time.
    out.posts = [
      raw.answered === true ? { sentAtMs: raw.postedAtMs, answeredAtMs: nowMs } : { sentAtMs: raw.postedAtMs },
    ];
  } else if (typeof raw.jobId !== 'string') return undefined;
  if (raw.unrecorded === true) out.unrecorded = true;
  if (raw.waited === true) out.waited = true;
  if (typeof raw.jobId === 'string' && raw.jobId !== '') out.jobId = raw.jobId;
  return out;
}

/** The record with one more POST, the two oldest merged when over {@link MAX_RECORDED_POSTS}. */
export function withPost(posts: readonly PostRecord[], post: PostRecord, settleMs: number): PostRecord[] {
  const all = [...posts, post];
  while (all.length > MAX_RECORDED_POSTS) {
    const [a, b] = all.splice(0, 2) as [PostRecord, PostRecord];
    const merged: PostRecord = { sentAtMs: a.sentAtMs, answeredAtMs: Math.max(endOf(a, settleMs), endOf(b, settleMs)) };
    all.unshift(a.settled === true && b.settled === true ? { ...merged, settled: true } : merged);
  }
  return all;
}

/** The windows of a record's POSTs. */
export function postWindows(record: CreateJobRecord, settleMs: number): CreateWindow[] {
  return record.posts.map((post) => ({ fromMs: post.sentAtMs, toMs: endOf(post, settleMs) }));
}

/** How long a retry that found nothing must wait before it POSTs, and how it knows. */
export interface SettleTimes {
  /** An unanswered POST: listed, if it made a job, by its sent time plus this (`CREATE_JOB_SETTLE_MS`). */
  settleMs: number;
  /** A POST answered with an error that may have made the job (a 5xx): listed by its answer plus this. */
  listSettleMs: number;
}

/**
 * How long to wait before a POST may go out: until every earlier POST that may have made the job had
 * time to show in the list (a stored job can be listed late, even after a 500). A POST a retry already
 * waited for is settled: Temporal's retry delay measured that wait, whatever the worker's clock says.
 */
export function unsettledMs(record: CreateJobRecord, times: SettleTimes, nowMs: number): number {
  const ends = record.posts
    .filter((post) => post.settled !== true)
    .map((post) =>
      post.answeredAtMs === undefined ? post.sentAtMs + times.settleMs : post.answeredAtMs + times.listSettleMs,
    );
  return Math.max(0, ...ends.map((end) => end - nowMs));
}

function endOf(post: PostRecord, settleMs: number): number {
  return post.answeredAtMs ?? post.sentAtMs + settleMs;
}

function readPost(value: unknown): PostRecord[] {
  if (typeof value !== 'object' || value === null) return [];
  const { sentAtMs, answeredAtMs, settled } = value as Record<string, unknown>;
  if (!isTime(sentAtMs)) return [];
  return [
    { sentAtMs, ...(isTime(answeredAtMs) && { answeredAtMs }), ...(settled === true && { settled: true as const }) },
  ];
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
