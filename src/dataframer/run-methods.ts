// Run endpoints over the client's transport; `DataFramerClient` exposes each as a method.
import {
  collectPages,
  collectTimedPages,
  JOB_RESPONSE_BYTES_CAP,
  type ApiTransport,
  type TimedList,
} from './api-transport';
import { NotFoundError } from './errors';
import {
  CreateRunResponseSchema,
  FileDownloadSchema,
  RunListSchema,
  RunSchema,
  ZipDownloadSchema,
  type CreateRunResponse,
  type FileDownload,
  type Run,
  type RunSummary,
} from './run';
import { validateCreateRunRequest, type CreateRunRequest } from './run-request';

type Signal = AbortSignal | undefined;

/** The ZIP of a run's files: still being built (202), or ready with a presigned URL (valid an hour). */
export type RunFilesZip = { ready: false } | { ready: true; downloadUrl: string; sizeBytes?: number };

const runPath = (t: ApiTransport, runId: string, ...rest: string[]) =>
  t.path('runs', { id: runId, what: 'run id' }, ...rest);

/** `POST /runs/` (any 2xx); the request is validated before any HTTP call. */
export async function createRun(
  t: ApiTransport,
  request: CreateRunRequest,
  signal: Signal,
): Promise<CreateRunResponse> {
  const json = validateCreateRunRequest(request);
  const path = t.path('runs');
  const response = await t.send({ method: 'POST', path, json, ...(signal && { signal }) });
  return t.parse(CreateRunResponseSchema, response, 'POST', path);
}

/** `GET /runs/{id}/`, up to `JOB_RESPONSE_BYTES_CAP` (a finished run lists every generated file). */
export async function getRun(t: ApiTransport, runId: string, signal: Signal): Promise<Run> {
  const path = runPath(t, runId);
  const request = { method: 'GET' as const, path, minResponseBytesCap: JOB_RESPONSE_BYTES_CAP };
  return t.parse(RunSchema, await t.send({ ...request, ...(signal && { signal }) }), 'GET', path);
}

/** `GET /runs/`: every run of the company, newest first; DRF pages are followed. */
export async function listRuns(t: ApiTransport, signal: Signal): Promise<RunSummary[]> {
  return collectPages(t, t.path('runs'), RunListSchema, signal);
}

/** `GET /runs/`, with DataFramer's clock by its `Date` headers (to compare `created_at` with our own times). */
export async function listRunsTimed(t: ApiTransport, signal: Signal): Promise<TimedList<RunSummary>> {
  return collectTimedPages(t, t.path('runs'), RunListSchema, signal);
}

/** `POST /runs/{id}/cancel/`: only PENDING or PROCESSING runs; any 2xx, its body (often empty) ignored. */
export async function cancelRun(t: ApiTransport, runId: string, signal: Signal): Promise<void> {
  await t.send({ method: 'POST', path: runPath(t, runId, 'cancel'), ...(signal && { signal }) });
}

/** `DELETE /runs/{id}/` (the run and its files); a run already gone answers `{ deleted: false }`. */
export async function deleteRun(t: ApiTransport, runId: string, signal: Signal): Promise<{ deleted: boolean }> {
  try {
    await t.send({ method: 'DELETE', path: runPath(t, runId), ...(signal && { signal }) });
    return { deleted: true };
  } catch (err) {
    if (err instanceof NotFoundError) return { deleted: false };
    throw err;
  }
}

/** `GET /runs/{id}/files/{file_id}/download/`: a presigned URL for one generated file. */
export async function getRunFileDownloadUrl(
  t: ApiTransport,
  runId: string,
  fileId: string,
  signal: Signal,
): Promise<FileDownload> {
  const path = t.path('runs', { id: runId, what: 'run id' }, 'files', { id: fileId, what: 'file id' }, 'download');
  return t.parse(FileDownloadSchema, await t.send({ method: 'GET', path, ...(signal && { signal }) }), 'GET', path);
}

/**
 * `GET /runs/{id}/files/download/`: the first call starts building a ZIP and answers 202; call again
 * until it is `ready` (a 200 with `download_url`).
 */
export async function getRunFilesZipDownloadUrl(t: ApiTransport, runId: string, signal: Signal): Promise<RunFilesZip> {
  const path = runPath(t, runId, 'files', 'download');
  const response = await t.send({ method: 'GET', path, ...(signal && { signal }) });
  if (response.status === 202) return { ready: false };
  const zip = t.parse(ZipDownloadSchema, response, 'GET', path);
  if (typeof zip.download_url !== 'string' || zip.download_url === '') return { ready: false };
  return typeof zip.size_bytes === 'number'
    ? { ready: true, downloadUrl: zip.download_url, sizeBytes: zip.size_bytes }
    : { ready: true, downloadUrl: zip.download_url };
}
