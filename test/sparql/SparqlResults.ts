import { DOMParser, onErrorStopParsing, type Element } from '@xmldom/xmldom';

/**
 * Parsers for the SPARQL 1.1 query results formats (XML, JSON, CSV, TSV), and a comparison that follows
 * the W3C test suite's rules. Columns match by variable name and numeric literals by datatype and value.
 * Blank nodes match by structure, with one consistent relabelling for the whole result. Row order counts
 * only when the query has ORDER BY.
 */

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XSD_STRING = `${XSD}string`;
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
const RESULTS_NS = 'http://www.w3.org/2005/sparql-results#';

/** Maximum number of row comparisons one result comparison may make before it gives up. */
const MAX_ROW_COMPARISONS = 1_000_000;

/**
 * An RDF term in a result. Literals always carry a datatype: xsd:string when the format gives none,
 * rdf:langString when they have a language tag. A CSV cell has no term type, so it is `text`.
 */
export type ResultTerm =
  | { type: 'uri'; value: string }
  | { type: 'bnode'; value: string }
  | { type: 'literal'; value: string; datatype: string; language?: string }
  | { type: 'text'; value: string };

/** One solution: variable name (without `?`) to term. Unbound variables are absent. */
export type Solution = Map<string, ResultTerm>;

export type QueryResults = { kind: 'boolean'; value: boolean } | { kind: 'bindings'; variables: string[]; solutions: Solution[] };

const DECIMAL_DATATYPES = new Set(
  [
    'decimal',
    'integer',
    'nonPositiveInteger',
    'negativeInteger',
    'long',
    'int',
    'short',
    'byte',
    'nonNegativeInteger',
    'unsignedLong',
    'unsignedInt',
    'unsignedShort',
    'unsignedByte',
    'positiveInteger',
  ].map((name) => XSD + name),
);
const FLOATING_DATATYPES = new Set([`${XSD}double`, `${XSD}float`]);

function literal(value: string, datatype: string | undefined, language: string | undefined): ResultTerm {
  if (language !== undefined && language !== '') {
    return { type: 'literal', value, datatype: RDF_LANG_STRING, language: language.toLowerCase() };
  }
  return { type: 'literal', value, datatype: datatype ?? XSD_STRING };
}

// --- SPARQL 1.1 Query Results JSON Format ---

interface JsonTerm {
  type: string;
  value: string;
  datatype?: string;
  'xml:lang'?: string;
}

/** Parses a SPARQL 1.1 Query Results JSON document. */
export function parseJsonResults(text: string): QueryResults {
  const document = JSON.parse(text) as { head?: { vars?: string[] }; boolean?: boolean; results?: { bindings?: Record<string, JsonTerm>[] } };
  if (typeof document.boolean === 'boolean') {
    return { kind: 'boolean', value: document.boolean };
  }
  if (document.results?.bindings === undefined) {
    throw new Error('Invalid SPARQL JSON results: neither "boolean" nor "results.bindings" is present.');
  }
  const solutions = document.results.bindings.map((row) => {
    const solution: Solution = new Map();
    for (const [name, term] of Object.entries(row)) {
      solution.set(name, jsonTerm(term));
    }
    return solution;
  });
  return { kind: 'bindings', variables: document.head?.vars ?? [], solutions };
}

function jsonTerm(term: JsonTerm): ResultTerm {
  switch (term.type) {
    case 'uri':
      return { type: 'uri', value: term.value };
    case 'bnode':
      return { type: 'bnode', value: term.value };
    case 'literal':
    case 'typed-literal':
      return literal(term.value, term.datatype, term['xml:lang']);
    default:
      throw new Error(`Invalid SPARQL JSON results: unknown term type "${term.type}".`);
  }
}

// --- SPARQL Query Results XML Format ---

