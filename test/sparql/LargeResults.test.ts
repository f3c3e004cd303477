import assert from 'node:assert/strict';
import { constants } from 'node:buffer';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CHUNK_BUFFER_BYTES, reuseChunk } from '../../src/sparql/ChunkBuffers.js';
import type { QueryExecutor } from '../../src/sparql/QueryExecutor.js';
import { QueryTimeoutError } from '../../src/sparql/SparqlErrors.js';
import { CHUNK_CHARACTERS, isStringTooLong, resultTooLongMessage, splitText } from '../../src/sparql/ResultChunks.js';
import { parseResponse } from '../helpers/rdf.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { assertOslcError } from '../http/HttpTestSupport.js';

const EVERY_TRIPLE = 'SELECT * WHERE { ?s ?p ?o }';

async function sparql(server: TestServer, query: string): Promise<Response> {
  return server.fetch('sparql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' },
    body: query,
  });
}

/** A response read off the socket, so that the test sees exactly how the body was framed. */
interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** Sends a GET of `path` in HTTP/1.0, which has no chunked transfer coding, and reads until the server closes. */
async function getHttp10(server: TestServer, path: string, accept: string): Promise<RawResponse> {
  const url = new URL(path, server.base);
  const socket = connect(Number(url.port), url.hostname);
  socket.setTimeout(15_000, () => socket.destroy(new Error('no response within 15 s')));
  socket.write(`GET ${url.pathname}${url.search} HTTP/1.0\r\nHost: ${url.host}\r\nAccept: ${accept}\r\n\r\n`);
  const parts: Buffer[] = [];
  for await (const part of socket) {
    parts.push(part as Buffer);
  }
  const text = Buffer.concat(parts).toString('utf8');
  const split = text.indexOf('\r\n\r\n');
  const [statusLine, ...headerLines] = text.slice(0, split).split('\r\n');
  const headers = new Map(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine!.split(' ')[1]), headers, body: text.slice(split + 4) };
}

/** A stand-in executor whose query fails after its first chunk, as a timeout in mid-transfer does. */
const FAILS_AFTER_FIRST_CHUNK: QueryExecutor = {
  async *execute() {
    yield Buffer.from('{"head":{"vars":["s"]},"results":{"bindings":[');
    // Long enough for the status line and the first chunk to reach the client.
    await new Promise((resolve) => setTimeout(resolve, 200));
    throw new QueryTimeoutError('The query did not finish within 1000 ms and was stopped.');
  },
  close: async () => undefined,
};

describe('result chunks', () => {
  it('joined chunks equal the text', () => {
    const text = 'abc'.repeat(1000);
    const pieces = splitText(text, 64);
    assert.equal(pieces.join(''), text);
    assert.ok(pieces.every((piece) => piece.length <= 64));
  });

  it('surrogate pair stays in one chunk', () => {
    // '𝔸' (U+1D538) is a surrogate pair that would straddle the boundary after four code units.
    const text = `${'a'.repeat(3)}𝔸${'b'.repeat(4)}`;
    const pieces = splitText(text, 4);
    assert.deepEqual(pieces, ['aaa', '𝔸bb', 'bb']);
    for (const piece of pieces) {
      assert.equal(Buffer.from(piece, 'utf8').toString('utf8'), piece);
    }
  });

  it('empty text gives one empty chunk', () => {
    assert.deepEqual(splitText(''), ['']);
  });
});

describe('string length limit', () => {
  it('detects TextDecoder past the maximum', () => {
    // The same UTF-8 decode oxigraph's bindings run on a result. (Node 20 aborts the process on a
    // latin1 decode past the maximum, so the test keeps to UTF-8.)
    const bytes = Buffer.alloc(constants.MAX_STRING_LENGTH + 1);
    let caught: unknown;
    try {
      new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(bytes);
    } catch (error) {
      caught = error;
    }
    assert.ok(caught !== undefined, 'decoding past the maximum string length did not fail');
    assert.ok(isStringTooLong(caught), `not recognised: ${String(caught)}`);
  });

  it('detects an invalid string length', () => {
    assert.ok(isStringTooLong(new RangeError('Invalid string length')));
  });

  it('ignores other errors', () => {
    assert.ok(!isStringTooLong(new Error('Parse error')));
  });

  it('message names the limit', () => {
    assert.match(resultTooLongMessage(1024), /more than \d+ characters, more than the limit of 1024 bytes/);
  });
});

