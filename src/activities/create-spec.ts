import {
  BadRequestError,
  ConflictError,
  SpecNameConflictError,
  type CreateSpecBody,
  type DataFramerClient,
  type SpecLookup,
} from '../dataframer';
import { adoptionReason, isRefusal, type AdoptionGrounds, type AdoptionReason } from './spec-adoption';

/** Answer of the `createSpec` activity. */
export interface CreatedSpec {
  specId: string;
  name: string;
  /** True when the spec already existed (made by an earlier attempt or run, or taken with `ifNameExists: 'adopt'`). */
  adopted: boolean;
  /** Why it was adopted. */
  adoptedBecause?: AdoptionReason;
}

/** What the create needs to know about the activity attempt it runs in. */
export interface CreateAttempt extends AdoptionGrounds {
  /** Records, in the heartbeat details, whether a POST that may have made the spec has been sent. */
  recordMayHaveCreated(value: boolean): void;
  signal?: AbortSignal;
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
    `A spec named "${body.name}" already exists ${where} and was not made by this workflow; choose another name, or start with ifNameExists: 'adopt'`,
  );
}

/**
 * Creates a spec at most once across activity attempts and workflow resets. The API has no
 * idempotency key, but names are unique in their scope: when an earlier attempt or run may have made
 * the spec without learning its id (an answer lost to a 5xx, a timeout or a reset), the spec of that
 * scope and name is looked up and adopted (see {@link adoptionReason}) instead of POSTing again. A
 * name taken by someone else is a permanent `SpecNameConflictError`.
 */
export async function createSpecOnce(
  client: DataFramerClient,
  body: CreateSpecBody,
  attempt: CreateAttempt,
): Promise<CreatedSpec> {
  const lookup = () => client.findSpecInScope(body, attempt.signal === undefined ? {} : { signal: attempt.signal });
  const mayBeOurs = attempt.earlierAttemptMayHaveCreated || attempt.unrecordedMayHaveCreated;
  if (mayBeOurs) {
    const found = await lookup();
    if (found.spec !== undefined) return settle(found, body, attempt);
  }
  attempt.recordMayHaveCreated(true);
  try {
    const created = await client.createSpec(body, attempt.signal === undefined ? {} : { signal: attempt.signal });
    return { specId: created.id, name: body.name, adopted: false };
  } catch (err) {
    if (isRefusal(err)) attempt.recordMayHaveCreated(attempt.earlierAttemptMayHaveCreated);
    if (!looksLikeDuplicateName(err)) throw err;
    const found = await lookup();
    if (found.spec !== undefined) return settle(found, body, attempt);
    // A name taken but not yet listed may be our own earlier spec, or the one to adopt: look again later.
    if (mayBeOurs || attempt.ifNameExists === 'adopt') throw notYetListed(body, err);
    throw err;
  }
}

function settle(found: SpecLookup, body: CreateSpecBody, attempt: CreateAttempt): CreatedSpec {
  const reason = adoptionReason(found, body, attempt);
  if (reason === undefined || found.spec?.id == null) throw nameConflict(body);
  return { specId: found.spec.id, name: body.name, adopted: true, adoptedBecause: reason };
}

function notYetListed(body: CreateSpecBody, cause: unknown): ConflictError {
  return new ConflictError(
    `The name "${body.name}" is taken but the spec list does not show it yet; it may be this workflow's own spec`,
    { cause },
  );
}
