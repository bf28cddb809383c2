import { type Dispatcher, Pool } from 'undici';
import {
  resolveDataFramerClientOptions,
  type DataFramerClientOptions,
  type ResolvedDataFramerClientOptions,
} from './client-options';
import { validateCreateSpecRequest, type CreateSpecBody } from './create-spec-request';
import { checkId, type ApiTransport, type TimedList } from './api-transport';
import { InvalidRequestError, InvalidResponseError, NotFoundError } from './errors';
import * as evaluations from './evaluation-methods';
import { type CreateEvaluationResponse, type Evaluation, type EvaluationSummary } from './evaluation';
import { type CreateRunResponse, type FileDownload, type Run, type RunSummary } from './run';
import * as runs from './run-methods';
import { type CreateEvaluationRequest, type CreateRunRequest } from './run-request';
import { isDatabricksModel } from './models';
import { invalidResponse, parseJsonBody, type RawResponse } from './response-body';
import { sendRequest, type ApiRequest, type TimedResponse } from './send-request';
import { serverClockOffsetMs } from './server-clock';
import { specScope, type SpecIdentity } from '../common/constants';
import {
  CreateSpecResponseSchema,
  SpecListSchema,
  SpecSchema,
  type Spec,
  type SpecList,
  type SpecSummary,
} from './spec';

/** Most pages `listSpecs` follows before deciding the server is looping (DRF's usual 100 a page: 100,000 specs). */
export const MAX_SPEC_LIST_PAGES = 1_000;

/** What {@link DataFramerClient.findSpecInScope} found. */
export interface SpecLookup {
  /** The spec of that scope and name, when the list shows one. */
  spec: SpecSummary | undefined;
  /** List pages read to find it (or to learn it is not there). */
  pages: number;
  /** DataFramer's clock minus ours, by its `Date` header; undefined when it sent none. */
  serverClockOffsetMs: number | undefined;
}

/** Per-call options of every client method. */
export interface CallOptions {
  /** Aborting rejects the call promptly with the signal's abort error. */
  signal?: AbortSignal;
}

/**
 * DataFramer's spec endpoints over one keep-alive undici `Pool`. Never retries (Temporal's retry
 * policies do); every failure is a `DataFramerError` except cancellation, which rejects with the abort error.
 */
