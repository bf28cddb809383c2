// One request, start to end: route → count → auth → read body → draw faults → handle → rewrite →
// (maybe) delay → write. Unknown paths answer 404 before auth, as Django's URL resolver does.
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { authenticate } from './auth';
import { type SimulatorContext } from './context';
import { handleControl } from './control-routes';
import { type SimulatorControl } from './control';
import { type FaultDecision } from './fault-injector';
import { replacementFor, rewriteWith } from './fault-responses';
import { detail, jsonResponse, readBody, writeOutcome, type Outcome, type SimResponse } from './http-io';
import { handleJobRoute } from './job-handlers';
import { isJobEndpoint, type JobRoute } from './job-routes';
import { matchRoute, type Route } from './routes';
import { createSpec, deleteSpec, getSpec, listSpecs } from './spec-handlers';

type SpecRoute = Extract<Route, { endpoint: 'create' | 'get' | 'list' | 'delete' }>;

/** The `node:http` request listener of one simulator. */
export function createRequestListener(
  ctx: SimulatorContext,
  control: SimulatorControl,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handleRequest(ctx, control, req, res).catch((err: unknown) => {
      if (res.headersSent || ctx.signal.aborted) res.destroy();
      else writeOutcome(res, detail(500, `Simulator error: ${(err as Error).message}`));
    });
  };
}

async function handleRequest(
  ctx: SimulatorContext,
  control: SimulatorControl,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? 'GET';
  const url = requestUrl(req);
  const route = matchRoute(method, url.pathname);
  ctx.counters.request(route.endpoint);
  if (route.endpoint === 'control') {
    const denied = authenticate(req.headers.authorization, ctx.options.apiKey);
    const body = denied ? '' : await readBody(req);
    const answer =
      denied ??
      (body === undefined ? tooLarge() : handleControl(ctx, control, { method, segments: route.segments, body }));
    writeOutcome(res, answer);
    return;
  }
  ctx.counters.enterFlight();
  res.once('close', () => ctx.counters.leaveFlight());
  res.once('finish', () => ctx.counters.response(res.statusCode));
  const outcome = await answerApi(ctx, req, url, route);
  // The Date header tells DataFramer's clock, skew included (it is read when the answer is written).
  if (!res.headersSent) res.setHeader('date', new Date(ctx.store.now()).toUTCString());
  writeOutcome(res, outcome);
}

async function answerApi(
  ctx: SimulatorContext,
  req: IncomingMessage,
  url: URL,
  route: Exclude<Route, { endpoint: 'control' }>,
): Promise<Outcome> {
  const down = ctx.operator.answerFor();
  if (down) {
    ctx.counters.operatorFault(down.kind);
    return down.outcome;
  }
  if (route.endpoint === 'health') return jsonResponse(200, { status: 'ok' });
  if (route.endpoint === 'other' && route.allow === undefined) return detail(404, 'Not found.');
  const denied = authenticate(req.headers.authorization, ctx.options.apiKey);
  if (denied) return denied;
  if (route.endpoint === 'other')
    return detail(405, `Method "${req.method}" not allowed.`, { allow: route.allow ?? '' });
  const body = await readBody(req);
  if (body === undefined) return tooLarge();
  const decision = ctx.faults.decide(route.endpoint);
  const outcome = applyFaults(ctx, decision, () =>
    isJobEndpoint(route.endpoint)
      ? handleJobRoute(ctx, route as JobRoute, url, body)
      : handleSpecRoute(ctx, route as SpecRoute, url, body),
  );
  if (decision.delayMs !== undefined) {
    ctx.counters.fault('slowMs');
    await delay(decision.delayMs, undefined, { signal: ctx.signal });
  }
  return outcome;
}

/** Replacing faults skip the handler (no side effect); rewriting faults run it first. */
function applyFaults(ctx: SimulatorContext, decision: FaultDecision, handle: () => SimResponse): Outcome {
  const fault = decision.fault;
  if (!fault) return handle();
  // Retry-After dates are read by clients against their wall clock, not the simulator's clock.
  const replacement = replacementFor(fault, Date.now());
  if (replacement) {
    ctx.counters.fault(fault.kind);
    return replacement;
  }
  const { outcome, applied } = rewriteWith(fault, handle());
  if (applied) ctx.counters.fault(fault.kind);
  return outcome;
}

function handleSpecRoute(ctx: SimulatorContext, route: SpecRoute, url: URL, body: string): SimResponse {
  switch (route.endpoint) {
    case 'create':
      return createSpec(ctx, body);
    case 'get':
      return getSpec(ctx, route.specId, url.searchParams);
    case 'list':
      return listSpecs(ctx, url);
    case 'delete':
      return deleteSpec(ctx, route.specId);
  }
}

function tooLarge(): SimResponse {
  return detail(400, 'Request body too large.');
}

/** Absolute URL of the request, so pagination links point back at the host the client used. */
function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  } catch {
    return new URL('http://localhost/');
  }
}
