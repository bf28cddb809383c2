import { utf8Bytes } from '../../common/sha256';

/**
 * Largest step answer (spec, run, evaluation; JSON bytes) a pipeline's state and result carry. Three
 * parts under 128 KiB keep the result under Temporal's 512 KiB payload warning, and continue-as-new
 * carries the state again. A larger part is left out with its size and where to fetch it.
 */
export const PIPELINE_PART_MAX_BYTES = 128 * 1024;

/** The value itself when small enough, otherwise its size and the API path that answers it. */
export function payloadPart<T>(value: T, fetch: string): T | { omitted: { bytes: number }; fetch: string } {
  const bytes = utf8Bytes(JSON.stringify(value) ?? '').length;
  return bytes <= PIPELINE_PART_MAX_BYTES ? value : { omitted: { bytes }, fetch };
}
