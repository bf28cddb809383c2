import assert from 'node:assert/strict';
import { PACKAGE_VERSION, resolveDataFramerClientOptions } from '../../src/dataframer';

const KEY = 'sk-test-SECRET-123';

describe('resolveDataFramerClientOptions', () => {
  it('fills the documented defaults', () => {
    const resolved = resolveDataFramerClientOptions({ apiKey: KEY });
    assert.deepEqual(resolved, {
      origin: 'https://df-api.dataframer.ai',
      basePath: '',
      apiKey: KEY,
      connectTimeoutMs: 5_000,
      headersTimeoutMs: 60_000,
      bodyTimeoutMs: 60_000,
      maxResponseBytes: 5 * 1024 * 1024,
      maxListResponseBytes: 64 * 1024 * 1024,
      userAgent: `dataframer-temporal/${PACKAGE_VERSION}`,
      secretsToRedact: [KEY],
    });
    assert.match(PACKAGE_VERSION, /^\d+\.\d+\.\d+/);
  });

  it('splits a base URL with a path prefix and trailing slashes', () => {
    const resolved = resolveDataFramerClientOptions({ apiKey: KEY, baseUrl: 'http://127.0.0.1:8080/gw/df//' });
    assert.equal(resolved.origin, 'http://127.0.0.1:8080');
    assert.equal(resolved.basePath, '/gw/df');
  });

  it('appends a product token to the User-Agent and adds extra secrets after the key', () => {
    const resolved = resolveDataFramerClientOptions({
      apiKey: KEY,
      userAgent: 'my-worker/2',
      secretsToRedact: ['s1', ''],
    });
    assert.equal(resolved.userAgent, `dataframer-temporal/${PACKAGE_VERSION} my-worker/2`);
    assert.deepEqual(resolved.secretsToRedact, [KEY, 's1']);
  });

  const invalid: [string, Parameters<typeof resolveDataFramerClientOptions>[0], RegExp][] = [
    ['a missing key', { apiKey: '' }, /apiKey is required \(set DATAFRAMER_API_KEY\)/],
    ['a blank key', { apiKey: '  ' }, /apiKey is required/],
    ['a key with a newline', { apiKey: `${KEY}\nX-Evil: 1` }, /must not contain whitespace or control characters/],
    ['a base URL that is not one', { apiKey: KEY, baseUrl: 'df-api.dataframer.ai' }, /baseUrl is not a valid URL/],
    ['a non-HTTP base URL', { apiKey: KEY, baseUrl: 'ftp://df.example' }, /must be http\(s\)/],
    ['credentials in the base URL', { apiKey: KEY, baseUrl: 'https://u:p@df.example' }, /must not carry credentials/],
    ['a query in the base URL', { apiKey: KEY, baseUrl: 'https://df.example/?x=1' }, /a query/],
    ['a zero timeout', { apiKey: KEY, headersTimeoutMs: 0 }, /headersTimeoutMs must be a positive number/],
    ['a NaN size cap', { apiKey: KEY, maxResponseBytes: Number.NaN }, /maxResponseBytes must be a positive number/],
  ];
  for (const [title, options, message] of invalid) {
    it(`refuses ${title} with a clear error that does not echo the key`, () => {
      assert.throws(
        () => resolveDataFramerClientOptions(options),
        (err: unknown) => err instanceof TypeError && message.test(err.message) && !err.message.includes(KEY),
      );
    });
  }
});
