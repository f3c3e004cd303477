import type { Quad, Term } from '@rdfjs/types';
import { PREFIXES, RDF_TYPE, XSD } from './namespaces.js';

/**
 * Writes RDF/XML (W3C RDF 1.1 XML Syntax) with prefixes, typed node elements, and blank nodes that are
 * the object of exactly one triple nested inside it. Strings are built directly, because rdflib's
 * writer costs about 30 times n3's Turtle writer per resource and RDF/XML is what Jazz clients ask for.
 */
export function writeRdfXml(quads: readonly Quad[], prefixes: Record<string, string> = PREFIXES): string {
  const namespaces = new NamespaceTable(prefixes);
  const bySubject = new Map<string, Quad[]>();
  const objectCounts = new Map<string, number>();

  for (const quad of quads) {
    const key = termKey(quad.subject);
    const list = bySubject.get(key);
    if (list === undefined) {
      bySubject.set(key, [quad]);
    } else {
      list.push(quad);
    }
    if (quad.object.termType === 'BlankNode') {
      const objectKey = termKey(quad.object);
      objectCounts.set(objectKey, (objectCounts.get(objectKey) ?? 0) + 1);
    }
  }

  // A blank node used as object exactly once is written inside that property; others stand alone.
  const nested = new Set<string>();
  for (const [key, count] of objectCounts) {
    if (count === 1 && bySubject.has(key)) {
      nested.add(key);
    }
  }

  const writing = new Set<string>();
  const body: string[] = [];
  const writeNode = (key: string, indent: string): void => {
    const subjectQuads = bySubject.get(key) ?? [];
    const subject = subjectQuads[0]?.subject;
    writing.add(key);

    const typeQuad = subjectQuads.find(
      (quad) => quad.predicate.value === RDF_TYPE && quad.object.termType === 'NamedNode' && namespaces.canName(quad.object.value),
    );
    const element = typeQuad === undefined ? 'rdf:Description' : namespaces.qname(typeQuad.object.value);
    let attributes = '';
    if (subject?.termType === 'NamedNode') {
      attributes = ` rdf:about="${escapeAttribute(subject.value)}"`;
    } else if (subject?.termType === 'BlankNode' && !nested.has(key)) {
      attributes = ` rdf:nodeID="${nodeId(subject.value)}"`;
    }

    const properties = subjectQuads.filter((quad) => quad !== typeQuad);
    if (properties.length === 0) {
      body.push(`${indent}<${element}${attributes}/>`);
      return;
    }
    body.push(`${indent}<${element}${attributes}>`);
    for (const quad of properties) {
      writeProperty(quad, `${indent}  `);
    }
    body.push(`${indent}</${element}>`);
  };

  const writeProperty = (quad: Quad, indent: string): void => {
    const name = namespaces.qname(quad.predicate.value);
    const object = quad.object;
    if (object.termType === 'NamedNode') {
      body.push(`${indent}<${name} rdf:resource="${escapeAttribute(object.value)}"/>`);
    } else if (object.termType === 'BlankNode') {
      const key = termKey(object);
      if (nested.has(key) && !writing.has(key)) {
        body.push(`${indent}<${name}>`);
        writeNode(key, `${indent}  `);
        body.push(`${indent}</${name}>`);
      } else {
        body.push(`${indent}<${name} rdf:nodeID="${nodeId(object.value)}"/>`);
      }
    } else if (object.termType === 'Literal') {
      const literal = object as Term & { language: string; datatype: { value: string } };
      let attributes = '';
      if (literal.language !== '') {
        attributes = ` xml:lang="${escapeAttribute(literal.language)}"`;
      } else if (literal.datatype.value !== XSD('string')) {
        attributes = ` rdf:datatype="${escapeAttribute(literal.datatype.value)}"`;
      }
      body.push(`${indent}<${name}${attributes}>${escapeText(object.value)}</${name}>`);
    }
  };

  for (const key of bySubject.keys()) {
    if (!nested.has(key)) {
      writeNode(key, '  ');
    }
  }
  // Blank nodes that only occur in a cycle among themselves were never reached from a top-level node.
  for (const key of nested) {
    if (!writing.has(key)) {
      nested.delete(key);
      writeNode(key, '  ');
    }
  }

  return `<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF${namespaces.declarations()}>\n${body.join('\n')}${body.length > 0 ? '\n' : ''}</rdf:RDF>\n`;
}

/** Prefixes for the namespaces a document uses, inventing `ns1`, `ns2`, ... for unknown ones. */
class NamespaceTable {
  private readonly used = new Map<string, string>();
  private readonly known: [string, string][];
  private generated = 0;

  public constructor(prefixes: Record<string, string>) {
    this.known = Object.entries(prefixes).sort((a, b) => b[1].length - a[1].length);
    this.used.set(PREFIXES.rdf, 'rdf');
  }

  /** Returns `prefix:local` for an IRI, splitting it where the local part is a valid XML name. */
  public qname(iri: string): string {
    for (const [prefix, namespace] of this.known) {
      if (iri.startsWith(namespace) && isNcName(iri.slice(namespace.length))) {
        this.used.set(namespace, prefix);
        return `${prefix}:${iri.slice(namespace.length)}`;
      }
    }
    const match = LOCAL_NAME.exec(iri);
    if (match === null || match.index === 0) {
      throw new RdfXmlUnrepresentableError(`The IRI <${iri}> cannot be written as an RDF/XML property name, because it does not end in an XML name.`);
    }
    const namespace = iri.slice(0, match.index);
    let prefix = this.used.get(namespace);
    if (prefix === undefined) {
      prefix = `ns${++this.generated}`;
      this.used.set(namespace, prefix);
    }
    return `${prefix}:${match[0]}`;
  }

  /** Whether an IRI can be written as an element name. */
  public canName(iri: string): boolean {
    const match = LOCAL_NAME.exec(iri);
    return match !== null && match.index > 0;
  }

  public declarations(): string {
    return [...this.used].map(([namespace, prefix]) => ` xmlns:${prefix}="${escapeAttribute(namespace)}"`).join('');
  }
}

/** A graph whose predicate IRIs do not end in an XML name cannot be written as RDF/XML. */
export class RdfXmlUnrepresentableError extends Error {}

const LOCAL_NAME = /[A-Za-z_][A-Za-z0-9_.-]*$/;

function isNcName(local: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(local);
}

function termKey(term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

function nodeId(label: string): string {
  const clean = label.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(clean) ? clean : `b${clean}`;
}

/** Characters XML 1.0 cannot carry at all; they are replaced with U+FFFD. */
const INVALID_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function escapeText(text: string): string {
  return text
    .replace(INVALID_XML_CHARACTERS, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
