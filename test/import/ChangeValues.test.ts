import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { showChange, showValues } from '../../src/import/ChangeValues.js';

const DIV = '<div xmlns="http://www.w3.org/1999/xhtml">';

const cases: [name: string, xhtml: string, text: string][] = [
  ['a link before a full stop', `${DIV}<p>See <a href="https://example.org/ts">trade study</a>. Mode table below.</p></div>`, 'See trade study. Mode table below.'],
  ['bold and subscript inside words', `${DIV}<p>V<sub>ref</sub> is <b>28</b> V<span>DC</span></p></div>`, 'Vref is 28 VDC'],
  ['paragraphs', `${DIV}<p>First.</p><p>Second.</p></div>`, 'First. Second.'],
  ['table cells', `${DIV}<table><tr><td>Mode</td><td>Rate</td></tr></table></div>`, 'Mode Rate'],
  ['a line break', `${DIV}<p>One<br/>two</p></div>`, 'One two'],
  ['a prefixed inline element', '<xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml">Use <xhtml:em>only</xhtml:em>, always</xhtml:div>', 'Use only, always'],
];

describe('ChangeValues XHTML text', () => {
  for (const [name, xhtml, text] of cases) {
    it(`shows ${name}`, () => {
      assert.equal(showValues([xhtml], {}), text);
    });
  }

  it('reports markup-only changes as formatting', () => {
    assert.equal(showChange(`${DIV}<p>The unit shall start.</p></div>`, `${DIV}<p>The unit <b>shall</b> start.</p></div>`, {}), 'formatting changed');
  });
});
