// Evaluation endpoints over the client's transport; `DataFramerClient` exposes each as a method.
import {
  collectPages,
  collectTimedPages,
  JOB_RESPONSE_BYTES_CAP,
  type ApiTransport,
  type TimedList,
} from './api-transport';
import {
  CreateEvaluationResponseSchema,
  EvaluationListSchema,
  EvaluationSchema,
  type CreateEvaluationResponse,
  type Evaluation,
  type EvaluationSummary,
} from './evaluation';
import { validateCreateEvaluationRequest, type CreateEvaluationRequest } from './run-request';

type Signal = AbortSignal | undefined;

/** `POST /evaluations/` (any 2xx); the request is validated before any HTTP call. */
export async function createEvaluation(
  t: ApiTransport,
  request: CreateEvaluationRequest,
  signal: Signal,
): Promise<CreateEvaluationResponse> {
  const json = validateCreateEvaluationRequest(request);
  const path = t.path('evaluations');
  const response = await t.send({ method: 'POST', path, json, ...(signal && { signal }) });
  return t.parse(CreateEvaluationResponseSchema, response, 'POST', path);
}

/** `GET /evaluations/{id}/`, sample classifications included, up to `JOB_RESPONSE_BYTES_CAP`. */
export async function getEvaluation(t: ApiTransport, evaluationId: string, signal: Signal): Promise<Evaluation> {
  const path = t.path('evaluations', { id: evaluationId, what: 'evaluation id' });
  const request = { method: 'GET' as const, path, minResponseBytesCap: JOB_RESPONSE_BYTES_CAP };
  return t.parse(EvaluationSchema, await t.send({ ...request, ...(signal && { signal }) }), 'GET', path);
}

/** `GET /runs/{run_id}/evaluations/`: summaries of a run's evaluations; DRF pages are followed. */
export async function listRunEvaluations(t: ApiTransport, runId: string, signal: Signal): Promise<EvaluationSummary[]> {
  return collectPages(t, t.path('runs', { id: runId, what: 'run id' }, 'evaluations'), EvaluationListSchema, signal);
}

/** `GET /runs/{run_id}/evaluations/`, with DataFramer's clock by its `Date` headers. */
export async function listRunEvaluationsTimed(
  t: ApiTransport,
  runId: string,
  signal: Signal,
): Promise<TimedList<EvaluationSummary>> {
  const path = t.path('runs', { id: runId, what: 'run id' }, 'evaluations');
  return collectTimedPages(t, path, EvaluationListSchema, signal);
}
