// The four spec endpoints, as pure-ish functions from a request to an answer (faults come later).
import { type SimulatorContext } from './context';
import { validateCreateSpec } from './create-validation';
import { detail, jsonResponse, parseJsonBody, type SimResponse } from './http-io';
import { toSpecObject, toSpecSummary } from './spec-view';

/** `POST /api/dataframer/specs/` */
export function createSpec(ctx: SimulatorContext, body: string): SimResponse {
  const parsed = parseJsonBody(body);
  if (!parsed.ok) return parsed.response;
  const validation = validateCreateSpec(parsed.value);
  if (!validation.ok) return jsonResponse(400, validation.errors);
  const { input } = validation;
  if (input.datasetId !== null && !ctx.store.hasDataset(input.datasetId)) return detail(404, 'Dataset not found.');
  if (ctx.store.isDuplicateName(input)) return jsonResponse(400, { name: ['spec with this name already exists.'] });
  const record = ctx.store.create(input);
  ctx.counters.specCreated(input.name);
  return jsonResponse(202, { id: record.id });
}

/** `GET /api/dataframer/specs/{id}/?include_versions=true|false` */
export function getSpec(ctx: SimulatorContext, specId: string, query: URLSearchParams): SimResponse {
  const record = ctx.store.read(specId);
  if (!record) return detail(404, 'Not found.');
  const includeVersions = query.get('include_versions')?.toLowerCase() === 'true';
  return jsonResponse(200, toSpecObject(record, { dataPlane: ctx.options.dataPlane, includeVersions }));
}

/** `GET /api/dataframer/specs/`: a bare array, or DRF pages when `listPageSize` is set. */
export function listSpecs(ctx: SimulatorContext, url: URL): SimResponse {
  const summaries = ctx.store.listed().map(toSpecSummary);
  const pageSize = ctx.options.listPageSize;
  if (pageSize === undefined) return jsonResponse(200, summaries);
  const pageParam = url.searchParams.get('page') ?? '1';
  const page = /^\d+$/.test(pageParam) ? Number(pageParam) : NaN;
  const pageCount = Math.max(1, Math.ceil(summaries.length / pageSize));
  if (!(page >= 1 && page <= pageCount)) return detail(404, 'Invalid page.');
  return jsonResponse(200, {
    count: summaries.length,
    next: page < pageCount ? pageUrl(url, page + 1) : null,
    previous: page > 1 ? pageUrl(url, page - 1) : null,
    results: summaries.slice((page - 1) * pageSize, page * pageSize),
  });
}

/** `DELETE /api/dataframer/specs/{id}/?force=true|false`: simulated specs have no runs, so force changes nothing. */
export function deleteSpec(ctx: SimulatorContext, specId: string): SimResponse {
  return ctx.store.delete(specId) ? { status: 204 } : detail(404, 'Not found.');
}

/** DRF drops `page` for the first page. */
function pageUrl(url: URL, page: number): string {
  const next = new URL(url);
  if (page === 1) next.searchParams.delete('page');
  else next.searchParams.set('page', String(page));
  return next.toString();
}