export class DataFramerClient {
  // `#` fields: they hold the API key, and stay out of console.log and JSON.stringify of the client.
  readonly #options: ResolvedDataFramerClientOptions;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  // What the run and evaluation methods (in their own files) use; it never exposes the options.
  readonly #transport: ApiTransport = {
    send: (request) => this.send(request),
    path: (...segments) =>
      `${this.#options.basePath}/api/dataframer/${segments
        .map((s) => `${typeof s === 'string' ? s : encodeURIComponent(checkId(s.id, s.what))}/`)
        .join('')}`,
    parse: (schema, response, method, path) => parseJsonBody(schema, response, this.parseContext(method, path)),
    nextPage: (next, response, currentPath) => this.nextPage(next, response, currentPath),
  };
  #closed = false;

  constructor(options: DataFramerClientOptions) {
    this.#options = resolveDataFramerClientOptions(options);
    this.#ownsDispatcher = this.#options.dispatcher === undefined;
    this.#dispatcher =
      this.#options.dispatcher ??
      new Pool(this.#options.origin, {
        connect: { timeout: this.#options.connectTimeoutMs },
        headersTimeout: this.#options.headersTimeoutMs,
        bodyTimeout: this.#options.bodyTimeoutMs,
        // undici's default, stated: a server announcing a shorter `Keep-Alive: timeout` is honoured.
        keepAliveTimeout: 4_000,
      });
  }

  /**
   * Starts spec generation (`POST /specs/`, any 2xx). The body is validated first, without its secret,
   * so an invalid request never leaves the process; a `databricks/` model also needs the secret here.
   */
  async createSpec(
    body: CreateSpecBody,
    options: CallOptions = {},
  ): Promise<{ id: string; raw: Record<string, unknown> }> {
    const { json, secrets } = prepareCreateBody(body);
    const path = this.path('specs');
    const response = await this.send({ method: 'POST', path, json, secrets, signal: options.signal });
    const raw = parseJsonBody(CreateSpecResponseSchema, response, this.parseContext('POST', path, secrets));
    return { id: raw.id, raw };
  }

  /** Reads one spec (`GET /specs/{id}/`); versions only when asked, as they can be large. */
  async getSpec(specId: string, options: CallOptions & { includeVersions?: boolean } = {}): Promise<Spec> {
    const path = this.path('specs', specId);
    const query = { include_versions: String(options.includeVersions ?? false) };
    const response = await this.send({ method: 'GET', path, query, signal: options.signal });
    return parseJsonBody(SpecSchema, response, this.parseContext('GET', path));
  }

  /** Every spec of the company (`GET /specs/`), following `next` pages up to `MAX_SPEC_LIST_PAGES`. */
  async listSpecs(options: CallOptions = {}): Promise<SpecSummary[]> {
    const specs: SpecSummary[] = [];
    for await (const page of this.listPages(options)) specs.push(...page.specs);
    return specs;
  }

  /** The specs named exactly `name`, in every scope (names are unique per dataset, or among seedless specs). */
  async findSpecsByName(name: string, options: CallOptions = {}): Promise<SpecSummary[]> {
    return (await this.listSpecs(options)).filter((spec) => spec.name === name);
  }

  /**
   * The spec of this scope and name, reading the list page by page and stopping at the page that
   * holds it (dataset ids compared in lower case, as the API answers them). Also says how far
   * DataFramer's clock runs from ours, by the `Date` of the pages read.
   */
  async findSpecInScope(identity: SpecIdentity, options: CallOptions = {}): Promise<SpecLookup> {
    const scope = specScope(identity);
    let pages = 0;
    let serverClockOffset: number | undefined;
    for await (const page of this.listPages(options)) {
      pages += 1;
      serverClockOffset = page.serverClockOffsetMs ?? serverClockOffset;
      const spec = page.specs.find(
        (s) => s.name === identity.name && s.id && specScope({ name: '', dataset_id: s.dataset_id }) === scope,
      );
      if (spec !== undefined) return { spec, pages, serverClockOffsetMs: serverClockOffset };
    }
    return { spec: undefined, pages, serverClockOffsetMs: serverClockOffset };
  }

  private async *listPages(
    options: CallOptions,
  ): AsyncGenerator<{ specs: SpecSummary[]; serverClockOffsetMs?: number }> {
    const seen = new Set<string>();
    let page: Pick<ApiRequest, 'path' | 'query'> | undefined = { path: this.path('specs') };
    while (page !== undefined) {
      const key = `${page.path}?${new URLSearchParams(page.query).toString()}`;
      if (seen.size >= MAX_SPEC_LIST_PAGES || seen.has(key)) {
        throw new InvalidResponseError(
          `DataFramer GET ${page.path} returned a spec list that loops or runs past ${MAX_SPEC_LIST_PAGES} pages`,
        );
      }
      seen.add(key);
      const bodyCap = { bytes: this.#options.maxListResponseBytes, option: 'maxListResponseBytes' };
      const response = await this.send({ method: 'GET', ...page, signal: options.signal, bodyCap });
      const list: SpecList = parseJsonBody(SpecListSchema, response, this.parseContext('GET', page.path));
      const offset = serverClockOffsetMs(response.headers, response.sentAtMs, response.receivedAtMs);
      yield offset === undefined ? { specs: list.specs } : { specs: list.specs, serverClockOffsetMs: offset };
      page = list.next === null ? undefined : this.nextPage(list.next, response, page.path);
    }
  }

  /** Deletes a spec (`force` also deletes its runs); a spec already gone answers `{ deleted: false }`. */
  async deleteSpec(specId: string, options: CallOptions & { force?: boolean } = {}): Promise<{ deleted: boolean }> {
    const path = this.path('specs', specId);
    const query = { force: String(options.force ?? false) };
    try {
      await this.send({ method: 'DELETE', path, query, signal: options.signal });
      return { deleted: true };
    } catch (err) {
      if (err instanceof NotFoundError) return { deleted: false };
      throw err;
    }
  }

  /** Starts a generation run of a SUCCEEDED spec (`POST /runs/`); validated before any HTTP call. Billed. */
  createRun(request: CreateRunRequest, options: CallOptions = {}): Promise<CreateRunResponse> {
    return runs.createRun(this.#transport, request, options.signal);
  }

  /** Reads one run (`GET /runs/{id}/`), its generated files included. */
  getRun(runId: string, options: CallOptions = {}): Promise<Run> {
    return runs.getRun(this.#transport, runId, options.signal);
  }

  /** Every run of the company (`GET /runs/`), newest first. */
  listRuns(options: CallOptions = {}): Promise<RunSummary[]> {
    return runs.listRuns(this.#transport, options.signal);
  }

  /** {@link listRuns}, and how far DataFramer's clock runs from ours (its `Date` headers): for adoption windows. */
  listRunsTimed(options: CallOptions = {}): Promise<TimedList<RunSummary>> {
    return runs.listRunsTimed(this.#transport, options.signal);
  }

  /** Cancels a PENDING or PROCESSING run (`POST /runs/{id}/cancel/`); any other state answers 400. */
  cancelRun(runId: string, options: CallOptions = {}): Promise<void> {
    return runs.cancelRun(this.#transport, runId, options.signal);
  }

  /** Deletes a run and its files; a run already gone answers `{ deleted: false }`. */
  deleteRun(runId: string, options: CallOptions = {}): Promise<{ deleted: boolean }> {
    return runs.deleteRun(this.#transport, runId, options.signal);
  }

  /** A presigned URL (valid one hour) for one generated file. */
  getRunFileDownloadUrl(runId: string, fileId: string, options: CallOptions = {}): Promise<FileDownload> {
    return runs.getRunFileDownloadUrl(this.#transport, runId, fileId, options.signal);
  }

  /** The ZIP of every generated file: `{ ready: false }` while it is built (202), then its URL. */
  getRunFilesZipDownloadUrl(runId: string, options: CallOptions = {}): Promise<runs.RunFilesZip> {
    return runs.getRunFilesZipDownloadUrl(this.#transport, runId, options.signal);
  }

  /** Starts evaluating a SUCCEEDED run (`POST /evaluations/`); validated before any HTTP call. */
  createEvaluation(request: CreateEvaluationRequest, options: CallOptions = {}): Promise<CreateEvaluationResponse> {
    return evaluations.createEvaluation(this.#transport, request, options.signal);
  }

  /** Reads one evaluation (`GET /evaluations/{id}/`); its sample classifications can be large. */
  getEvaluation(evaluationId: string, options: CallOptions = {}): Promise<Evaluation> {
    return evaluations.getEvaluation(this.#transport, evaluationId, options.signal);
  }

  /** Summaries of a run's evaluations (`GET /runs/{run_id}/evaluations/`). */
  listRunEvaluations(runId: string, options: CallOptions = {}): Promise<EvaluationSummary[]> {
    return evaluations.listRunEvaluations(this.#transport, runId, options.signal);
  }

  /** {@link listRunEvaluations}, and how far DataFramer's clock runs from ours (its `Date` headers). */
  listRunEvaluationsTimed(runId: string, options: CallOptions = {}): Promise<TimedList<EvaluationSummary>> {
    return evaluations.listRunEvaluationsTimed(this.#transport, runId, options.signal);
  }

  /** Closes the connection pool (not a dispatcher passed in options). Safe to call twice. */
  async close(): Promise<void> {
    if (!this.#ownsDispatcher || this.#closed) return;
    this.#closed = true;
    await this.#dispatcher.close();
  }

  private send(request: ApiRequest): Promise<TimedResponse> {
    return sendRequest(this.#dispatcher, this.#options, request);
  }

  private parseContext(method: string, path: string, secrets: readonly string[] = []) {
    return { method, path, secrets: [...this.#options.secretsToRedact, ...secrets] };
  }

  /** `/<base>/api/dataframer/<segments>/`, each id segment URL-encoded. */
  private path(resource: string, id?: string): string {
    if (id !== undefined && (typeof id !== 'string' || id.trim() === '')) {
      throw new InvalidRequestError(`DataFramer ${resource} id must be a non-empty string`);
    }
    const idPart = id === undefined ? '' : `${encodeURIComponent(id)}/`;
    return `${this.#options.basePath}/api/dataframer/${resource}/${idPart}`;
  }

  // DRF builds `next` from the Host it saw, often with http:// behind a TLS proxy: only its path and
  // query are used, always on our own pool, so a `next` can never send the API key elsewhere.
  private nextPage(next: string, response: RawResponse, currentPath: string): Pick<ApiRequest, 'path' | 'query'> {
    const url = URL.canParse(next, this.#options.origin) ? new URL(next, this.#options.origin) : undefined;
    if (url === undefined || url.hostname !== new URL(this.#options.origin).hostname) {
      throw invalidResponse(
        `a next page link that is not on ${this.#options.origin}`,
        response,
        this.parseContext('GET', currentPath),
      );
    }
    return { path: url.pathname, query: url.searchParams };
  }
}

// Validates the body without its secret (the secret never goes through zod, so never into a message),
// then checks the secret itself: only a body that passes both may leave the process.
function prepareCreateBody(body: CreateSpecBody): { json: CreateSpecBody; secrets: string[] } {
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  const { databricks_client_secret: secret, ...request } = isObject ? body : { databricks_client_secret: undefined };
  const validated = validateCreateSpecRequest(isObject ? request : body);
  if (secret !== undefined && (typeof secret !== 'string' || secret.trim() === '')) {
    throw new InvalidRequestError('Invalid create-spec request: databricks_client_secret: must be a non-empty string');
  }
  if (secret === undefined && isDatabricksModel(validated.spec_generation_model_name)) {
    throw new InvalidRequestError(
      'Invalid create-spec request: databricks_client_secret: required for databricks/ models; configure ' +
        'DATAFRAMER_DATABRICKS_CLIENT_SECRET or DATAFRAMER_DATABRICKS_CLIENT_SECRETS on the worker',
    );
  }
  return secret === undefined
    ? { json: validated, secrets: [] }
    : { json: { ...validated, databricks_client_secret: secret }, secrets: [secret] };
}