/** Parses a SPARQL Query Results XML document. */
export function parseXmlResults(text: string): QueryResults {
  const document = new DOMParser({ onError: onErrorStopParsing }).parseFromString(text, 'application/xml');
  const root = document.documentElement;
  if (root === null || root.localName !== 'sparql' || root.namespaceURI !== RESULTS_NS) {
    throw new Error(`Invalid SPARQL XML results: the root element is not <sparql> in ${RESULTS_NS}.`);
  }

  const head = childElements(root, 'head')[0];
  const variables = head === undefined ? [] : childElements(head, 'variable').map((variable) => variable.getAttribute('name') ?? '');

  const booleanElement = childElements(root, 'boolean')[0];
  if (booleanElement !== undefined) {
    const value = (booleanElement.textContent ?? '').trim();
    if (value !== 'true' && value !== 'false') {
      throw new Error(`Invalid SPARQL XML results: <boolean> contains "${value}".`);
    }
    return { kind: 'boolean', value: value === 'true' };
  }

  const results = childElements(root, 'results')[0];
  if (results === undefined) {
    throw new Error('Invalid SPARQL XML results: neither <boolean> nor <results> is present.');
  }
  const solutions = childElements(results, 'result').map((result) => {
    const solution: Solution = new Map();
    for (const binding of childElements(result, 'binding')) {
      const name = binding.getAttribute('name');
      const term = childElements(binding)[0];
      if (name === null || term === undefined) {
        throw new Error('Invalid SPARQL XML results: a <binding> is missing its name attribute or its term.');
      }
      solution.set(name, xmlTerm(term));
    }
    return solution;
  });
  return { kind: 'bindings', variables, solutions };
}

function xmlTerm(element: Element): ResultTerm {
  const value = element.textContent ?? '';
  switch (element.localName) {
    case 'uri':
      return { type: 'uri', value };
    case 'bnode':
      return { type: 'bnode', value };
    case 'literal':
      return literal(value, element.getAttribute('datatype') ?? undefined, element.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang') ?? undefined);
    default:
      throw new Error(`Invalid SPARQL XML results: unknown term element <${element.localName}>.`);
  }
}

/** Child elements in the results namespace, optionally only those with a local name. */
function childElements(parent: Element, localName?: string): Element[] {
  const elements: Element[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    const element = node as Element;
    if (node.nodeType === node.ELEMENT_NODE && element.namespaceURI === RESULTS_NS && (localName === undefined || element.localName === localName)) {
      elements.push(element);
    }
  }
  return elements;
}

// --- SPARQL 1.1 Query Results TSV Format ---

/** Parses a SPARQL 1.1 Query Results TSV document: a `?var` header line, then one term per cell. */
export function parseTsvResults(text: string): QueryResults {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.at(-1) === '') {
    lines.pop();
  }
  const header = lines.shift();
  if (header === undefined) {
    throw new Error('Invalid SPARQL TSV results: the header line is missing.');
  }
  const variables = header.split('\t').map((cell) => {
    if (!/^[?$]/.test(cell)) {
      throw new Error(`Invalid SPARQL TSV results: the header cell "${cell}" is not a variable.`);
    }
    return cell.slice(1);
  });

  const solutions = lines.map((line, index) => {
    const cells = line.split('\t');
    if (cells.length !== variables.length) {
      throw new Error(`Invalid SPARQL TSV results: line ${index + 2} has ${cells.length} cells, but the header has ${variables.length}.`);
    }
    const solution: Solution = new Map();
    cells.forEach((cell, column) => {
      if (cell !== '') {
        solution.set(variables[column]!, tsvTerm(cell));
      }
    });
    return solution;
  });
  return { kind: 'bindings', variables, solutions };
}

/** Parses one TSV cell, which is written in Turtle/N-Triples term syntax. */
function tsvTerm(cell: string): ResultTerm {
  if (cell.startsWith('<') && cell.endsWith('>')) {
    return { type: 'uri', value: unescapeString(cell.slice(1, -1)) };
  }
  if (cell.startsWith('_:')) {
    return { type: 'bnode', value: cell.slice(2) };
  }
  const quoted = /^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^<([^>]*)>)?$/.exec(cell);
  if (quoted !== null) {
    return literal(unescapeString(quoted[1]!), quoted[3] === undefined ? undefined : unescapeString(quoted[3]), quoted[2]);
  }
  if (/^[+-]?\d+$/.test(cell)) {
    return literal(cell, `${XSD}integer`, undefined);
  }
  if (/^[+-]?\d*\.\d+$/.test(cell)) {
    return literal(cell, `${XSD}decimal`, undefined);
  }
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(cell)) {
    return literal(cell, `${XSD}double`, undefined);
  }
  if (cell === 'true' || cell === 'false') {
    return literal(cell, `${XSD}boolean`, undefined);
  }
  throw new Error(`Invalid SPARQL TSV results: the cell ${JSON.stringify(cell)} is not an RDF term.`);
}

const STRING_ESCAPES: Record<string, string> = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\' };

