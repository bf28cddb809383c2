// Routes of the run and evaluation endpoints (paths as pydataframer 0.19.2 calls them).

/** Endpoints of runs and evaluations, as counted and as fault plans name them. */
export const JOB_ENDPOINTS = [
  'run-create',
  'run-get',
  'run-list',
  'run-cancel',
  'run-delete',
  'run-file-download',
  'run-files-download',
  'evaluation-create',
  'evaluation-get',
  'run-evaluations',
] as const;
/** One run or evaluation endpoint. */
export type JobEndpoint = (typeof JOB_ENDPOINTS)[number];

/** A matched run or evaluation route. */
export interface JobRoute {
  endpoint: JobEndpoint;
  runId?: string;
  fileId?: string;
  evaluationId?: string;
}

/** Whether a route is a run or evaluation route. */
export function isJobEndpoint(endpoint: string): endpoint is JobEndpoint {
  return (JOB_ENDPOINTS as readonly string[]).includes(endpoint);
}

type Matched = JobRoute | { endpoint: 'other'; allow: string } | undefined;

const API = '/api/dataframer';
const SEGMENT = '([^/]+)';
const PATTERNS: [RegExp, Record<string, JobEndpoint>, (keyof JobRoute)[]][] = [
  [new RegExp(`^${API}/runs/$`), { GET: 'run-list', POST: 'run-create' }, []],
  [new RegExp(`^${API}/runs/${SEGMENT}/$`), { GET: 'run-get', DELETE: 'run-delete' }, ['runId']],
  [new RegExp(`^${API}/runs/${SEGMENT}/cancel/$`), { POST: 'run-cancel' }, ['runId']],
  [new RegExp(`^${API}/runs/${SEGMENT}/files/download/$`), { GET: 'run-files-download' }, ['runId']],
  [
    new RegExp(`^${API}/runs/${SEGMENT}/files/${SEGMENT}/download/$`),
    { GET: 'run-file-download' },
    ['runId', 'fileId'],
  ],
  [new RegExp(`^${API}/runs/${SEGMENT}/evaluations/$`), { GET: 'run-evaluations' }, ['runId']],
  [new RegExp(`^${API}/evaluations/$`), { POST: 'evaluation-create' }, []],
  [new RegExp(`^${API}/evaluations/${SEGMENT}/$`), { GET: 'evaluation-get' }, ['evaluationId']],
];

/** The run or evaluation route of a request; undefined for every other path. */
export function matchJobRoute(method: string, pathname: string): Matched {
  for (const [pattern, methods, names] of PATTERNS) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    const endpoint = methods[method];
    if (endpoint === undefined) return { endpoint: 'other', allow: Object.keys(methods).join(', ') };
    const route: JobRoute = { endpoint };
    names.forEach((name, i) => {
      (route as unknown as Record<string, string>)[name] = decode(match[i + 1] ?? '');
    });
    return route;
  }
  return undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
