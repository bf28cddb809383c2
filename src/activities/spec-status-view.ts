import {
  normalizeSpecStatus,
  specErrorMessage,
  type DataFramerClient,
  type Spec,
  type SpecStatus,
} from '../dataframer';

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

/** One status read: the small function every polling design calls. */
export async function readSpecStatus(
  client: DataFramerClient,
  specId: string,
  signal?: AbortSignal,
): Promise<SpecStatusView> {
  const spec = await client.getSpec(specId, signal === undefined ? {} : { signal });
  return toSpecStatusView(specId, spec);
}
