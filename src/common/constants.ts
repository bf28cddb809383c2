import { checkSpecIdentity, InvalidInputError } from './input-checks';
import { sha256Hex, utf8Bytes } from './sha256';

/** The task queue our worker polls and our client helpers start workflows on, unless told otherwise. */
export const DEFAULT_TASK_QUEUE = 'dataframer-specs';

/** Prefix of every spec workflow id: `dataframer-spec/<scope>/<spec name>`. */
export const SPEC_WORKFLOW_ID_PREFIX = 'dataframer-spec/';

/** What identifies a spec on DataFramer: its name is unique within its dataset, or among seedless specs. */
export interface SpecIdentity {
  name: string;
  dataset_id?: string | null | undefined;
}

/**
 * Longest workflow id we make in the readable form, in UTF-8 bytes. Temporal's default limit is 1,000
 * bytes; staying well under it leaves room for users' own prefixes and keeps ids printable.
 */
export const MAX_READABLE_WORKFLOW_ID_BYTES = 400;

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * The scope a spec name is unique in: `seedless`, or `dataset-<dataset id in lower case>`. Throws
 * {@link InvalidInputError} when the dataset id is neither a string nor absent.
 */
export function specScope(identity: SpecIdentity): string {
  const datasetId: unknown = identity.dataset_id;
  if (datasetId === undefined || datasetId === null) return 'seedless';
  if (typeof datasetId !== 'string') {
    throw new InvalidInputError('specScope', 'dataset_id', 'must be a string (the dataset UUID) when given');
  }
  return `dataset-${datasetId.trim().toLowerCase()}`;
}

/** The first characters of `text` that fit in `maxBytes` of UTF-8. */
function utf8Prefix(text: string, maxBytes: number): string {
  let prefix = '';
  let bytes = 0;
  for (const char of text) {
    bytes += utf8Bytes(char).length;
    if (bytes > maxBytes) break;
    prefix += char;
  }
  return prefix;
}

/**
 * The workflow id of a spec: one (scope, name), one workflow, so a second start attaches to the first.
 * Readable as `dataframer-spec/seedless/<name>` or `dataframer-spec/dataset-<uuid>/<name>`; a name too
 * long for {@link MAX_READABLE_WORKFLOW_ID_BYTES}, with control characters, or a dataset id that is not
 * a UUID gives `dataframer-spec/<scope>#<sha-256 of scope and name, 32 hex>/<readable prefix>` instead,
 * which no readable id can equal (a readable id never has `#` before its second `/`). Throws
 * {@link InvalidInputError} for an identity of the wrong type (a name that is not a non-empty string,
 * a dataset id that is not a string).
 */
export function specWorkflowId(identity: SpecIdentity): string {
  checkSpecIdentity('specWorkflowId', identity);
  return uncheckedSpecWorkflowId(identity);
}

/**
 * {@link specWorkflowId} without the type checks, as 0.2.0 computed it. Internal: only for workflow code
 * that replays a run started before the checks (see `INPUT_TYPES_PATCH`), which must make the same id.
 */
export function uncheckedSpecWorkflowId(identity: SpecIdentity): string {
  const scope = specScope(identity);
  const readable = `${SPEC_WORKFLOW_ID_PREFIX}${scope}/${identity.name}`;
  const datasetIsUuid = scope === 'seedless' || CANONICAL_UUID.test(scope.slice('dataset-'.length));
  const fits = utf8Bytes(readable).length <= MAX_READABLE_WORKFLOW_ID_BYTES;
  if (datasetIsUuid && fits && !CONTROL_CHARACTERS.test(identity.name)) return readable;
  const digest = sha256Hex(JSON.stringify([scope, identity.name])).slice(0, 32);
  const safeScope = datasetIsUuid ? scope : 'dataset';
  const printable = identity.name.replace(new RegExp(CONTROL_CHARACTERS.source, 'g'), ' ');
  return `${SPEC_WORKFLOW_ID_PREFIX}${safeScope}#${digest}/${utf8Prefix(printable, 120)}`;
}

/** Prefix of run workflow ids made from a caller's key: `dataframer-run/<key>`. */
export const RUN_WORKFLOW_ID_PREFIX = 'dataframer-run/';
/** Prefix of evaluation workflow ids made from a caller's key. */
export const EVALUATION_WORKFLOW_ID_PREFIX = 'dataframer-evaluation/';
/** Prefix of pipeline workflow ids made from a caller's key. */
export const PIPELINE_WORKFLOW_ID_PREFIX = 'dataframer-pipeline/';

/**
 * A workflow id from a caller's key. Runs have no unique name and no idempotency key on DataFramer,
 * so the workflow id is what makes "start this run" happen once: the same key attaches to the same
 * workflow. The key is yours (an order id, `<spec name>/<date>`); long or odd keys are hashed.
 */
export function jobWorkflowId(prefix: string, key: string): string {
  const readable = `${prefix}${key}`;
  if (key !== '' && utf8Bytes(readable).length <= MAX_READABLE_WORKFLOW_ID_BYTES && !CONTROL_CHARACTERS.test(key)) {
    return readable;
  }
  return `${prefix}#${sha256Hex(key).slice(0, 32)}`;
}

/** `dataframer-run/<key>`: see {@link jobWorkflowId}. */
export const runWorkflowId = (key: string) => jobWorkflowId(RUN_WORKFLOW_ID_PREFIX, key);
/** `dataframer-evaluation/<key>`: see {@link jobWorkflowId}. */
export const evaluationWorkflowId = (key: string) => jobWorkflowId(EVALUATION_WORKFLOW_ID_PREFIX, key);
/** `dataframer-pipeline/<key>`: see {@link jobWorkflowId}. */
export const pipelineWorkflowId = (key: string) => jobWorkflowId(PIPELINE_WORKFLOW_ID_PREFIX, key);
