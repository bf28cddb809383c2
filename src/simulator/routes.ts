// Maps method + path to an endpoint. Paths end with `/`, as on the real API.
import { matchJobRoute, type JobRoute } from './job-routes';

/** Where a request goes. `other` with `allow` means the path exists but not for this method (405). */
export type Route =
  | { endpoint: 'create' }
  | { endpoint: 'list' }
  | { endpoint: 'health' }
  | { endpoint: 'get'; specId: string }
  | { endpoint: 'delete'; specId: string }
  | { endpoint: 'control'; segments: string[] }
  | JobRoute
  | { endpoint: 'other'; allow?: string };

const API = '/api/dataframer';

/** Resolves a route; the path is matched raw and segments are decoded one by one. */
export function matchRoute(method: string, pathname: string): Route {
  const job = matchJobRoute(method, pathname);
  if (job !== undefined) return job;
  if (pathname === `${API}/health/`)
    return method === 'GET' ? { endpoint: 'health' } : { endpoint: 'other', allow: 'GET' };
  if (pathname === `${API}/specs/`) {
    if (method === 'GET') return { endpoint: 'list' };
    if (method === 'POST') return { endpoint: 'create' };
    return { endpoint: 'other', allow: 'GET, POST' };
  }
  const specId = /^\/api\/dataframer\/specs\/([^/]+)\/$/.exec(pathname)?.[1];
  if (specId !== undefined) {
    if (method === 'GET') return { endpoint: 'get', specId: decodeSegment(specId) };
    if (method === 'DELETE') return { endpoint: 'delete', specId: decodeSegment(specId) };
    return { endpoint: 'other', allow: 'GET, DELETE' };
  }
  if (pathname.startsWith('/_simulator/') && pathname.endsWith('/')) {
    return { endpoint: 'control', segments: pathname.split('/').slice(2, -1).map(decodeSegment) };
  }
  return { endpoint: 'other' };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
