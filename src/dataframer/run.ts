import { z } from 'zod';

// Loose on purpose, like the spec schemas: every field optional and nullable, unknown fields kept.
// A run we refuse to read would make a billed, running job look like a failure.
const optionalText = z.string().nullish();
const optionalNumber = z.number().nullish();

/** One file a run generated (`generated_files[]`). */
export const GeneratedFileSchema = z.looseObject({
  id: optionalText,
  path: optionalText,
  file_type: optionalText,
  size_bytes: optionalNumber,
});
/** One generated file. */
export type GeneratedFile = z.infer<typeof GeneratedFileSchema>;

/** One entry of `GET /runs/` (no runtime_params, no files). */
export const RunSummarySchema = z.looseObject({
  id: optionalText,
  status: optionalText,
  spec_id: optionalText,
  spec_name: optionalText,
  spec_version: optionalNumber,
  dataset_id: optionalText,
  dataset_name: optionalText,
  dataset_type: optionalText,
  samples_completed: optionalNumber,
  samples_failed: optionalNumber,
  total_cost: optionalNumber,
  created_at: optionalText,
  completed_at: optionalText,
  created_by_email: optionalText,
});
/** One entry of the run list. */
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** A run as `GET /runs/{id}/` (and `POST /runs/`) answer it. */
export const RunSchema = RunSummarySchema.extend({
  /** The parameters the run uses, `number_of_samples` among them; kept open. */
  runtime_params: z.looseObject({ number_of_samples: optionalNumber }).nullish(),
  generated_files: z.array(GeneratedFileSchema).nullish(),
  // Failure text: undocumented for runs; the names used elsewhere are all accepted.
  error: z.unknown().optional(),
  error_message: z.unknown().optional(),
  message: z.unknown().optional(),
});
/** A run. */
export type Run = z.infer<typeof RunSchema>;

/** The create answer: the run object, of which only a non-empty `id` is required. */
export const CreateRunResponseSchema = RunSchema.extend({ id: z.string().min(1) });
/** The create answer. */
export type CreateRunResponse = z.infer<typeof CreateRunResponseSchema>;

/** `GET /runs/`: a bare array (documented) or a DRF page `{ results, next }`, normalised. */
export const RunListSchema = pageOf(RunSummarySchema);
/** One page of the run list. */
export type RunList = z.infer<typeof RunListSchema>;

/** `GET /runs/{id}/files/{file_id}/download/`: a presigned URL, valid for an hour. */
export const FileDownloadSchema = z.looseObject({
  download_url: z.string().min(1),
  filename: optionalText,
  content_type: optionalText,
});
/** A file download link. */
export type FileDownload = z.infer<typeof FileDownloadSchema>;

/** `GET /runs/{id}/files/download/` once the ZIP is built (a 200 without a URL means "not yet"). */
export const ZipDownloadSchema = z.looseObject({ download_url: optionalText, size_bytes: optionalNumber });
/** A ZIP download answer. */
export type ZipDownload = z.infer<typeof ZipDownloadSchema>;

/** A list answered as a bare array or as DRF pages, normalised to `{ items, next }`. */
export function pageOf<Item extends z.ZodType>(item: Item) {
  return z
    .union([z.array(item), z.looseObject({ results: z.array(item), next: z.string().nullish() })])
    .transform((list) =>
      Array.isArray(list) ? { items: list, next: null } : { items: list.results, next: list.next ?? null },
    );
}