describe('SPARQL result limit', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ config: { sparqlMaxResult: '1kb' } });
  });

  after(async () => {
    await server.stop();
  });

  it('result over the limit is 422', async () => {
    const response = await sparql(server, EVERY_TRIPLE);
    assert.equal(response.status, 422);
    const text = assertOslcError(await parseResponse(response, server.base, server.base), 422);
    assert.match(text, /The result has \d+ bytes, more than the limit of 1024\. Add LIMIT or narrow the query\./);
  });

  it('result under the limit is 200', async () => {
    const response = await sparql(server, `${EVERY_TRIPLE} LIMIT 1`);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { results: { bindings: unknown[] } }).results.bindings.length, 1);
  });

  it('failure after the first chunk breaks the body', async () => {
    const original = server.server.context.sparql;
    server.server.context.sparql = FAILS_AFTER_FIRST_CHUNK;
    try {
      const response = await sparql(server, EVERY_TRIPLE);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('transfer-encoding'), 'chunked');
      await assert.rejects(response.text(), 'a body cut short was read as complete');
    } finally {
      server.server.context.sparql = original;
    }
  });

  it('HTTP/1.0 gets the error instead of a cut body', async () => {
    const original = server.server.context.sparql;
    server.server.context.sparql = FAILS_AFTER_FIRST_CHUNK;
    try {
      const response = await getHttp10(server, `sparql?query=${encodeURIComponent(EVERY_TRIPLE)}`, 'application/sparql-results+json');
      assert.equal(response.status, 503);
      assert.match(response.body, /did not finish within 1000 ms and was stopped/);
      assert.doesNotMatch(response.body, /"bindings":\[/);
    } finally {
      server.server.context.sparql = original;
    }
  });
});

describe('large SPARQL results', () => {
  let server: TestServer;
  /** Pairs of triples, 20,000 rows of six bindings: several MB of JSON, so many chunks. */
  const ROWS = 20_000;
  const PAIRS = `SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT ${ROWS}`;

  before(async () => {
    server = await startTestServer();
  });

  after(async () => {
    await server.stop();
  });

  it('HTTP/1.1 result arrives whole in chunks', async () => {
    const response = await sparql(server, PAIRS);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('transfer-encoding'), 'chunked');
    const text = await response.text();
    assert.ok(text.length > 2 * CHUNK_CHARACTERS, `the result has only ${text.length} characters`);
    const json = JSON.parse(text) as { results: { bindings: unknown[] } };
    assert.equal(json.results.bindings.length, ROWS);
  });

  it('HTTP/1.0 result has a Content-Length', async () => {
    const response = await getHttp10(server, `sparql?query=${encodeURIComponent(PAIRS)}`, 'application/sparql-results+json');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-length'), String(Buffer.byteLength(response.body)));
    assert.equal((JSON.parse(response.body) as { results: { bindings: unknown[] } }).results.bindings.length, ROWS);
  });

  it('reused chunk buffers keep results intact', async () => {
    // Reads two different results one at a time, then four at once, so that buffers returned by one
    // response are written again while the others are still being sent. Blank nodes are left out,
    // because each worker's replica labels them differently.
    const withoutBlankNodes = `SELECT * WHERE { ?s ?p ?o . ?a ?b ?c FILTER(!isBlank(?s) && !isBlank(?o) && !isBlank(?a) && !isBlank(?c)) } LIMIT ${ROWS}`;
    const queries = [withoutBlankNodes, `${withoutBlankNodes} OFFSET 7`];
    const expected: string[] = [];
    for (const query of queries) {
      expected.push(await (await sparql(server, query)).text());
    }
    assert.notEqual(expected[0], expected[1]);

    const concurrent = [0, 1, 0, 1].map(async (index) => ({ index, text: await (await sparql(server, queries[index]!)).text() }));
    for (const { index, text } of await Promise.all(concurrent)) {
      assert.equal(text.length, expected[index]!.length);
      assert.ok(text === expected[index], `result ${index} differs from its first run`);
    }
  });

  it('chunk buffer goes back to its worker', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of server.server.context.sparql.execute({ query: PAIRS, format: 'application/sparql-results+json', dataset: { unionDefaultGraph: true }, timeoutMs: 15_000 })) {
      chunks.push(chunk);
    }
    const large = chunks.filter((chunk) => chunk.buffer.byteLength === CHUNK_BUFFER_BYTES);
    assert.ok(large.length >= 2, `only ${large.length} chunks use reusable buffers`);
    reuseChunk(large[0]!);
    // Sending the buffer back to the worker detaches it here.
    assert.equal(large[0]!.buffer.byteLength, 0);
    assert.equal(large[1]!.buffer.byteLength, CHUNK_BUFFER_BYTES);
  });
});
