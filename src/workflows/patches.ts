// Patch ids of workflow behaviour changes (`patched(id)`): a run that started before a change replays
// the old commands. Each says when it can be deprecated (`deprecatePatch`) and then removed.
//
// Only a change of the commands a history replays needs one. An activity's options (retry policy,
// timeouts) and its arguments are not compared on replay, so 0.2.0's create retried until the deadline
// and its adoption context (the workflow's first start, a reset, `ifNameExists`) need no patch: the
// 0.1.0 fixtures replay without one, and each patch would cost every workflow a marker and a
// search-attribute upsert (billable actions on Temporal Cloud). A 0.1.x create scheduled before the
// upgrade keeps the options it was scheduled with; its attempts get no adoption context and fall back
// to the activity's first scheduling time.

/**
 * 0.2.0: a 429's `Retry-After` is remembered in the workflow state (`notBeforeMs`): no status read,
 * whether the next waiting activity, a timer design's next read or a `pollNow` read, starts before it.
 * Deprecate once no run from 0.1.x can still be open.
 */
export const RETRY_AFTER_REMEMBERED_PATCH = 'dataframer-retry-after-remembered';

/**
 * 0.2.0: with `onCancel: 'delete'`, a cancellation that arrives while the spec is being created waits
 * for the create to end, so the spec it may make is known and deleted, not left behind. Deprecate once
 * no 0.1.x run can still be creating.
 */
export const CREATE_BEFORE_CANCEL_PATCH = 'dataframer-create-before-cancel';

/**
 * 0.3.0: input of the wrong type fails with `InvalidInput` naming the field (a `poll` that is not an
 * object, a `dataset_id` that is a number, a batch's `onCancel` no child accepts, ...), where 0.2.0
 * went on (defaults for a `poll` of `5`, a create the activity refused, a child that failed) or threw
 * in workflow code. Marked only when a new check fails, so valid input costs no marker; a run started
 * before the checks replays what it did. Deprecate once no 0.2.x run with such input can be open.
 */
export const INPUT_TYPES_PATCH = 'dataframer-input-types-checked';
