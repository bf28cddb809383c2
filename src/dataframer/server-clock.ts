import { readHeader, type HeaderBag } from './headers';

/**
 * How far DataFramer's clock runs ahead of ours (negative: behind), read from its `Date` header: the
 * header is whole seconds, so the estimate takes the middle of its second and of the exchange.
 * Undefined without a readable `Date`. Good to about a second plus the round trip.
 */
export function serverClockOffsetMs(headers: HeaderBag, sentAtMs: number, receivedAtMs: number): number | undefined {
  const date = readHeader(headers, 'date');
  const serverMs = date === undefined ? NaN : Date.parse(date);
  if (Number.isNaN(serverMs)) return undefined;
  return serverMs + 500 - (sentAtMs + receivedAtMs) / 2;
}
