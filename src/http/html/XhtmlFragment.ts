import type { Literal } from '@rdfjs/types';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { RDF } from '../../rdf/namespaces.js';
import { escapeHtml } from './Html.js';

/**
 * Renders the lexical form of an rdf:XMLLiteral, such as the XHTML rich text of a ReqIF import, as HTML
 * that is safe to put into a page. The value is parsed as XML and rebuilt from an allow-list, so stored
 * markup never executes. Elements of the XHTML namespace or of no namespace whose names are in
 * ALLOWED_ELEMENTS are kept without attributes, except a table cell's numeric `colspan` and `rowspan`.
 * Elements in DROPPED_ELEMENTS are dropped with their content. Any other element (such as `a`, `font`
 * or `img`) is dropped but its text is kept, so no `href`, `src` or event-handler attribute survives.
 */

const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** Elements kept as they are: text structure, lists, tables and inline emphasis. */
const ALLOWED_ELEMENTS = new Set([
  'p', 'div', 'br', 'ul', 'ol', 'li', 'b', 'strong', 'i', 'em', 'u', 'sub', 'sup', 'span',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'code',
]);

/** Elements whose content is code, embedded data or form controls rather than text to read. */
const DROPPED_ELEMENTS = new Set([
  'script', 'style', 'template', 'noscript', 'object', 'embed', 'applet', 'iframe', 'frame', 'frameset',
  'form', 'input', 'textarea', 'select', 'button', 'svg', 'math', 'head', 'title', 'link', 'meta', 'base',
]);

/** Dropped elements that stand for content the reader should know is missing, such as a ReqIF image. */
const EMBEDDING_ELEMENTS = new Set(['object', 'embed', 'applet', 'iframe', 'img']);

/** Elements that start and end a line of the plain text. */
const BLOCK_ELEMENTS = new Set([
  'address', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr',
  'li', 'ol', 'p', 'pre', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/**
 * Table parts and the elements they must sit in. A cell outside a row of the value's own table would
 * close the page's table cell that contains the value, so such a part is unwrapped instead.
 */
const REQUIRED_PARENTS = new Map([
  ['caption', ['table']],
  ['thead', ['table']],
  ['tbody', ['table']],
  ['tfoot', ['table']],
  ['tr', ['table', 'thead', 'tbody', 'tfoot']],
  ['td', ['tr']],
  ['th', ['tr']],
]);

/** Elements that HTML writes without an end tag. */
const VOID_ELEMENTS = new Set(['br']);

/** Values of `colspan` and `rowspan` that are kept: whole numbers from 1 to 1000, the largest colspan that HTML honours. */
const SPAN_VALUE = /^[1-9]\d{0,2}$|^1000$/;

/** Text shown where an embedded object, such as a ReqIF image, is left out. */
export const OMITTED_OBJECT_TEXT = '[embedded object not shown]';

/** An rdf:XMLLiteral as safe HTML and as plain text. */
export interface XhtmlRendering {
  /** HTML built from the allow-list; all text is escaped. */
  html: string;
  /** Text content with a line per block element and runs of white space folded to one space. */
  text: string;
  /** Whether the value contains any element, or is text only (as a plain value written as XMLLiteral). */
  hasElements: boolean;
}

/** One open element: the tag written for it, if any, and whether it drops its content. */
interface OpenElement {
  written?: string;
  dropsContent: boolean;
}

/**
 * Renders an rdf:XMLLiteral lexical form (an XML fragment: text and elements, with any number of top-level
 * elements). Returns undefined when the value is not well-formed XML.
 */
export function renderXhtmlFragment(lexical: string): XhtmlRendering | undefined {
  const parser = new SaxesParser({ xmlns: true, fragment: true, position: false });
  const html: string[] = [];
  const text: string[] = [];
  const open: OpenElement[] = [];
  let hasElements = false;
  let dropping = 0;
  let failed = false;

  parser.on('error', () => {
    failed = true;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    hasElements = true;
    const local = tag.local;
    if (dropping === 0 && BLOCK_ELEMENTS.has(local)) {
      text.push('\n');
    }
    const xhtml = tag.uri === XHTML_NS || tag.uri === '';
    if (dropping > 0 || !xhtml || DROPPED_ELEMENTS.has(local) || EMBEDDING_ELEMENTS.has(local)) {
      if (dropping === 0 && xhtml && EMBEDDING_ELEMENTS.has(local)) {
        html.push(`<span class="muted">${escapeHtml(OMITTED_OBJECT_TEXT)}</span>`);
        text.push(OMITTED_OBJECT_TEXT);
      }
      // An element of another namespace (SVG, MathML, a tool's own) is dropped whole, because its text is
      // no prose to read.
      const dropsContent = dropping > 0 || !xhtml || DROPPED_ELEMENTS.has(local);
      open.push({ dropsContent });
      dropping += dropsContent ? 1 : 0;
      return;
    }
    if (!ALLOWED_ELEMENTS.has(local) || !inRequiredParent(local, open)) {
      open.push({ dropsContent: false });
      return;
    }
    html.push(`<${local}${spanAttributes(tag)}>`);
    open.push({ written: local, dropsContent: false });
  });
  parser.on('closetag', (tag: SaxesTagNS) => {
    const element = open.pop();
    if (element?.dropsContent === true) {
      dropping -= 1;
      return;
    }
    if (element?.written !== undefined && !VOID_ELEMENTS.has(element.written)) {
      html.push(`</${element.written}>`);
    }
    if (BLOCK_ELEMENTS.has(tag.local)) {
      text.push('\n');
    }
  });
  const addCharacters = (characters: string): void => {
    if (dropping === 0) {
      html.push(escapeHtml(characters));
      text.push(characters);
    }
  };
  parser.on('text', addCharacters);
  parser.on('cdata', addCharacters);

  parser.write(lexical);
  if (!failed) {
    parser.close();
  }
  if (failed) {
    return undefined;
  }
  return { html: html.join('').trim(), text: foldText(text.join('')), hasElements };
}

/**
 * Returns the text of a literal for places that show text only, such as titles, link texts and previews.
 * An rdf:XMLLiteral gives its text content with a line per block element. Any other literal, and an
 * XMLLiteral that is not well-formed XML, is returned as written.
 */
export function literalText(literal: Literal): string {
  if (literal.datatype.value !== RDF('XMLLiteral')) {
    return literal.value;
  }
  return renderXhtmlFragment(literal.value)?.text ?? literal.value;
}

/** Returns whether a table part has the parent it needs among the elements written so far. */
function inRequiredParent(local: string, open: readonly OpenElement[]): boolean {
  const parents = REQUIRED_PARENTS.get(local);
  if (parents === undefined) {
    return true;
  }
  const parent = [...open].reverse().find((element) => element.written !== undefined)?.written;
  return parent !== undefined && parents.includes(parent);
}

/** Returns the `colspan` and `rowspan` attributes of a table cell whose values are small whole numbers. */
function spanAttributes(tag: SaxesTagNS): string {
  if (tag.local !== 'td' && tag.local !== 'th') {
    return '';
  }
  let written = '';
  for (const name of ['colspan', 'rowspan']) {
    const attribute = tag.attributes[name];
    if (attribute !== undefined && attribute.uri === '' && SPAN_VALUE.test(attribute.value.trim())) {
      written += ` ${name}="${attribute.value.trim()}"`;
    }
  }
  return written;
}

function foldText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
