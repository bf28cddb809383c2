// The run and evaluation endpoints, as functions from a request to an answer (faults come later).
import { type SimulatorContext } from './context';
import { detail, jsonResponse, parseJsonBody, type SimResponse } from './http-io';
import { validateCreateEvaluation, validateCreateRun } from './job-validation';
import { type JobRoute } from './job-routes';
import { toEvaluationObject, toEvaluationSummary, toRunObject, toRunSummary } from './job-views';

/** Answers one run or evaluation request. */
export function handleJobRoute(ctx: SimulatorContext, route: JobRoute, url: URL, body: string): SimResponse {
  const runId = route.runId ?? '';
  switch (route.endpoint) {
    case 'run-create':
      return createRun(ctx, body);
    case 'run-get': {
      const run = ctx.runs.read(runId);
      return run ? jsonResponse(200, toRunObject(run)) : notFound();
    }
    case 'run-list':
      return listAnswer(ctx, url, ctx.runs.listed().map(toRunSummary));
    case 'run-cancel':
      return cancelRun(ctx, runId);
    case 'run-delete':
      return ctx.runs.delete(runId) ? { status: 204 } : notFound();
    case 'run-file-download':
      return fileDownload(ctx, runId, route.fileId ?? '');
    case 'run-files-download':
      return zipDownload(ctx, runId);
    case 'evaluation-create':
      return createEvaluation(ctx, body);
    case 'evaluation-get':
      return getEvaluation(ctx, route.evaluationId ?? '');
    case 'run-evaluations':
      return ctx.runs.peek(runId)
        ? listAnswer(ctx, url, ctx.evaluations.listedOfRun(runId).map(toEvaluationSummary))
        : notFound();
  }
}

/** `POST /runs/`: only for a SUCCEEDED spec (and an existing version); answers 201 with the run. */
function createRun(ctx: SimulatorContext, text: string): SimResponse {
  const parsed = parseJsonBody(text);
  if (!parsed.ok) return parsed.response;
  const validation = validateCreateRun(parsed.value);
  if (!validation.ok) return jsonResponse(400, validation.errors);
  const { fields } = validation;
  const specId = (fields.spec_id as string).toLowerCase();
  const spec = ctx.store.all().find((record) => record.id === specId);
  if (!spec) return jsonResponse(400, { spec_id: ['Spec not found.'] });
  if (spec.status !== 'SUCCEEDED') {
    return jsonResponse(400, { spec_id: [`Spec must be in SUCCEEDED status (it is ${spec.status}).`] });
  }
  const version = fields.spec_version as number | undefined;
  if (version !== undefined && version !== 1) {
    return jsonResponse(400, { spec_version: [`Spec version ${version} does not exist.`] });
  }
  const revisions = fields.revision_types as string[] | undefined;
  if (spec.input.datasetId === null && revisions?.includes('distinguishability')) {
    return jsonResponse(400, { revision_types: ['distinguishability applies to seeded specs only.'] });
  }
  const run = ctx.runs.create(spec, { ...fields, spec_id: specId });
  ctx.counters.runCreated(specId);
  return jsonResponse(201, toRunObject(run));
}

/** `POST /runs/{id}/cancel/`: only PENDING or PROCESSING; an empty 204. */
function cancelRun(ctx: SimulatorContext, runId: string): SimResponse {
  const run = ctx.runs.peek(runId);
  if (!run) return notFound();
  if (!ctx.runs.cancel(run)) {
    return detail(400, `Only PENDING or PROCESSING runs can be canceled (this one is ${run.status}).`);
  }
  ctx.counters.runCanceled();
  return { status: 204 };
}

function fileDownload(ctx: SimulatorContext, runId: string, fileId: string): SimResponse {
  const run = ctx.runs.peek(runId);
  const file = run?.files.find((f) => f.id === fileId);
  if (!run || !file) return notFound();
  const name = file.path.split('/').pop() ?? file.path;
  return jsonResponse(200, {
    download_url: presigned(`runs/${run.id}/${file.path}`),
    filename: name,
    content_type: file.file_type,
  });
}

/** The first call starts building the ZIP (202); every later one answers its URL. */
function zipDownload(ctx: SimulatorContext, runId: string): SimResponse {
  const run = ctx.runs.peek(runId);
  if (!run) return notFound();
  if (run.status !== 'SUCCEEDED') return detail(400, `Run has no generated files yet (it is ${run.status}).`);
  run.zipCalls += 1;
  if (run.zipCalls === 1) return detail(202, 'ZIP generation started; call again for the download URL.');
  const size = run.files.reduce((sum, f) => sum + f.size_bytes, 0);
  return jsonResponse(200, {
    download_url: presigned(`runs/${run.id}/all_files.zip`),
    size_bytes: Math.ceil(size * 0.4),
  });
}

/** `POST /evaluations/`: only for a SUCCEEDED run; answers 201 with the evaluation. */
function createEvaluation(ctx: SimulatorContext, text: string): SimResponse {
  const parsed = parseJsonBody(text);
  if (!parsed.ok) return parsed.response;
  const validation = validateCreateEvaluation(parsed.value);
  if (!validation.ok) return jsonResponse(400, validation.errors);
  const runId = (validation.fields.run_id as string).toLowerCase();
  const run = ctx.runs.peek(runId);
  if (!run) return jsonResponse(400, { run_id: ['Run not found.'] });
  if (run.status !== 'SUCCEEDED') {
    return jsonResponse(400, { run_id: [`Run must be in SUCCEEDED status (it is ${run.status}).`] });
  }
  const evaluation = ctx.evaluations.create(runId, validation.fields.evaluation_model as string | undefined);
  ctx.counters.evaluationCreated(runId);
  return jsonResponse(201, toEvaluationObject(evaluation, run, ctx.options));
}

function getEvaluation(ctx: SimulatorContext, evaluationId: string): SimResponse {
  const evaluation = ctx.evaluations.read(evaluationId);
  if (!evaluation) return notFound();
  const run = ctx.runs.peek(evaluation.runId);
  return jsonResponse(200, toEvaluationObject(evaluation, run, ctx.options));
}

/** A bare array (documented), or DRF pages of `listPageSize` like the spec list, when set. */
function listAnswer(ctx: SimulatorContext, url: URL, items: Record<string, unknown>[]): SimResponse {
  const pageSize = ctx.options.listPageSize;
  if (pageSize === undefined) return jsonResponse(200, items);
  const pageParam = url.searchParams.get('page') ?? '1';
  const page = /^\d+$/.test(pageParam) ? Number(pageParam) : NaN;
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  if (!(page >= 1 && page <= pageCount)) return detail(404, 'Invalid page.');
  const link = (n: number) => {
    const next = new URL(url);
    if (n === 1) next.searchParams.delete('page');
    else next.searchParams.set('page', String(n));
    return next.toString();
  };
  return jsonResponse(200, {
    count: items.length,
    next: page < pageCount ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
    results: items.slice((page - 1) * pageSize, page * pageSize),
  });
}

// Presigned-looking, valid an hour, on a host that never resolves.
function presigned(key: string): string {
  const expires = 3600;
  return `https://storage.dataframer.invalid/${key}?X-Amz-Expires=${expires}&X-Amz-Signature=simulated`;
}

function notFound(): SimResponse {
  return detail(404, 'Not found.');
}
