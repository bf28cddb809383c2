import assert from 'node:assert/strict';
import * as dataframer from '../../src/dataframer';
import {
  ConnectionError,
  DATAFRAMER_ERROR_KINDS,
  InvalidRequestError,
  InvalidResponseError,
  NON_RETRYABLE_DATAFRAMER_ERROR_TYPES,
  TimeoutError,
  errorFromNetwork,
  errorFromResponse,
  type DataFramerErrorType,
} from '../../src/dataframer';

const WHERE = { method: 'GET', path: '/api/dataframer/specs/x/' };

function withCode(message: string, code: string, name = 'Error'): Error {
  return Object.assign(new Error(message), { code, name });
}

describe('DataFramer error kinds', () => {
  it('derives the non-retryable list from the table', () => {
    assert.deepEqual([...NON_RETRYABLE_DATAFRAMER_ERROR_TYPES].sort(), [
      'AuthenticationError',
      'BadRequestError',
      'InvalidRequestError',
      'NotFoundError',
      'PermissionDeniedError',
      'SpecNameConflictError',
      'UnprocessableEntityError',
    ]);
  });

  it('exports one class per kind, whose name and type are the kind', () => {
    for (const type of Object.keys(DATAFRAMER_ERROR_KINDS) as DataFramerErrorType[]) {
      const ErrorClass = (dataframer as unknown as Record<string, new (message: string) => dataframer.DataFramerError>)[
        type
      ];
      assert.ok(ErrorClass, `no class ${type}`);
      const err = new ErrorClass('m');
      assert.equal(err.name, type);
      assert.equal(err.type, type);
      assert.equal(err.retryable, DATAFRAMER_ERROR_KINDS[type].retryable);
      assert.match(String(err), new RegExp(`^${type}: m$`));
      assert.match(err.stack ?? '', new RegExp(`^${type}: m`));
    }
  });

  describe('errorFromNetwork', () => {
    const table: [string, Error, abstract new (...args: never[]) => Error][] = [
      ['ECONNRESET', withCode('read ECONNRESET', 'ECONNRESET'), ConnectionError],
      ['ECONNREFUSED', withCode('connect ECONNREFUSED', 'ECONNREFUSED'), ConnectionError],
      ['UND_ERR_SOCKET', withCode('other side closed', 'UND_ERR_SOCKET'), ConnectionError],
      [
        'a code only in `cause`',
        Object.assign(new TypeError('fetch failed'), { cause: withCode('x', 'ECONNRESET') }),
        ConnectionError,
      ],
      ['UND_ERR_CONNECT_TIMEOUT', withCode('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT'), TimeoutError],
      ['UND_ERR_HEADERS_TIMEOUT', withCode('Headers Timeout Error', 'UND_ERR_HEADERS_TIMEOUT'), TimeoutError],
      ['UND_ERR_BODY_TIMEOUT', withCode('Body Timeout Error', 'UND_ERR_BODY_TIMEOUT'), TimeoutError],
      [
        'an HTTP parser error',
        withCode('Parse Error: Invalid header', 'HPE_INVALID_HEADER_TOKEN'),
        InvalidResponseError,
      ],
      ['UND_ERR_INVALID_ARG', withCode('invalid header', 'UND_ERR_INVALID_ARG'), InvalidRequestError],
      ['an error without a code', new Error('weird'), ConnectionError],
    ];
    for (const [title, cause, expected] of table) {
      it(`maps ${title} to ${expected.name}, keeping the cause`, () => {
        const err = errorFromNetwork(cause, WHERE);
        assert.ok(err instanceof expected, String(err));
        assert.equal(err.cause, cause);
        assert.match(err.message, /^DataFramer GET \/api\/dataframer\/specs\/x\/ failed/);
      });
    }

    it('re-throws an abort as is', () => {
      const abort = new DOMException('This operation was aborted', 'AbortError');
      assert.throws(
        () => errorFromNetwork(abort, WHERE),
        (err) => err === abort,
      );
      const undiciAbort = withCode('Request aborted', 'UND_ERR_ABORTED', 'AbortError');
      assert.throws(
        () => errorFromNetwork(undiciAbort, WHERE),
        (err) => err === undiciAbort,
      );
      const reason = new Error('any failure after the signal fired');
      assert.throws(
        () => errorFromNetwork(reason, { ...WHERE, signal: AbortSignal.abort() }),
        (err) => err === reason,
      );
    });
  });

  it('errorFromResponse summarises nested DRF errors and HTML entities', () => {
    const drf = errorFromResponse({
      status: 400,
      headers: {},
      bodyText: JSON.stringify({ runtime_params: { model: ['Unknown.', 'Retired.'] }, __all__: ['Oops.'] }),
      ...WHERE,
    });
    assert.equal(
      drf.message,
      'DataFramer GET /api/dataframer/specs/x/ answered 400: runtime_params: model: Unknown.; Retired.; Oops.',
    );
    const html = errorFromResponse({
      status: 503,
      headers: {},
      bodyText: '<title>Down &amp; out &#8212; back soon</title>',
      ...WHERE,
    });
    assert.equal(html.message, 'DataFramer GET /api/dataframer/specs/x/ answered 503: Down & out — back soon');
  });
});
