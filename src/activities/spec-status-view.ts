import {
  normalizeSpecStatus,
  specErrorMessage,
  type DataFramerClient,
  type Spec,
  type SpecStatus,
} from '../dataframer';
import {
  MAX_SPEC_ERROR_MESSAGE_CHARS,
  MAX_SPEC_YAML_IN_HISTORY_BYTES,
  SPEC_CONTENT_TOO_LARGE_REASON,
  type SpecContentOmitted,
} from '../common/payload-limits';

/** The final spec, as DataFramer returned it: `content_yaml`, or the data-plane reason and location. */
export type FinalSpec = Spec;

/**
 * A compact, serializable view of one status read. The full spec (with its YAML) is included only
 * once it is terminal, so that polling keeps workflow history small.
 */
export interface SpecStatusView {
  specId: string;
  /** PROCESSING, SUCCEEDED or FAILED (READY and COMPLETED count as SUCCEEDED; unknown values as PROCESSING). */
  status: SpecStatus;
  /** The value DataFramer sent, which may be one we do not know. */
  rawStatus: string | null;
  /** False when `rawStatus` is a value we do not know (treated as still running). */
  knownStatus: boolean;
  terminal: boolean;
  /** DataFramer's failure message (`error`, else `error_message`, else `message`), when FAILED. */
  errorMessage?: string;
  updatedAt?: string;
  /** Present only when terminal. */
  spec?: FinalSpec;
  /** Set when the spec's YAML was too large for workflow history and left out (`spec.content_yaml` is null). */
  contentOmitted?: SpecContentOmitted;
}

/** Builds the view of one spec as read from the API. */
export function toSpecStatusView(specId: string, spec: Spec): SpecStatusView {
  const { status, known } = normalizeSpecStatus(spec.status);
  const terminal = status !== 'PROCESSING';
  const view: SpecStatusView = {
    specId,
    status,
    rawStatus: typeof spec.status === 'string' ? spec.status : null,
    knownStatus: known,
    terminal,
  };
  const errorMessage = status === 'FAILED' ? specErrorMessage(spec) : undefined;
  if (errorMessage !== undefined) view.errorMessage = errorMessage;
  if (typeof spec.updated_at === 'string') view.updatedAt = spec.updated_at;
  if (terminal) view.spec = withoutVersions(spec);
  return view;
}

function withoutVersions(spec: Spec): Spec {
  const { versions: _versions, ...rest } = spec;
  return rest;
}

/**
 * The view cut to what workflow history can hold: a YAML over `maxYamlBytes` is left out (with its
 * size and how to get it), a failure message is cut. Call it after secrets are redacted, so no cut
 * goes through a secret.
 */
export function fitForHistory(view: SpecStatusView, maxYamlBytes = MAX_SPEC_YAML_IN_HISTORY_BYTES): SpecStatusView {
  let fitted = view;
  if (view.errorMessage !== undefined && view.errorMessage.length > MAX_SPEC_ERROR_MESSAGE_CHARS)
    fitted = { ...fitted, errorMessage: `${view.errorMessage.slice(0, MAX_SPEC_ERROR_MESSAGE_CHARS - 3)}...` };
  const yaml = view.spec?.content_yaml;
  if (typeof yaml !== 'string' || fitted.spec === undefined) return fitted;
  const contentBytes = Buffer.byteLength(yaml, 'utf8');
  if (contentBytes <= maxYamlBytes) return fitted;
  return {
    ...fitted,
    spec: { ...fitted.spec, content_yaml: null, content_unavailable_reason: SPEC_CONTENT_TOO_LARGE_REASON },
    contentOmitted: {
      reason: SPEC_CONTENT_TOO_LARGE_REASON,
      contentBytes,
      limitBytes: maxYamlBytes,
      fetchWith: `getSpecContent(dataframerClient, '${view.specId}')`,
    },
  };
}

/** One status read: the small function every polling design calls. */
export async function readSpecStatus(
  client: DataFramerClient,
  specId: string,
  signal?: AbortSignal,
): Promise<SpecStatusView> {
  const spec = await client.getSpec(specId, signal === undefined ? {} : { signal });
  return toSpecStatusView(specId, spec);
}
