// Patch ids of workflow behaviour changes (`patched(id)`): a run that started before a change replays
// the old commands. Each says when it can be deprecated (`deprecatePatch`) and then removed.

/**
 * 0.2.0: `createSpec` retries until the workflow's deadline (no attempt limit) instead of 10 attempts,
 * and a create cut off by the deadline fails with `SpecDeadlineExceeded`. Deprecate once no run that
 * started its create on 0.1.x can still be open (their deadline, 24 hours by default, has passed).
 */
export const CREATE_UNTIL_DEADLINE_PATCH = 'dataframer-create-retries-until-deadline';

/**
 * 0.2.0: a 429's `Retry-After` is remembered in the workflow state (`notBeforeMs`): no status read,
 * whether the next waiting activity, a timer design's next read or a `pollNow` read, starts before it.
 * Deprecate once no run from 0.1.x can still be open.
 */
export const RETRY_AFTER_REMEMBERED_PATCH = 'dataframer-retry-after-remembered';

/**
 * 0.2.0: `createSpec` is told the workflow's first start, whether an earlier run of the chain may have
 * made the spec (a reset), and `ifNameExists`, so adoption is anchored to the workflow rather than to
 * the activity's first attempt. Deprecate once no 0.1.x run can still be creating.
 */
export const ADOPTION_CONTEXT_PATCH = 'dataframer-create-spec-adoption-context';

/**
 * 0.2.0: with `onCancel: 'delete'`, a cancellation that arrives while the spec is being created waits
 * for the create to end, so the spec it may make is known and deleted, not left behind. Deprecate once
 * no 0.1.x run can still be creating.
 */
export const CREATE_BEFORE_CANCEL_PATCH = 'dataframer-create-before-cancel';
