import type { CreateWindow } from './own-jobs';

/** Most POSTs a record lists; past it the two oldest merge into one window covering both. */
export const MAX_RECORDED_POSTS = 10;

/** One POST that may have made the job (sent, and not refused), by the worker's clock. */
export interface PostRecord {
  sentAtMs: number;
  /** When its answer (a 5xx, say) came; absent while unanswered: the POST may still land until it settles. */
  answeredAtMs?: number;
}

/**
 * What create attempts record in their heartbeat for the next attempt (`info.heartbeatDetails`): the
 * windows in which their POSTs may have made the job, so a retry looks only there and never takes
 * another caller's identical job made outside them.
 */
export interface CreateJobRecord {
  /** POSTs that may have made the job, oldest first, at most {@link MAX_RECORDED_POSTS}. */
  posts: PostRecord[];
  /**
   * Held (not beaten) while a retry looks before it may POST: should an interval beat carry it to the
   * server and the worker die, the next attempt knows a POST may have gone out since then.
   */
  mayPostFromMs?: number;
  /** The id an attempt learned; a later attempt adopts it without asking the API. */
  jobId?: string;
}

/** The previous attempt's record, validated; `undefined` when there is none (a first attempt, a lost beat). */
export function readRecord(value: unknown, nowMs: number): CreateJobRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  const out: CreateJobRecord = { posts: [] };
  if (Array.isArray(raw.posts)) out.posts = raw.posts.flatMap(readPost).slice(-MAX_RECORDED_POSTS);
  else if (isTime(raw.postedAtMs)) {
    // 0.2.0's record: one POST, answered or not (a refusal included), with no answer time.
    out.posts = [raw.answered === true ? { sentAtMs: raw.postedAtMs, answeredAtMs: nowMs } : { sentAtMs: raw.postedAtMs }];
  } else if (typeof raw.jobId !== 'string') return undefined;
  if (isTime(raw.mayPostFromMs)) out.mayPostFromMs = raw.mayPostFromMs;
  if (typeof raw.jobId === 'string' && raw.jobId !== '') out.jobId = raw.jobId;
  return out;
}

/** The record with one more POST, the two oldest merged when over {@link MAX_RECORDED_POSTS}. */
export function withPost(posts: readonly PostRecord[], post: PostRecord, settleMs: number): PostRecord[] {
  const all = [...posts, post];
  while (all.length > MAX_RECORDED_POSTS) {
    const [a, b] = all.splice(0, 2) as [PostRecord, PostRecord];
    all.unshift({ sentAtMs: a.sentAtMs, answeredAtMs: Math.max(endOf(a, settleMs), endOf(b, settleMs)) });
  }
  return all;
}

/** The windows of a record's POSTs; a held `mayPostFromMs` may have POSTed any time during its attempt. */
export function postWindows(record: CreateJobRecord, settleMs: number, attemptMs: number): CreateWindow[] {
  const windows = record.posts.map((post) => ({ fromMs: post.sentAtMs, toMs: endOf(post, settleMs) }));
  if (record.mayPostFromMs !== undefined) {
    windows.push({ fromMs: record.mayPostFromMs, toMs: record.mayPostFromMs + attemptMs + settleMs });
  }
  return windows;
}

/** How long a retry that found nothing must wait before it POSTs, and how it knows. */
export interface SettleTimes {
  /** An unanswered POST: listed, if it made a job, by its sent time plus this (`CREATE_JOB_SETTLE_MS`). */
  settleMs: number;
  /** A POST answered with an error that may have made the job (a 5xx): listed by its answer plus this. */
  listSettleMs: number;
  /** How long one attempt may run: a held `mayPostFromMs` may have POSTed that late. */
  attemptMs: number;
}

/**
 * How long to wait before a POST may go out: until every earlier POST that may have made the job
 * had time to show in the list (a stored job can be listed late, even after a 500).
 */
export function unsettledMs(record: CreateJobRecord, times: SettleTimes, nowMs: number): number {
  const ends = record.posts.map((post) =>
    post.answeredAtMs === undefined ? post.sentAtMs + times.settleMs : post.answeredAtMs + times.listSettleMs,
  );
  if (record.mayPostFromMs !== undefined) ends.push(record.mayPostFromMs + times.attemptMs + times.settleMs);
  return Math.max(0, ...ends.map((end) => end - nowMs));
}

function endOf(post: PostRecord, settleMs: number): number {
  return post.answeredAtMs ?? post.sentAtMs + settleMs;
}

function readPost(value: unknown): PostRecord[] {
  if (typeof value !== 'object' || value === null) return [];
  const { sentAtMs, answeredAtMs } = value as Record<string, unknown>;
  if (!isTime(sentAtMs)) return [];
  return [isTime(answeredAtMs) ? { sentAtMs, answeredAtMs } : { sentAtMs }];
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