function unescapeString(text: string): string {
  return text.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g, (match, short: string | undefined, long: string | undefined, single: string | undefined) => {
    if (short !== undefined || long !== undefined) {
      return String.fromCodePoint(parseInt(short ?? long!, 16));
    }
    const replacement = STRING_ESCAPES[single!];
    if (replacement === undefined) {
      throw new Error(`Invalid escape ${match} in a SPARQL TSV term.`);
    }
    return replacement;
  });
}

// --- SPARQL 1.1 Query Results CSV Format ---

/**
 * Parses a SPARQL 1.1 Query Results CSV document (RFC 4180 quoting). CSV drops term types, so each
 * cell becomes `text`, except that a cell starting with `_:` is taken as a blank node so labels can be
 * matched by structure. An empty cell is taken as unbound.
 */
export function parseCsvResults(text: string): QueryResults {
  const records = parseCsvRecords(text);
  const header = records.shift();
  if (header === undefined) {
    throw new Error('Invalid SPARQL CSV results: the header line is missing.');
  }
  const solutions = records.map((record, index) => {
    if (record.length !== header.length) {
      throw new Error(`Invalid SPARQL CSV results: record ${index + 2} has ${record.length} fields, but the header has ${header.length}.`);
    }
    const solution: Solution = new Map();
    record.forEach((field, column) => {
      if (field !== '') {
        solution.set(header[column]!, field.startsWith('_:') ? { type: 'bnode', value: field.slice(2) } : { type: 'text', value: field });
      }
    });
    return solution;
  });
  return { kind: 'bindings', variables: header, solutions };
}

