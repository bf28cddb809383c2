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
 * 0.3.0: a refused child start of a spec (`startCreateSpecChild`, `executeCreateSpecChild`, the
 * pipeline's spec step, a batch item) asks whether the spec's workflow already succeeded, and then
 * answers its result. Before, the refusal (a spec workflow of that id running) went to the parent
 * as is: those parents replay without the lookup. Only refused starts pay for the marker.
 * Deprecate once no 0.2.x parent can still be open.
 */
export const SUCCEEDED_SPEC_CHILD_PATCH = 'dataframer-succeeded-spec-child';

/**
 * After 0.2.0: a cancellation that arrives while the spec is being created, in a run that started
 * without `onCancel: 'delete'` but was told to delete by the deleteOnCancel signal (`cancel --delete`),
 * waits for the create to end, so the spec an ambiguous POST made is deleted, not left. Asked for only
 * when such a cancellation arrives (create-cancellation.ts), so no other run carries its marker.
 * Deprecate once no run from 0.2.x can still be creating.
 */
export const CREATE_CANCEL_DECIDED_ON_ARRIVAL_PATCH = 'dataframer-create-cancel-decided-on-arrival';

/**
 * After 0.2.0: a batch run that has items an earlier run started (known to it only by the signal each sends
 * when done) checks them every `itemCheckInterval` (a timer and the `checkBatchItems` activity) and
 * counts those that closed without signalling. Called once per run that has such items, not per
 * item; a 0.2.0 run in flight takes it at its first new workflow task (any signal wakes one). Deprecate
 * once no 0.2.0 batch run can be open.
 */
export const BATCH_ITEM_CHECK_PATCH = 'dataframer-batch-item-check';

/**
 * After 0.2.0: a batch whose source fails for good (`readBatchPage`) stops starting items, waits for those
 * it started and fails with `BatchSourceFailed` and their counts, instead of failing at once. Called
 * only on that failure. Deprecate once no 0.2.0 batch run can be open.
 */
export const BATCH_SOURCE_FAILURE_PATCH = 'dataframer-batch-source-failure';

/**
 * 0.3.0: input of the wrong type fails with `InvalidInput` naming the field (a `poll` that is not an
 * object, a `dataset_id` that is a number, a batch's `onCancel` no child accepts, ...), where 0.2.0
 * went on (defaults for a `poll` of `5`, a create the activity refused, a child that failed) or threw
 * in workflow code. Marked only when a new check fails, so valid input costs no marker; a run started
 * before the checks replays what it did. Deprecate once no 0.2.x run with such input can be open.
 */
export const INPUT_TYPES_PATCH = 'dataframer-input-types-checked';
