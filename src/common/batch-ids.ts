import { InvalidInputError } from './input-checks';
import { sha256Hex, utf8Bytes } from './sha256';

/** Prefix of every batch workflow id: `dataframer-batch/<batch name or hash of the input>`. */
export const BATCH_WORKFLOW_ID_PREFIX = 'dataframer-batch/';

/** Longest batch name kept readable in the id; item ids append about 15 bytes to it. */
export const MAX_BATCH_NAME_BYTES = 400;

// Keys sorted at every level, so two inputs that differ only in key order get the same id.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The workflow id of a batch: `dataframer-batch/<name>` when the caller names it, otherwise
 * `dataframer-batch/<32 hex of the SHA-256 of the input>`, so starting the same batch again attaches
 * to the one running instead of starting a second. A name too long or with control characters is
 * hashed as well. Throws {@link InvalidInputError} for a name that is not a non-empty string.
 */
export function batchWorkflowId(input: unknown, name?: string): string {
  const given: unknown = name;
  if (given !== undefined && typeof given !== 'string')
    throw new InvalidInputError('batchWorkflowId', 'name', 'must be a string');
  if (name !== undefined && name.trim() === '')
    throw new InvalidInputError('batchWorkflowId', 'name', 'must not be empty');
  const readable =
    // eslint-disable-next-line no-control-regex
    name !== undefined && utf8Bytes(name).length <= MAX_BATCH_NAME_BYTES && !/[\u0000-\u001f\u007f]/.test(name);
  if (readable) return `${BATCH_WORKFLOW_ID_PREFIX}${name}`;
  const hashed = name === undefined ? canonicalJson(input) : `name:${name}`;
  return `${BATCH_WORKFLOW_ID_PREFIX}${sha256Hex(hashed).slice(0, 32)}`;
}

/**
 * The workflow id of one item of a batch: `<batch workflow id>/item-<index>`. Deterministic, so a
 * batch started again with the same input finds the items already running (and their results stay
 * readable by id after the batch closes, see `getBatchOutcomes`).
 */
export function batchItemWorkflowId(batchId: string, index: number): string {
  return `${batchId}/item-${index}`;
}
