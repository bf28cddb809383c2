/** Response headers as undici hands them over: lower-case names, repeated headers as arrays. */
export type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;

/** First value of a header, looked up case-insensitively; undefined when absent. */
export function readHeader(headers: HeaderBag, name: string): string | undefined {
  const wanted = name.toLowerCase();
  let value = headers[wanted];
  if (value === undefined) {
    const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === wanted);
    value = key === undefined ? undefined : headers[key];
  }
  return Array.isArray(value) ? value[0] : value;
}
