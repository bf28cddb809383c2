// Type-confused workflow input: a valid input of each workflow with one field (or the whole input)
// replaced by a value of another JSON type (numbers, arrays, null, objects, booleans, huge or odd
// strings), as a client in any language may send it whatever the TypeScript types say.
import fc from 'fast-check';

/**
 * Any JSON value a field may hold instead of the one it should. `maxNumber` bounds the numbers: the
 * time-skipping test server jumps its clock to a workflow's far timeouts and breaks past year 9999
 * (a real server caps a 1e300 ms deadline and goes on), so the server fuzz keeps them under a year.
 */
export const confusedValue = (maxNumber = Number.MAX_VALUE): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.integer(),
    fc.double({ min: -maxNumber, max: maxNumber }),
    fc.constantFrom(0, -1, 1.5, -1e300, ...[1e300, Number.MAX_SAFE_INTEGER].filter((n) => n <= maxNumber)),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    fc.string({ maxLength: 20 }),
    fc.constantFrom('', ' ', 'soon', '10 seconds', '-5 seconds', 'delete', 'abandon', 'adopt', 'activity-retry'),
    fc.integer({ min: 10_000, max: 100_000 }).map((n) => 'x'.repeat(n)),
  );

/** One case: which field (a dotted path, '' for the whole input) holds which value. */
export interface ConfusedCase {
  path: string;
  value: unknown;
  input: unknown;
}

/** A copy of `base` with the field at `path` set to `value` (the whole input for ''). */
export function withField(base: unknown, path: string, value: unknown): unknown {
  if (path === '') return value;
  const copy = structuredClone(base) as Record<string, unknown>;
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
  return copy;
}

/** Cases made from `base()` (called per case, for unique names) by confusing one of `paths`. */
export function confusedCases(
  base: () => unknown,
  paths: readonly string[],
  maxNumber?: number,
): fc.Arbitrary<ConfusedCase> {
  return fc
    .record({ path: fc.constantFrom(...paths), value: confusedValue(maxNumber) })
    .map(({ path, value }) => ({ path, value, input: withField(base(), path, value) }));
}

/** Whether a failure naming `field` is about the confused `path`: the same field, or one inside the other. */
export function isAbout(field: string, path: string): boolean {
  return path === '' || field === path || field.startsWith(`${path}.`) || path.startsWith(`${field}.`);
}

/** The fields of a poll schedule, under `at`. */
export const pollPaths = (at = 'poll') =>
  [at, ...['initialInterval', 'maximumInterval', 'backoffCoefficient', 'jitter'].map((k) => `${at}.${k}`)] as const;

/** The waiting fields every spec, run, evaluation and pipeline input has. */
export const WAIT_PATHS = [
  '',
  ...pollPaths(),
  'deadline',
  'onCancel',
  'pollingDesign',
  'continueAsNewAfterReads',
  'createMaximumAttempts',
  'state',
] as const;

/** Paths to confuse, per workflow (the bases are built by the tests, which know the ids to use). */
export const CONFUSED_PATHS = {
  createSpecWorkflow: [
    ...WAIT_PATHS,
    'ifNameExists',
    'request',
    'request.name',
    'request.dataset_id',
    'request.generation_objectives',
  ],
  createRunWorkflow: [...WAIT_PATHS, 'request', 'request.spec_id', 'request.number_of_samples'],
  createEvaluationWorkflow: [...WAIT_PATHS, 'request', 'request.run_id'],
  specPipelineWorkflow: [
    ...WAIT_PATHS,
    'spec',
    'spec.name',
    'spec.dataset_id',
    'spec.generation_objectives',
    'run',
    'run.number_of_samples',
    'evaluation',
  ],
  createSpecsBatchWorkflow: [
    '',
    'requests',
    'requests.0',
    'requests.0.name',
    'requests.0.dataset_id',
    'concurrency',
    'maxFailures',
    'maxFailureRatio',
    ...pollPaths(),
    'deadline',
    'onCancel',
    'ifNameExists',
    'continueAsNewAfterEvents',
    'state',
  ],
  createSpecsBatchItemWorkflow: [
    '',
    'index',
    'batchWorkflowId',
    'invalid',
    'spec',
    'spec.request',
    'spec.request.name',
    'spec.request.dataset_id',
    'spec.poll',
    'spec.deadline',
  ],
} as const;
