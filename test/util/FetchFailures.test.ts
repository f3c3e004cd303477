import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFetchFailure, isPermanentFailure } from '../../src/util/FetchFailures.js';

/** Returns an error with a Node.js error code, as net, dns and tls raise them. */
function codedError(code: string, message = `connect ${code}`): Error {
  return Object.assign(new Error(message), { code });
}

/** Returns the TypeError that fetch() rejects with, which keeps the reason as its cause. */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

describe('describeFetchFailure', () => {
  const cases: [name: string, error: unknown, description: string][] = [
    ['refused connection', fetchFailed(codedError('ECONNREFUSED')), 'connection refused (ECONNREFUSED)'],
    ['unknown host', fetchFailed(codedError('ENOTFOUND', 'getaddrinfo ENOTFOUND plm.invalid')), 'host name not found (ENOTFOUND)'],
    ['untrusted certificate', fetchFailed(codedError('DEPTH_ZERO_SELF_SIGNED_CERT')), 'TLS certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)'],
    ['code on each address', fetchFailed(new AggregateError([codedError('ECONNREFUSED'), codedError('ECONNREFUSED')])), 'connection refused (ECONNREFUSED)'],
    ['unlisted code', fetchFailed(codedError('EPROTO', 'write EPROTO wrong version number')), 'write EPROTO wrong version number (EPROTO)'],
    ['OpenSSL lines', fetchFailed(codedError('ERR_SSL_WRONG_VERSION_NUMBER', 'C0B7:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:\n')), 'C0B7:error:0A00010B:SSL routines:ssl3_get_record:wrong version number: (ERR_SSL_WRONG_VERSION_NUMBER)'],
    ['cause without code', fetchFailed(new Error('invalid onRequestStart method')), 'invalid onRequestStart method'],
    ['no cause', new TypeError('fetch failed'), 'fetch failed'],
    ['timeout', new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'timed out'],
  ];
  for (const [name, error, description] of cases) {
    it(name, () => {
      assert.equal(describeFetchFailure(error), description);
    });
  }
});

describe('isPermanentFailure', () => {
  const cases: [name: string, error: unknown, permanent: boolean][] = [
    ['unknown host', fetchFailed(codedError('ENOTFOUND')), true],
    ['untrusted certificate', fetchFailed(codedError('SELF_SIGNED_CERT_IN_CHAIN')), true],
    ['refused connection', fetchFailed(codedError('ECONNREFUSED')), false],
    ['failed lookup', fetchFailed(codedError('EAI_AGAIN')), false],
    ['timeout', new DOMException('The operation was aborted due to timeout', 'TimeoutError'), false],
  ];
  for (const [name, error, permanent] of cases) {
    it(name, () => {
      assert.equal(isPermanentFailure(error), permanent);
    });
  }
});

