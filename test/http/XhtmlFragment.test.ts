import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataFactory } from 'n3';
import { literalText, OMITTED_OBJECT_TEXT, renderXhtmlFragment } from '../../src/http/html/XhtmlFragment.js';
import { RDF } from '../../src/rdf/namespaces.js';

const XHTML = 'xmlns="http://www.w3.org/1999/xhtml"';

/** A stored rdf:XMLLiteral and the HTML and text it renders as; undefined HTML means not well-formed. */
interface Case {
  name: string;
  lexical: string;
  html: string | undefined;
  text?: string;
}

const CASES: Case[] = [
  {
    name: 'script element',
    lexical: `<div ${XHTML}><p>Before</p><script>alert(1)</script><p>After</p></div>`,
    html: '<div><p>Before</p><p>After</p></div>',
    text: 'Before\nAfter',
  },
  {
    name: 'onload attribute',
    lexical: `<div ${XHTML} onload="alert(1)"><p class="x" style="color:red" onclick="alert(2)">Text</p></div>`,
    html: '<div><p>Text</p></div>',
    text: 'Text',
  },
  {
    name: 'javascript URL',
    lexical: `<p ${XHTML}>See <a href="javascript:alert(1)">the note</a>.</p>`,
    html: '<p>See the note.</p>',
    text: 'See the note.',
  },
  {
    name: 'object element',
    lexical: `<div ${XHTML}><object data="diagram.ole" type="application/oleobject"><object data="diagram.png" type="image/png">Diagram</object></object></div>`,
    html: `<div><span class="muted">${OMITTED_OBJECT_TEXT}</span></div>`,
    text: OMITTED_OBJECT_TEXT,
  },
  {
    name: 'ReqIF prefixed XHTML',
    lexical: '<xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml"><xhtml:b>Bold</xhtml:b><xhtml:br/>next</xhtml:div>',
    html: '<div><b>Bold</b><br>next</div>',
    text: 'Bold\nnext',
  },
  {
    name: 'iframe, style, embed and form',
    lexical: `<div ${XHTML}><style>p{}</style><iframe src="https://example.com/"/><embed src="x.swf"/><form action="/x"><input name="a"/>Field</form>Kept</div>`,
    html: `<div><span class="muted">${OMITTED_OBJECT_TEXT}</span><span class="muted">${OMITTED_OBJECT_TEXT}</span>Kept</div>`,
  },
  {
    name: 'SVG with script',
    lexical: `<div ${XHTML}><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><text>Label</text></svg>Kept</div>`,
    html: '<div>Kept</div>',
    text: 'Kept',
  },
  {
    name: 'nested lists',
    lexical: `<ul ${XHTML}><li>One<ol><li>One.a</li><li>One.b</li></ol></li><li>Two</li></ul>`,
    html: '<ul><li>One<ol><li>One.a</li><li>One.b</li></ol></li><li>Two</li></ul>',
    text: 'One\nOne.a\nOne.b\nTwo',
  },
  {
    name: 'entity text',
    lexical: `<p ${XHTML}>a &amp; b &lt;script&gt;alert(1)&lt;/script&gt; &#169; &#x2264; 5</p>`,
    html: '<p>a &amp; b &lt;script&gt;alert(1)&lt;/script&gt; © ≤ 5</p>',
    text: 'a & b <script>alert(1)</script> © ≤ 5',
  },
  {
    name: 'CDATA section',
    lexical: `<pre ${XHTML}><![CDATA[<img src=x onerror=alert(1)>]]></pre>`,
    html: '<pre>&lt;img src=x onerror=alert(1)&gt;</pre>',
  },
  {
    name: 'table with spans',
    lexical: `<table ${XHTML}><tbody><tr><th colspan="2" onclick="x">Head</th></tr><tr><td rowspan="3">a</td><td colspan="javascript:1" width="9">b</td></tr></tbody></table>`,
    html: '<table><tbody><tr><th colspan="2">Head</th></tr><tr><td rowspan="3">a</td><td>b</td></tr></tbody></table>',
  },
  {
    name: 'cell outside a table',
    lexical: `<div ${XHTML}><td>cell</td><tr>row</tr></div>`,
    html: '<div>cellrow</div>',
  },
  {
    name: 'text without elements',
    lexical: 'Plain text &amp; more',
    html: 'Plain text &amp; more',
    text: 'Plain text & more',
  },
  {
    name: 'several top-level elements',
    lexical: `<p ${XHTML}>One</p><p ${XHTML}>Two</p>`,
    html: '<p>One</p><p>Two</p>',
    text: 'One\nTwo',
  },
  { name: 'unclosed element', lexical: `<p ${XHTML}>Text`, html: undefined },
  { name: 'mismatched end tag', lexical: `<p ${XHTML}><b>Text</p></b>`, html: undefined },
  { name: 'undefined entity', lexical: `<p ${XHTML}>a&nbsp;b</p>`, html: undefined },
  { name: 'unbound prefix', lexical: '<x:p>Text</x:p>', html: undefined },
];

describe('XhtmlFragment', () => {
  for (const testCase of CASES) {
    it(`renders ${testCase.name}`, () => {
      const rendering = renderXhtmlFragment(testCase.lexical);
      assert.equal(rendering?.html, testCase.html);
      if (testCase.text !== undefined) {
        assert.equal(rendering?.text, testCase.text);
      }
    });
  }

  it('writes only allowed tags and attributes', () => {
    const allowedTags = /^<\/?(p|div|br|ul|ol|li|b|strong|i|em|u|sub|sup|span|table|caption|thead|tbody|tfoot|tr|td|th|h[1-6]|pre|code)\b/;
    const allowedAttributes = new Set(['colspan', 'rowspan', 'class="muted"']);
    for (const testCase of CASES) {
      const html = renderXhtmlFragment(testCase.lexical)?.html ?? '';
      for (const [tag] of html.matchAll(/<[^>]*>/g)) {
        assert.match(tag, allowedTags, `${testCase.name}: ${tag}`);
        const attributes = [...tag.matchAll(/\s([\w-]+)(="[^"]*")?/g)].map(([, name, value]) => (name === 'class' ? `${name}${value}` : name!));
        for (const attribute of attributes) {
          assert.ok(allowedAttributes.has(attribute), `${testCase.name}: attribute ${attribute} in ${tag}`);
        }
      }
    }
  });

  it('returns XMLLiteral text content', () => {
    const literal = DataFactory.literal(`<div ${XHTML}><p>Lane</p><p>failover</p></div>`, DataFactory.namedNode(RDF('XMLLiteral')));
    assert.equal(literalText(literal), 'Lane\nfailover');
  });

  it('returns malformed XMLLiteral as written', () => {
    const literal = DataFactory.literal('<p>Lane', DataFactory.namedNode(RDF('XMLLiteral')));
    assert.equal(literalText(literal), '<p>Lane');
  });

  it('returns other literals as written', () => {
    assert.equal(literalText(DataFactory.literal('<p>Lane</p>')), '<p>Lane</p>');
  });
});
