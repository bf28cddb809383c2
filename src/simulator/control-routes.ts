// `/_simulator/...`: the control API over HTTP, so a simulator in another process can be driven.
// Same bearer key as the API; errors are DRF-shaped like the rest.
import { type SimulatorContext } from './context';
import { type SimulatorControl } from './control';
import { FaultPlanError, parseFaultPlan, parseInjectOnce } from './fault-plan';
import { detail, jsonResponse, parseJsonBody, type SimResponse } from './http-io';
import { JobNotFoundError } from './run-store';
import { SimulatorOptionsError } from './options';
import { SpecNotFoundError } from './spec-store';

const OK = { status: 'ok' };

/** Answers one control request; `segments` is the path after `/_simulator/`. */
export function handleControl(
  ctx: SimulatorContext,
  control: SimulatorControl,
  request: { method: string; segments: string[]; body: string },
): SimResponse {
  const parsed = parseJsonBody(request.body);
  if (!parsed.ok) return parsed.response;
  const body = (typeof parsed.value === 'object' && parsed.value !== null ? parsed.value : {}) as Record<
    string,
    unknown
  >;
  try {
    return dispatch(ctx, control, request.method, request.segments, body);
  } catch (err) {
    if (err instanceof SpecNotFoundError || err instanceof JobNotFoundError) return detail(404, err.message);
    if (err instanceof FaultPlanError || err instanceof SimulatorOptionsError) return detail(400, err.message);
    throw err;
  }
}

function dispatch(
  ctx: SimulatorContext,
  control: SimulatorControl,
  method: string,
  segments: string[],
  body: Record<string, unknown>,
): SimResponse {
  const [first, action, target] = segments;
  const route = `${method} ${first}${action === undefined ? '' : `/${action}`}`;
  if (route === 'GET counters' && segments.length === 1) return jsonResponse(200, ctx.counters.snapshot());
  if (route === 'POST reset-counters' && segments.length === 1) {
    control.resetCounters();
    return jsonResponse(200, OK);
  }
  if (route === 'POST faults' && segments.length === 1) {
    control.setFaults(parseFaultPlan(body));
    return jsonResponse(200, OK);
  }
  if (route === 'POST inject' && segments.length === 1) {
    const { kind, ...options } = parseInjectOnce(body);
    control.injectOnce(kind, options);
    return jsonResponse(200, OK);
  }
  if ((route === 'POST reject-keys' || route === 'POST outage') && segments.length === 1) {
    // `durationMs` absent: until switched off with `{"durationMs": 0}`.
    const durationMs = body.durationMs === undefined ? Infinity : body.durationMs;
    if (typeof durationMs !== 'number' || !(durationMs >= 0))
      return jsonResponse(400, { durationMs: ['A number of milliseconds, 0 or more.'] });
    if (route === 'POST reject-keys') control.rejectKeys(durationMs);
    else {
      const mode = body.mode ?? '503';
      if (mode !== '503' && mode !== 'reset') return jsonResponse(400, { mode: ['Must be "503" or "reset".'] });
      control.outage(durationMs, mode);
    }
    return jsonResponse(200, OK);
  }
  if (route === 'POST datasets' && segments.length === 1 && typeof body.id === 'string') {
    control.addDataset(body.id, typeof body.name === 'string' ? body.name : undefined);
    return jsonResponse(200, OK);
  }
  if ((first === 'runs' || first === 'evaluations') && segments.length === 3 && target !== undefined) {
    return endJob(control, first, action, target, body);
  }
  if (route === 'POST adoption-strictness' && segments.length === 1) {
    control.setAdoptionStrictness(body);
    return jsonResponse(200, OK);
  }
  if (segments.length === 3 && target !== undefined) return endSpec(control, route, target, body);
  return detail(404, 'Not found.');
}

function endSpec(control: SimulatorControl, route: string, target: string, body: Record<string, unknown>): SimResponse {
  if (route === 'POST control/complete') {
    const outcome = body.outcome;
    if (outcome !== undefined && outcome !== 'SUCCEEDED' && outcome !== 'FAILED') {
      return jsonResponse(400, { outcome: ['Must be "SUCCEEDED" or "FAILED".'] });
    }
    return jsonResponse(200, control.complete(target, outcome));
  }
  if (route === 'POST control/fail') {
    if (typeof body.message !== 'string' || body.message === '')
      return jsonResponse(400, { message: ['This field is required.'] });
    return jsonResponse(200, control.fail(target, body.message));
  }
  return detail(404, 'Not found.');
}

// `POST /_simulator/runs|evaluations/complete|fail/{id}/`, like the spec routes.
function endJob(
  control: SimulatorControl,
  resource: 'runs' | 'evaluations',
  action: string | undefined,
  id: string,
  body: Record<string, unknown>,
): SimResponse {
  const message = typeof body.message === 'string' && body.message !== '' ? body.message : undefined;
  if (action === 'fail' && message === undefined) return jsonResponse(400, { message: ['This field is required.'] });
  if (action !== 'complete' && action !== 'fail') return detail(404, 'Not found.');
  const outcome = action === 'fail' ? 'FAILED' : body.outcome;
  if (outcome !== undefined && outcome !== 'SUCCEEDED' && outcome !== 'FAILED') {
    return jsonResponse(400, { outcome: ['Must be "SUCCEEDED" or "FAILED".'] });
  }
  const ended =
    resource === 'runs' ? control.completeRun(id, outcome, message) : control.completeEvaluation(id, outcome, message);
  return jsonResponse(200, ended);
}
