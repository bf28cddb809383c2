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
