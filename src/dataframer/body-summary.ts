// Turns an error body of unknown shape into one readable line. DataFramer looks like Django REST
// Framework (`{"detail": "..."}` or `{"field": ["msg"]}`); proxies in front of it answer HTML.

const MAX_SUMMARY_CHARS = 300;
const MESSAGE_KEYS = ['detail', 'message', 'error', 'error_message'] as const;
// Keys DRF uses for errors that belong to no field: their messages need no "key: " prefix.
const FIELDLESS_KEYS = new Set(['non_field_errors', '__all__']);

/** The parsed JSON of a body, or `undefined` when the body is empty or not JSON. */
export function tryParseJson(text: string): { value: unknown } | undefined {
  if (text.trim() === '') return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** One readable line for a body (`name: spec with this name already exists`), '' when there is nothing to say. */
export function summarizeBody(text: string, parsed: { value: unknown } | undefined): string {
  const summary = parsed === undefined ? summarizeText(text) : summarizeJson(parsed.value);
  return summary.length > MAX_SUMMARY_CHARS ? `${summary.slice(0, MAX_SUMMARY_CHARS - 3)}...` : summary;
}

function summarizeJson(value: unknown): string {
  if (typeof value === 'string') return collapse(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(summarizeJson).filter(Boolean).join('; ');
  if (value === null || typeof value !== 'object') return '';
  const record = value as Record<string, unknown>;
  for (const key of MESSAGE_KEYS) {
    const message = record[key];
    if (typeof message === 'string' && message.trim() !== '') return collapse(message);
  }
  return Object.entries(record)
    .map(([key, item]) => {
      const inner = summarizeJson(item);
      return inner === '' || FIELDLESS_KEYS.has(key) ? inner : `${key}: ${inner}`;
    })
    .filter(Boolean)
    .join('; ');
}

function summarizeText(text: string): string {
  if (!/^\s*</.test(text)) return collapse(text);
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  if (title !== undefined && collapse(decodeEntities(title)) !== '') return collapse(decodeEntities(title));
  const withoutCode = text.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ');
  return collapse(decodeEntities(withoutCode.replace(/<[^>]*>/g, ' ')));
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(parseInt(code.slice(1), 10));
    return named[code.toLowerCase()] ?? entity;
  });
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
