import {
  BadRequestError,
  ConflictError,
  SpecNameConflictError,
  type CreateSpecBody,
  type DataFramerClient,
  type SpecSummary,
} from '../dataframer';

/** Answer of the `createSpec` activity. */
export interface CreatedSpec {
  specId: string;
  name: string;
  /** True when an earlier attempt had already made the spec and this attempt adopted it. */
  adopted: boolean;
}

/** What the create needs to know about the activity attempt it runs in. */
export interface CreateAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  /** When the first attempt was scheduled (epoch ms): specs made after it are ours. */
  firstScheduledAtMs: number;
  /** Allowed difference between DataFramer's clock and Temporal's. */
  clockSkewMs: number;
  signal?: AbortSignal;
}

/** The spec that this activity's earlier attempts made, if any: same name, same dataset, made after it began. */
async function findOwnSpec(client: DataFramerClient, body: CreateSpecBody, attempt: CreateAttempt) {
  const matches = await findSameName(client, body, attempt.signal);
  const ours = matches.filter((spec) => createdAtMs(spec) >= attempt.firstScheduledAtMs - attempt.clockSkewMs);
  return { ours: ours[0], preexisting: matches.find((spec) => !ours.includes(spec)) };
}

async function findSameName(client: DataFramerClient, body: CreateSpecBody, signal?: AbortSignal) {
  const specs = await client.findSpecsByName(body.name, signal === undefined ? {} : { signal });
  const datasetId = body.dataset_id ?? null;
  return specs.filter((spec) => spec.id && (spec.dataset_id ?? null) === datasetId);
}

function createdAtMs(spec: SpecSummary): number {
  const parsed = typeof spec.created_at === 'string' ? Date.parse(spec.created_at) : NaN;
  // A spec whose creation time we cannot read is not claimed: a duplicate beats a wrong adoption.
  return Number.isNaN(parsed) ? -Infinity : parsed;
}

function looksLikeDuplicateName(err: unknown): boolean {
  if (err instanceof ConflictError) return true;
  if (!(err instanceof BadRequestError)) return false;
  const text = `${err.message} ${JSON.stringify(err.body ?? '')}`.toLowerCase();
  return text.includes('name') && (text.includes('exist') || text.includes('unique') || text.includes('duplicate'));
}

function nameConflict(body: CreateSpecBody): SpecNameConflictError {
  const where = body.dataset_id === undefined ? 'among seedless specs' : `in dataset ${body.dataset_id}`;
  return new SpecNameConflictError(
    `A spec named "${body.name}" already exists ${where} and was not made by this workflow; choose another name`,
  );
}

/**
 * Creates a spec at most once across activity attempts. The API has no idempotency key, but names
 * are unique: a retry first looks for the spec an earlier attempt may have made without learning its
 * id (an answer lost to a 5xx, a timeout or a reset) and adopts it. A name that was taken before this
 * activity first ran is a permanent `SpecNameConflictError`.
 */
export async function createSpecOnce(
  client: DataFramerClient,
  body: CreateSpecBody,
  attempt: CreateAttempt,
): Promise<CreatedSpec> {
  if (attempt.attempt > 1) {
    const { ours, preexisting } = await findOwnSpec(client, body, attempt);
    if (ours?.id) return { specId: ours.id, name: body.name, adopted: true };
    // Taken before we began: POSTing would only hear "already exists".
    if (preexisting !== undefined) throw nameConflict(body);
  }
  try {
    const created = await client.createSpec(body, attempt.signal === undefined ? {} : { signal: attempt.signal });
    return { specId: created.id, name: body.name, adopted: false };
  } catch (err) {
    if (!looksLikeDuplicateName(err)) throw err;
    const { ours, preexisting } = await findOwnSpec(client, body, attempt);
    if (ours?.id && attempt.attempt > 1) return { specId: ours.id, name: body.name, adopted: true };
    if (preexisting !== undefined || ours !== undefined) throw nameConflict(body);
    // On a retry, a name taken but not yet listed may be our earlier attempt's spec: look again later.
    if (attempt.attempt > 1) throw notYetListed(body, err);
    throw err;
  }
}

function notYetListed(body: CreateSpecBody, cause: unknown): ConflictError {
  return new ConflictError(
    `The name "${body.name}" is taken but the spec list does not show it yet; it may be this workflow's own spec`,
    { cause },
  );
}