function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
      index++;
      continue;
    }
    if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (char === '\r' && text[index + 1] === '\n') {
        index++;
      }
    } else {
      field += char;
    }
    index++;
  }
  if (quoted) {
    throw new Error('Invalid SPARQL CSV results: a quoted field is not closed.');
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

// --- Comparison ---

/**
 * Returns the canonical lexical form of a numeric literal's value, or undefined when the literal is not
 * numeric or its lexical form is invalid. Integers and decimals compare exactly, floats and doubles as
 * IEEE 754 doubles.
 */
function numericValue(term: ResultTerm): string | undefined {
  if (term.type !== 'literal') {
    return undefined;
  }
  if (FLOATING_DATATYPES.has(term.datatype)) {
    const value = term.value.trim();
    if (value === 'INF' || value === '+INF') {
      return 'Infinity';
    }
    if (value === '-INF') {
      return '-Infinity';
    }
    const number = Number(value);
    return value === 'NaN' || !Number.isNaN(number) ? String(number) : undefined;
  }
  if (DECIMAL_DATATYPES.has(term.datatype)) {
    const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(term.value.trim());
    if (match === null || (match[2] === '' && (match[3] ?? '') === '')) {
      return undefined;
    }
    const integer = match[2]!.replace(/^0+/, '') || '0';
    const fraction = (match[3] ?? '').replace(/0+$/, '');
    const magnitude = fraction === '' ? integer : `${integer}.${fraction}`;
    return match[1] === '-' && magnitude !== '0' ? `-${magnitude}` : magnitude;
  }
  return undefined;
}

/** Returns a key that is equal for terms that are equal under the comparison rules. Every blank node gets `_`. */
function termKey(term: ResultTerm | undefined): string {
  if (term === undefined) {
    return '';
  }
  switch (term.type) {
    case 'uri':
      return `<${term.value}>`;
    case 'bnode':
      return '_';
    case 'text':
      return JSON.stringify(term.value);
    case 'literal':
      return `${JSON.stringify(numericValue(term) ?? term.value)}^^<${term.datatype}>@${term.language ?? ''}`;
  }
}

/** Writes a term in N-Triples-like syntax, for failure messages. */
export function formatTerm(term: ResultTerm): string {
  switch (term.type) {
    case 'uri':
      return `<${term.value}>`;
    case 'bnode':
      return `_:${term.value}`;
    case 'text':
      return JSON.stringify(term.value);
    case 'literal':
      if (term.language !== undefined) {
        return `${JSON.stringify(term.value)}@${term.language}`;
      }
      return term.datatype === XSD_STRING ? JSON.stringify(term.value) : `${JSON.stringify(term.value)}^^<${term.datatype}>`;
  }
}

/** Writes solutions one per line, with variables in the given order, for failure messages. */
export function formatSolutions(solutions: readonly Solution[], variables: readonly string[]): string {
  return solutions.map((solution) => variables.map((name) => `?${name}=${solution.has(name) ? formatTerm(solution.get(name)!) : 'UNBOUND'}`).join(' ')).join('\n');
}

/** A bijection between the blank node labels of the expected and the actual result. */
interface BlankNodeMapping {
  expectedToActual: Map<string, string>;
  actualToExpected: Map<string, string>;
}

function copyMapping(mapping: BlankNodeMapping): BlankNodeMapping {
  return { expectedToActual: new Map(mapping.expectedToActual), actualToExpected: new Map(mapping.actualToExpected) };
}

/** Checks one solution against another, extending `mapping` in place, and returns false on a mismatch. */
function matchSolution(expected: Solution, actual: Solution, variables: readonly string[], mapping: BlankNodeMapping): boolean {
  for (const name of variables) {
    const expectedTerm = expected.get(name);
    const actualTerm = actual.get(name);
    if (expectedTerm === undefined || actualTerm === undefined) {
      if (expectedTerm !== actualTerm) {
        return false;
      }
      continue;
    }
    if (expectedTerm.type === 'bnode' && actualTerm.type === 'bnode') {
      const mapped = mapping.expectedToActual.get(expectedTerm.value);
      const reverse = mapping.actualToExpected.get(actualTerm.value);
      if (mapped === undefined && reverse === undefined) {
        mapping.expectedToActual.set(expectedTerm.value, actualTerm.value);
        mapping.actualToExpected.set(actualTerm.value, expectedTerm.value);
      } else if (mapped !== actualTerm.value || reverse !== expectedTerm.value) {
        return false;
      }
      continue;
    }
    if (termKey(expectedTerm) !== termKey(actualTerm) || expectedTerm.type !== actualTerm.type) {
      return false;
    }
  }
  return true;
}

function hasBlankNode(solution: Solution): boolean {
  return [...solution.values()].some((term) => term.type === 'bnode');
}

function solutionKey(solution: Solution, variables: readonly string[]): string {
  return variables.map((name) => termKey(solution.get(name))).join('\t');
}

/**
 * Checks that two solution sequences are equal under the W3C rules, comparing the bindings of
 * `variables`. With `ordered`, solution i must match solution i; otherwise they match as
 * multisets. Throws when the search for a blank node mapping exceeds MAX_ROW_COMPARISONS.
 */
export function solutionsMatch(expected: readonly Solution[], actual: readonly Solution[], variables: readonly string[], ordered: boolean): boolean {
  if (expected.length !== actual.length) {
    return false;
  }
  if (ordered) {
    const mapping: BlankNodeMapping = { expectedToActual: new Map(), actualToExpected: new Map() };
    return expected.every((solution, index) => matchSolution(solution, actual[index]!, variables, mapping));
  }

  // Solutions without blank nodes match by key, as multisets.
  const counts = new Map<string, number>();
  for (const solution of expected.filter((candidate) => !hasBlankNode(candidate))) {
    const key = solutionKey(solution, variables);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const solution of actual.filter((candidate) => !hasBlankNode(candidate))) {
    const key = solutionKey(solution, variables);
    const count = counts.get(key) ?? 0;
    if (count === 0) {
      return false;
    }
    counts.set(key, count - 1);
  }
  if ([...counts.values()].some((count) => count !== 0)) {
    return false;
  }

  // Solutions with blank nodes need one label mapping for all of them, found by backtracking.
  const expectedBlank = expected.filter(hasBlankNode);
  const actualBlank = actual.filter(hasBlankNode);
  if (expectedBlank.length !== actualBlank.length) {
    return false;
  }
  const actualKeys = actualBlank.map((solution) => solutionKey(solution, variables));
  const used = new Array<boolean>(actualBlank.length).fill(false);
  let comparisons = 0;

  const search = (index: number, mapping: BlankNodeMapping): boolean => {
    if (index === expectedBlank.length) {
      return true;
    }
    const key = solutionKey(expectedBlank[index]!, variables);
    for (let candidate = 0; candidate < actualBlank.length; candidate++) {
      if (used[candidate] || actualKeys[candidate] !== key) {
        continue;
      }
      comparisons++;
      if (comparisons > MAX_ROW_COMPARISONS) {
        throw new Error(`Matching blank nodes gave up after ${MAX_ROW_COMPARISONS} row comparisons; the results have too many blank nodes to compare.`);
      }
      const extended = copyMapping(mapping);
      if (!matchSolution(expectedBlank[index]!, actualBlank[candidate]!, variables, extended)) {
        continue;
      }
      used[candidate] = true;
      if (search(index + 1, extended)) {
        return true;
      }
      used[candidate] = false;
    }
    return false;
  };
  return search(0, { expectedToActual: new Map(), actualToExpected: new Map() });
}
