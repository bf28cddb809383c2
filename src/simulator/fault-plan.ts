// The fault plan is plain JSON data so a CLI flag, an env var or an HTTP control call can carry it;
// the zod schema is the single gate for plans that arrive from outside the process.
import { z } from 'zod';
import { JOB_ENDPOINTS } from './job-routes';

/** Endpoints a fault plan can target: the spec ones, then those of runs and evaluations. */
export const FAULT_ENDPOINTS = ['create', 'get', 'list', 'delete', ...JOB_ENDPOINTS] as const;
/** One of the endpoints a fault can hit. */
export type FaultEndpoint = (typeof FAULT_ENDPOINTS)[number];

/** Every kind of fault the simulator can inject; plan keys and counter keys use the same names. */
export const FAULT_KINDS = [
  'http500',
  'html502',
  'rateLimit',
  'reset',
  'slowMs',
  'unknownStatus',
  'ambiguousCreate',
] as const;
/** One kind of injected fault. */
export type FaultKind = (typeof FAULT_KINDS)[number];

const probability = z.number().min(0).max(1);
const nonNegative = z.number().min(0);

// Any finite number, zero and negatives included: the docs promise nothing about the value, so the
// simulator can send what is hardest on a client (`Retry-After: 0`, `-5`, a date already past).
const anyFinite = z.number().finite();

/**
 * How a 429 tells the client to wait: `Retry-After: <seconds>`, `Retry-After: <HTTP date>` (now plus
 * `seconds`, so 0 or less is a date at or before now) or `retry-after-ms`.
 */
export const RetryAfterSchema = z.union([
  z.strictObject({ seconds: anyFinite }),
  z.strictObject({ httpDate: z.literal(true), seconds: anyFinite }),
  z.strictObject({ ms: anyFinite }),
]);
/** How a 429 tells the client to wait. */
export type RetryAfter = z.infer<typeof RetryAfterSchema>;

/** What an ambiguous create does after the spec is stored: answer 500, or drop the connection. */
export const AmbiguousModeSchema = z.enum(['500', 'drop']);
/** What an ambiguous create does after the spec is stored. */
export type AmbiguousMode = z.infer<typeof AmbiguousModeSchema>;

/**
 * Probabilities (0..1) per request. `slowMs` delays the answer and combines with the others; the
 * other kinds are exclusive (at most one per request, drawn with one random number, so keep their
 * sum at or below 1). `unknownStatus` applies to a status read (`get`, `run-get`, `evaluation-get`)
 * of a job still PENDING or PROCESSING only, `ambiguousCreate` to a create (`create`, `run-create`,
 * `evaluation-create`) that succeeded only.
 */
export const FaultPlanSchema = z.strictObject({
  http500: probability.optional(),
  html502: probability.optional(),
  rateLimit: z.strictObject({ probability, retryAfter: RetryAfterSchema.optional() }).optional(),
  reset: probability.optional(),
  slowMs: z.strictObject({ probability, delayMs: nonNegative }).optional(),
  unknownStatus: probability.optional(),
  ambiguousCreate: z.strictObject({ probability, mode: AmbiguousModeSchema }).optional(),
  endpoints: z.array(z.enum(FAULT_ENDPOINTS)).optional(),
});
/** A fault plan; `endpoints` defaults to every spec endpoint, `rateLimit.retryAfter` to `{ seconds: 1 }`. */
export type FaultPlan = z.infer<typeof FaultPlanSchema>;

/** Options of a one-shot fault queued with `control.injectOnce`. */
export const InjectOnceSchema = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  endpoint: z.enum(FAULT_ENDPOINTS).optional(),
  retryAfter: RetryAfterSchema.optional(),
  delayMs: nonNegative.optional(),
  mode: AmbiguousModeSchema.optional(),
});
/** A one-shot fault: `kind` plus where it applies (default: the next request it can apply to). */
export type InjectOnceRequest = z.infer<typeof InjectOnceSchema>;
/** Options of `control.injectOnce(kind, options)`. */
export type InjectOnceOptions = Omit<InjectOnceRequest, 'kind'>;

/** Named plans for the CLI's `--fault-profile`. */
export const FAULT_PROFILES = {
  none: {},
  mild: {
    http500: 0.02,
    html502: 0.01,
    rateLimit: { probability: 0.03, retryAfter: { seconds: 1 } },
    reset: 0.01,
    ambiguousCreate: { probability: 0.02, mode: 'drop' },
  },
  chaos: {
    http500: 0.1,
    html502: 0.05,
    rateLimit: { probability: 0.1, retryAfter: { ms: 250 } },
    reset: 0.05,
    slowMs: { probability: 0.1, delayMs: 1_500 },
    unknownStatus: 0.1,
    ambiguousCreate: { probability: 0.15, mode: '500' },
  },
} as const satisfies Record<string, FaultPlan>;
/** Name of a plan in `FAULT_PROFILES`. */
export type FaultProfileName = keyof typeof FAULT_PROFILES;

/** Thrown when a fault plan or one-shot fault fails validation. */
export class FaultPlanError extends Error {
  override name = 'FaultPlanError';
}

/** Validates a fault plan that came from outside (JSON, CLI, HTTP). */
export function parseFaultPlan(input: unknown): FaultPlan {
  const parsed = FaultPlanSchema.safeParse(input);
  if (!parsed.success) throw new FaultPlanError(`invalid fault plan: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Validates a one-shot fault request that came from outside. */
export function parseInjectOnce(input: unknown): InjectOnceRequest {
  const parsed = InjectOnceSchema.safeParse(input);
  if (!parsed.success) throw new FaultPlanError(`invalid one-shot fault: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** One line per zod error, so a CLI can print it on one line. */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
