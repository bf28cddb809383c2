// `create`'s flags: one per field of the create request, named after the API's own field (kebab-case),
// derived from the request schema; or a JSON file of the request, which the flags then override.
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import {
  CREATE_SPEC_REQUEST_FIELDS,
  CreateSpecRequestSchema,
  type CreateSpecRequest,
  type CreateSpecRequestField,
} from '../dataframer/create-spec-request';
import { BadInputError } from './exit-codes';

/** `generation_objectives` → `--generation-objectives`. */
export function flagOf(field: string): string {
  return `--${field.replaceAll('_', '-')}`;
}

function optionsOf(field: CreateSpecRequestField): Option[] {
  const flag = flagOf(field.name);
  const what = `request field ${field.name}${field.required ? ' (required, here or in --file)' : ''}`;
  if (field.kind === 'string') return [new Option(`${flag} <value>`, what)];
  return [new Option(flag, `${what}: true`), new Option(`--no-${flag.slice(2)}`, `${field.name}: false`)];
}

/** Adds one option per request field, and `--file`, to `command`. */
export function addRequestOptions(command: Command): Command {
  for (const field of CREATE_SPEC_REQUEST_FIELDS) for (const option of optionsOf(field)) command.addOption(option);
  return command.option(
    '--file <request.json>',
    "the request as a JSON object in the API's field names (flags override its fields)",
  );
}

function readRequestFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new BadInputError(`--file: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadInputError(`--file: ${file} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BadInputError(`--file: ${file} must hold a JSON object of request fields`);
  }
  return parsed as Record<string, unknown>;
}

/** The field a zod issue is about, as the user wrote it: flag and field name. */
function describeIssue(issue: { code: string; path: PropertyKey[]; message: string }): string {
  const field = issue.path[0];
  if (issue.code === 'unrecognized_keys' || typeof field !== 'string') return issue.message;
  return `${field} (${flagOf(field)}): ${issue.message}`;
}

/** The request from `--file` and the field flags, checked as the worker will check it; else exit 2 naming each field. */
export function requestFromOptions(options: Record<string, unknown>): CreateSpecRequest {
  const request: Record<string, unknown> = typeof options.file === 'string' ? readRequestFile(options.file) : {};
  for (const field of CREATE_SPEC_REQUEST_FIELDS) {
    const value = options[new Option(flagOf(field.name)).attributeName()];
    if (value !== undefined) request[field.name] = value;
  }
  const parsed = CreateSpecRequestSchema.safeParse(request);
  if (parsed.success) return parsed.data;
  throw new BadInputError(`Invalid create request: ${parsed.error.issues.map(describeIssue).join('; ')}`);
}
