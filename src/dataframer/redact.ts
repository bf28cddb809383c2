/** What replaces a secret in messages and bodies. */
export const REDACTED = '[REDACTED]';

/** Largest body excerpt an error carries, in UTF-8 bytes. */
export const MAX_BODY_EXCERPT_BYTES = 2048;

// Whatever token follows "Bearer" goes, even one we were not told about (a proxy echoing headers).
const BEARER_TOKEN = /\b(Bearer)\s+[^\s"'`,;<>]+/gi;

/** How far `redact` goes beyond the configured secrets. */
export interface RedactOptions {
  /**
   * Also replace whatever token follows `Bearer`. Right for error text (a proxy may echo our
   * headers); wrong for a successful spec, whose YAML may legitimately say "Bearer". @default true
   */
  bearerTokens?: boolean;
}

/**
 * Removes every configured secret from a text: as written, JSON-escaped and URL-encoded, plus (by
 * default) any `Bearer <token>`. Longer secrets go first so one secret inside another leaves no fragment.
 */
export function redact(text: string, secrets: readonly string[], options: RedactOptions = {}): string {
  let result = text;
  for (const form of secretForms(secrets)) result = result.split(form).join(REDACTED);
  return options.bearerTokens === false ? result : result.replace(BEARER_TOKEN, `$1 ${REDACTED}`);
}

/** Shortest secret prefix that `redactCutText` removes before a cut's `...`. */
const MIN_CUT_FRAGMENT = 3;

/**
 * `redact` for a text that someone else may have cut (ending in `...`) before it was ours to scrub:
 * a secret across that cut no longer matches as a whole, so a prefix of one right before the
 * ellipsis is replaced too. Our own texts are redacted before they are cut; this is the second line.
 */
export function redactCutText(text: string, secrets: readonly string[], options: RedactOptions = {}): string {
  let result = redact(text, secrets, options);
  if (!result.endsWith('...')) return result;
  const body = result.slice(0, -3);
  for (const form of secretForms(secrets)) {
    for (let length = form.length - 1; length >= MIN_CUT_FRAGMENT; length--) {
      if (body.endsWith(form.slice(0, length))) {
        result = `${body.slice(0, -length)}${REDACTED}...`;
        return result;
      }
    }
  }
  return result;
}

/** A copy of a parsed JSON value with `redact` applied to every string and key. */
export function redactJson(value: unknown, secrets: readonly string[], options: RedactOptions = {}): unknown {
  if (typeof value === 'string') return redact(value, secrets, options);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, secrets, options));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redact(key, secrets, options), redactJson(item, secrets, options)]),
    );
  }
  return value;
}

/** A redacted excerpt of a body, cut to at most `MAX_BODY_EXCERPT_BYTES` (after redaction, so no secret is cut in half). */
export function bodyExcerpt(text: string, secrets: readonly string[]): string {
  const clean = redact(text, secrets);
  const bytes = Buffer.from(clean, 'utf8');
  if (bytes.length <= MAX_BODY_EXCERPT_BYTES) return clean;
  // A multi-byte character cut at the end decodes to U+FFFD; drop it rather than exceed the cap.
  return (
    bytes
      .subarray(0, MAX_BODY_EXCERPT_BYTES - 3)
      .toString('utf8')
      .replace(/\uFFFD+$/, '') + '...'
  );
}

function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}
