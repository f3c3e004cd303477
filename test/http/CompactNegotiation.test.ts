import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Request } from 'express';
import { compactRequestedAtCompactUri, compactRequestedOnResource, type CompactBody } from '../../src/http/CompactNegotiation.js';
import { NotAcceptableHttpError } from '../../src/http/HttpError.js';

const PREFER = 'return=representation; include="http://open-services.net/ns/core#PreferCompact"';

function request(headers: Record<string, string>): Request {
  return { headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])) } as unknown as Request;
}

/** Names a decision for comparison: the body kind, with the RDF Content-Type. */
function decisionOf(body: CompactBody | undefined): string {
  if (body === undefined) {
    return 'resource';
  }
  return body.kind === 'rdf' ? `rdf ${body.representation.contentType}` : body.kind;
}

describe('CompactNegotiation', () => {
  const resourceCases: [accept: string | undefined, prefer: string | undefined, expected: string][] = [
    ['application/x-oslc-compact+xml', undefined, 'compact-xml'],
    ['application/x-oslc-compact+xml, application/rdf+xml;q=0.5', undefined, 'compact-xml'],
    ['application/rdf+xml, application/x-oslc-compact+xml;q=0.5', undefined, 'resource'],
    ['application/x-oslc-compact+xml, application/rdf+xml', undefined, 'compact-xml'],
    ['*/*', undefined, 'resource'],
    [undefined, undefined, 'resource'],
    ['text/turtle', undefined, 'resource'],
    ['application/json', PREFER, 'json'],
    ['text/turtle', PREFER, 'rdf text/turtle; charset=utf-8'],
    ['application/ld+json', PREFER, 'rdf application/ld+json'],
    ['application/xml', PREFER, 'rdf application/xml'],
    ['text/html', PREFER, 'resource'],
    ['image/png', PREFER, 'resource'],
    ['application/x-oslc-compact+xml', PREFER, 'compact-xml'],
  ];
  for (const [accept, prefer, expected] of resourceCases) {
    it(`resource with Accept ${accept ?? '(none)'}${prefer === undefined ? '' : ' and Prefer'} gets ${expected}`, () => {
      const headers: Record<string, string> = {};
      if (accept !== undefined) headers.Accept = accept;
      if (prefer !== undefined) headers.Prefer = prefer;
      assert.equal(decisionOf(compactRequestedOnResource(request(headers))), expected);
    });
  }

  const compactUriCases: [accept: string | undefined, expected: string][] = [
    [undefined, 'json'],
    ['*/*', 'json'],
    ['application/json', 'json'],
    ['text/turtle', 'rdf text/turtle; charset=utf-8'],
    ['text/turtle, application/json;q=0.5', 'rdf text/turtle; charset=utf-8'],
    ['application/n-triples', 'rdf application/n-triples'],
    ['application/x-oslc-compact+xml', 'compact-xml'],
    ['text/n3', 'rdf text/turtle; charset=utf-8'],
  ];
  for (const [accept, expected] of compactUriCases) {
    it(`compact URI with Accept ${accept ?? '(none)'} gets ${expected}`, () => {
      assert.equal(decisionOf(compactRequestedAtCompactUri(accept)), expected);
    });
  }

  it('compact URI rejects image/png with 406', () => {
    assert.throws(() => compactRequestedAtCompactUri('image/png'), NotAcceptableHttpError);
  });
});
