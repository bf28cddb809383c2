// What the package writes to workflow history is kept well under Temporal's payload limit (2 MB by
// default; the server rejects a larger payload and the workflow task fails again and again). No imports:
// workflow code reads these too.

/**
 * Largest spec YAML (UTF-8 bytes) that a status read, and so the workflow result, carries. 256 KiB is
 * half of the 512 KiB where Temporal starts warning about a payload's size and an eighth of its 2 MB
 * limit, so the YAML plus the rest of the spec stays far from both (a 512 KiB YAML already trips the
 * warning, measured on the dev server). A larger YAML is left out: the result says so, with its size,
 * and `getSpecContent` fetches it from DataFramer. Workers may choose another value
 * (`createActivities({ maxYamlBytesInHistory })`).
 */
export const MAX_SPEC_YAML_IN_HISTORY_BYTES = 256 * 1024;

/** `content_unavailable_reason` of a spec whose YAML was left out of workflow history for its size. */
export const SPEC_CONTENT_TOO_LARGE_REASON = 'spec_content_too_large_for_workflow_history';

/** Longest DataFramer failure message kept in history (characters, cut after secrets are redacted). */
export const MAX_SPEC_ERROR_MESSAGE_CHARS = 2_000;

/** Says that a spec's YAML was left out of history, and how to get it. */
export interface SpecContentOmitted {
  reason: typeof SPEC_CONTENT_TOO_LARGE_REASON;
  /** Size of the YAML DataFramer returned, in UTF-8 bytes. */
  contentBytes: number;
  /** The threshold it exceeded. */
  limitBytes: number;
  /** What to call for the YAML. */
  fetchWith: string;
}
