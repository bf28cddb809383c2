import { InvalidRequestError, isDatabricksModel, type CreateSpecBody, type CreateSpecRequest } from '../dataframer';

/**
 * Databricks service-principal secrets, held by the worker so they never enter workflow history.
 * The workflow input names the client id; the activity looks its secret up here.
 */
export interface DatabricksSecrets {
  /** The secret for every client id not in `byClientId` (`DATAFRAMER_DATABRICKS_CLIENT_SECRET`). */
  defaultSecret?: string;
  /** Secrets by client id (`DATAFRAMER_DATABRICKS_CLIENT_SECRETS`, a JSON object). */
  byClientId?: Readonly<Record<string, string>>;
}

/** Every secret value held, so the HTTP client can scrub them from error messages. */
export function listDatabricksSecrets(secrets: DatabricksSecrets | undefined): string[] {
  if (secrets === undefined) return [];
  const values = [secrets.defaultSecret, ...Object.values(secrets.byClientId ?? {})];
  return values.filter((value): value is string => typeof value === 'string' && value !== '');
}

/** The wire body for a request: the request itself, plus the client secret for a `databricks/` model. */
export function withDatabricksSecret(
  request: CreateSpecRequest,
  secrets: DatabricksSecrets | undefined,
): CreateSpecBody {
  if (!isDatabricksModel(request.spec_generation_model_name)) return request;
  const clientId = request.databricks_client_id ?? '';
  const secret = secrets?.byClientId?.[clientId] ?? secrets?.defaultSecret;
  if (secret === undefined || secret === '') {
    throw new InvalidRequestError(
      `No Databricks client secret for client id "${clientId}" in the worker's configuration: set ` +
        'DATAFRAMER_DATABRICKS_CLIENT_SECRET, or add the id to DATAFRAMER_DATABRICKS_CLIENT_SECRETS (JSON map of client id to secret)',
    );
  }
  return { ...request, databricks_client_secret: secret };
}
