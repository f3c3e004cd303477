import { DOMParser } from '@xmldom/xmldom';

/** The DOM types of @xmldom/xmldom, whose HTML mode parses pages leniently (void elements, no XML declaration). */
export type HtmlDocument = ReturnType<DOMParser['parseFromString']>;
export type HtmlElement = NonNullable<ReturnType<HtmlDocument['getElementById']>>;

/** Parses an HTML page; a syntax error fails the test. */
export function parseHtml(html: string): HtmlDocument {
  const errors: string[] = [];
  const document = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(html, 'text/html');
  if (errors.length > 0) {
    throw new Error(`The page is not well-formed HTML: ${errors.join('; ')}`);
  }
  return document;
}

/** Elements with `tag` below `root`, optionally only those with the given class. */
export function elements(root: HtmlDocument | HtmlElement, tag: string, className?: string): HtmlElement[] {
  const all = [...root.getElementsByTagName(tag)] as HtmlElement[];
  return className === undefined ? all : all.filter((element) => (element.getAttribute('class') ?? '').split(/\s+/).includes(className));
}

/** Returns the element with `id`, failing when there is none. */
export function byId(document: HtmlDocument, id: string): HtmlElement {
  const element = document.getElementById(id);
  if (element === null) {
    throw new Error(`The page has no element with id "${id}".`);
  }
  return element as HtmlElement;
}

/** Text content with runs of white space collapsed, as a reader sees it. */
export function text(element: HtmlElement | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A row of a resource page's property table. */
export interface PropertyRow {
  label: string;
  /** The prefixed name shown under the label, such as `dt:partNumber`. */
  name: string;
  value: string;
  cell: HtmlElement;
}

/** Returns the rows of the first property table in `root`, in page order, without those of nested tables. */
export function propertyRows(root: HtmlDocument | HtmlElement): PropertyRow[] {
  const table = elements(root, 'table', 'properties')[0];
  if (table === undefined) {
    throw new Error('The page has no property table.');
  }
  const rows: PropertyRow[] = [];
  for (const row of elements(table, 'tr')) {
    if (row.parentNode !== table && (row.parentNode as HtmlElement | null)?.parentNode !== table) {
      continue;
    }
    const header = elements(row, 'th')[0]!;
    const cell = elements(row, 'td')[0]!;
    const name = text(elements(header, 'code')[0]);
    rows.push({ label: text(header).slice(0, text(header).length - name.length).trim(), name, value: text(cell), cell });
  }
  return rows;
}

/** Links below `root` as `{ href, text }`. */
export function links(root: HtmlDocument | HtmlElement): { href: string; text: string }[] {
  return elements(root, 'a').map((anchor) => ({ href: anchor.getAttribute('href') ?? '', text: text(anchor) }));
}
