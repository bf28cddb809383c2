import { z } from 'zod';

// Every field is optional and nullable, and unknown fields pass: the public material types little,
// and a response we refuse to read would make a created spec look like a failure.
const optionalText = z.string().nullish();

/** One entry of `GET /specs/` (documented fields; others kept). */
export const SpecSummarySchema = z.looseObject({
  id: optionalText,
  name: optionalText,
  description: optionalText,
  status: optionalText,
  created_at: optionalText,
  dataset_id: optionalText,
  dataset_name: optionalText,
  /** `SINGLE_FILE` | `MULTI_FILE` | `MULTI_FOLDER` (kept open). */
  dataset_type: optionalText,
});
/** One entry of the spec list. */
export type SpecSummary = z.infer<typeof SpecSummarySchema>;

/** One version of a spec (only with `include_versions=true`). */
export const SpecVersionSchema = z.looseObject({
  content_yaml: optionalText,
  created_at: optionalText,
  content_location: z.unknown().optional(),
});
/** One version of a spec. */
export type SpecVersion = z.infer<typeof SpecVersionSchema>;

/** A spec as `GET /specs/{id}/` returns it. */
export const SpecSchema = SpecSummarySchema.extend({
  updated_at: optionalText,
  created_by_email: optionalText,
  /** Model and flags used; shape undocumented. */
  runtime_params: z.unknown().optional(),
  /** The spec as YAML; null while processing, when failed, and when it lives in the customer's data plane. */
  content_yaml: optionalText,
  /** Why `content_yaml` is null on success, e.g. `spec_content_in_data_plane`. */
  content_unavailable_reason: optionalText,
  /** Where the YAML lives when it is kept in the customer's cloud; shape undocumented. */
  content_location: z.unknown().optional(),
  versions: z.array(SpecVersionSchema).nullish(),
  // Failure text: `error` per the SDK, `error_message` on evaluations, `message` elsewhere; shapes vary.
  error: z.unknown().optional(),
  error_message: z.unknown().optional(),
  message: z.unknown().optional(),
});
/** A spec as `GET /specs/{id}/` returns it. */
export type Spec = z.infer<typeof SpecSchema>;

/** The create answer: `{ id }`, with any other spec field the server adds tolerated and kept. */
export const CreateSpecResponseSchema = z.looseObject({ id: z.string().min(1) });
/** The create answer. */
export type CreateSpecResponse = z.infer<typeof CreateSpecResponseSchema>;

/** `GET /specs/` as a bare array (documented) or as a DRF page `{ results, next }`, normalised. */
export const SpecListSchema = z
  .union([
    z.array(SpecSummarySchema),
    z.looseObject({ results: z.array(SpecSummarySchema), next: z.string().nullish() }),
  ])
  .transform((list) =>
    Array.isArray(list) ? { specs: list, next: null } : { specs: list.results, next: list.next ?? null },
  );
/** One page of the spec list; `next` is the URL of the following page, null on the last. */
export type SpecList = z.infer<typeof SpecListSchema>;

/** The three states a workflow acts on. */
export const SPEC_STATUSES = ['PROCESSING', 'SUCCEEDED', 'FAILED'] as const;
/** One of `SPEC_STATUSES`. */
export type SpecStatus = (typeof SPEC_STATUSES)[number];

const STATUS_ALIASES: Readonly<Record<string, SpecStatus>> = {
  PROCESSING: 'PROCESSING',
  SUCCEEDED: 'SUCCEEDED',
  READY: 'SUCCEEDED',
  COMPLETED: 'SUCCEEDED',
  FAILED: 'FAILED',
};

/**
 * Maps a raw status to one the workflow acts on: `READY` and `COMPLETED` mean succeeded; anything
 * unknown (`IN_PROGRESS`, `PENDING`, null) counts as still processing, with `known: false` to log.
 */
export function normalizeSpecStatus(raw: unknown): { status: SpecStatus; known: boolean } {
  const status = typeof raw === 'string' ? STATUS_ALIASES[raw.trim().toUpperCase()] : undefined;
  return status === undefined ? { status: 'PROCESSING', known: false } : { status, known: true };
}

/** The spec's failure text: `error ?? error_message ?? message`, skipping empty values; undefined when none. */
export function specErrorMessage(spec: Pick<Spec, 'error' | 'error_message' | 'message'>): string | undefined {
  for (const value of [spec.error, spec.error_message, spec.message]) {
    const text = describeErrorValue(value);
    if (text !== undefined) return text;
  }
  return undefined;
}

function describeErrorValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
    return (value as { message: string }).message;
  }
  return JSON.stringify(value);
}
