import type { DataFramerClient } from '../dataframer';
import type { CreateSpecWorkflowResult } from '../workflows/types';

/**
 * The YAML of a finished spec: from the workflow result when it carries it, else read from DataFramer
 * by id (for a spec whose YAML was too large for workflow history, `result.contentOmitted`). Null
 * when DataFramer has none to give (a customer-hosted data plane keeps it: see
 * `spec.content_location`).
 */
export async function getSpecContent(
  dataframer: DataFramerClient,
  resultOrSpecId: CreateSpecWorkflowResult | string,
  options: { signal?: AbortSignal } = {},
): Promise<string | null> {
  if (typeof resultOrSpecId !== 'string' && typeof resultOrSpecId.spec.content_yaml === 'string')
    return resultOrSpecId.spec.content_yaml;
  const specId = typeof resultOrSpecId === 'string' ? resultOrSpecId : resultOrSpecId.specId;
  const spec = await dataframer.getSpec(specId, options);
  return typeof spec.content_yaml === 'string' ? spec.content_yaml : null;
}
