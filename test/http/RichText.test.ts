import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { elements, parseHtml, propertyRows, text } from '../helpers/HtmlDocument.js';
import { startTestServer, type TestServer } from '../helpers/TestServer.js';
import { BROWSER_ACCEPT } from './HttpTestSupport.js';
import { createResource, TURTLE_PREFIXES } from './writeRequests.js';

const XHTML = 'xmlns="http://www.w3.org/1999/xhtml"';

/** Rich text as a ReqIF import stores it, with markup that must not execute in a page. */
const DESCRIPTION = `<div ${XHTML} onmouseover="alert(1)"><p>The FCC shall <b>switch lanes</b> within 50 ms.</p><script>alert(2)</script><ul><li>Lane A</li><li><a href="javascript:alert(3)">Lane B</a></li></ul></div>`;
const TITLE = `<span ${XHTML}>Lane <i>failover</i></span>`;

/** Returns Turtle for a new requirement whose title and description are rdf:XMLLiterals. */
function requirementTurtle(): string {
  const xmlLiteral = (lexical: string): string => `${JSON.stringify(lexical)}^^rdf:XMLLiteral`;
  return `${TURTLE_PREFIXES}\n<> dcterms:title ${xmlLiteral(TITLE)} ; dcterms:description ${xmlLiteral(DESCRIPTION)} .\n`;
}

describe('rich text pages', () => {
  let server: TestServer;
  let requirement: string;

  before(async () => {
    server = await startTestServer();
    ({ location: requirement } = await createResource(server, 'oslc/sp/fcc/requirements', requirementTurtle()));
  });

  after(async () => {
    await server.stop();
  });

  it('resource page renders XHTML description', async () => {
    const response = await server.fetch(requirement, { headers: { Accept: BROWSER_ACCEPT } });
    const html = await response.text();
    assert.equal(response.status, 200, html.slice(0, 300));
    const description = propertyRows(parseHtml(html)).find((row) => row.name === 'dcterms:description');
    assert.ok(description !== undefined, 'no description row');

    const richText = elements(description.cell, 'div', 'rich-text')[0];
    assert.ok(richText !== undefined, `no rich text in ${description.value}`);
    assert.equal(text(elements(richText, 'b')[0]), 'switch lanes');
    assert.deepEqual(elements(richText, 'li').map((item) => text(item)), ['Lane A', 'Lane B']);
    assert.equal(description.value, 'The FCC shall switch lanes within 50 ms.Lane ALane B');
  });

  it('resource page drops scripts and handlers', async () => {
    const html = await (await server.fetch(requirement, { headers: { Accept: BROWSER_ACCEPT } })).text();
    assert.doesNotMatch(html, /alert\(/);
    assert.doesNotMatch(html, /onmouseover|javascript:/);
    assert.doesNotMatch(html, /&lt;div/);
  });

  it('resource page shows title as text', async () => {
    const document = parseHtml(await (await server.fetch(requirement, { headers: { Accept: BROWSER_ACCEPT } })).text());
    assert.equal(text(elements(document, 'h1')[0]), 'Lane failover');
    assert.equal(text(elements(document, 'title')[0]), 'Lane failover · Digital Thread OSLC');
  });

  it('large preview shows description text', async () => {
    const response = await server.fetch(`${requirement}/preview?size=large`);
    const html = await response.text();
    assert.equal(response.status, 200, html.slice(0, 300));
    const paragraph = elements(parseHtml(html), 'p', 'description')[0];
    assert.equal(paragraph?.textContent, 'The FCC shall switch lanes within 50 ms.\nLane A\nLane B');
    assert.doesNotMatch(html, /alert\(|&lt;/);
  });

  it('compact title is the text', async () => {
    const response = await server.fetch(`${requirement}/compact`, { headers: { Accept: 'application/json' } });
    const body = await response.text();
    assert.equal(response.status, 200, body.slice(0, 300));
    assert.match(body, /"Lane failover"/);
    assert.doesNotMatch(body, /<span|&lt;span/);
  });
});
