import assert from 'node:assert/strict';
import { parseRetryAfterMs } from '../../src/dataframer';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('parseRetryAfterMs', () => {
  const table: [title: string, headers: Record<string, string | string[]>, expected: number | undefined][] = [
    ['no header', {}, undefined],
    ['seconds', { 'retry-after': '7' }, 7_000],
    ['fractional seconds', { 'retry-after': '1.5' }, 1_500],
    ['negative seconds, clamped', { 'retry-after': '-3' }, 0],
    ['an HTTP-date', { 'retry-after': 'Sun, 01 Mar 2026 12:00:30 GMT' }, 30_000],
    ['an HTTP-date in the past, clamped', { 'retry-after': 'Sun, 01 Mar 2026 11:00:00 GMT' }, 0],
    ['retry-after-ms, which wins', { 'retry-after-ms': '250.5', 'retry-after': '9' }, 250.5],
    ['negative retry-after-ms, clamped', { 'retry-after-ms': '-1' }, 0],
    [
      'unparseable retry-after-ms, falling back to Retry-After',
      { 'retry-after-ms': 'soon', 'retry-after': '2' },
      2_000,
    ],
    ['garbage', { 'retry-after': 'later please' }, undefined],
    ['empty', { 'retry-after': '  ' }, undefined],
    ['mixed-case names', { 'Retry-After': '3' }, 3_000],
    ['a repeated header (first wins)', { 'retry-after': ['4', '8'] }, 4_000],
  ];
  for (const [title, headers, expected] of table) {
    it(`reads ${title}`, () => assert.equal(parseRetryAfterMs(headers, NOW), expected));
  }
});
