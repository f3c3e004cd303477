import type { XmlElement } from '../xml/XmlStream.js';

/**
 * Serializes the content of a ReqIF ATTRIBUTE-VALUE-XHTML, whose THE-VALUE element contains elements of the
 * XHTML namespace, as standalone XHTML, and derives its plain text.
 */

export const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** Elements after which the plain text starts a new line. */
const BLOCK_ELEMENTS = new Set([
  'address', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr',
  'li', 'ol', 'p', 'pre', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/**
 * Builds the XHTML string and the plain text of one THE-VALUE element from parser events. Top-level
 * elements carry an `xmlns` declaration, so each value reads on its own whatever prefix the file used.
 */
export class XhtmlValueWriter {
  private readonly markup: string[] = [];
  private readonly text: string[] = [];
  /** Number of XHTML elements open; 0 when the next end tag closes THE-VALUE itself. */
  public depth = 0;
  private readonly openUris: string[] = [];

  public open(element: XmlElement): void {
    const parentUri = this.openUris[this.openUris.length - 1];
    let tag = `<${element.local}`;
    if (parentUri !== element.uri) {
      tag += ` xmlns="${escapeAttribute(element.uri)}"`;
    }
    for (const attribute of element.allAttributes) {
      if (attribute.prefix === 'xmlns' || (attribute.prefix === '' && attribute.local === 'xmlns')) {
        continue;
      }
      const name = attribute.prefix === 'xml' ? `xml:${attribute.local}` : attribute.local;
      tag += ` ${name}="${escapeAttribute(attribute.value)}"`;
    }
    this.markup.push(`${tag}>`);
    this.openUris.push(element.uri);
    this.depth += 1;
  }

  public close(local: string): void {
    this.markup.push(`</${local}>`);
    this.openUris.pop();
    this.depth -= 1;
    if (BLOCK_ELEMENTS.has(local)) {
      this.text.push('\n');
    }
  }

  public characters(text: string): void {
    if (this.depth === 0) {
      // Whitespace between THE-VALUE and its first element is layout, not content.
      if (text.trim() === '') {
        return;
      }
    }
    this.markup.push(escapeText(text));
    this.text.push(text);
  }

  /** Returns the serialized XHTML. An element without content is written as an empty-element tag (`<br/>`). */
  public xhtml(): string {
    return this.markup.join('').replace(/<([A-Za-z][\w.-]*)([^<>]*)><\/\1>/g, '<$1$2/>').trim();
  }

  /** Returns the plain text, with runs of white space folded to one space and one line per block element. */
  public plainText(): string {
    return this.text
      .join('')
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter((line) => line !== '')
      .join('\n');
  }
}
