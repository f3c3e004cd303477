import { DataFactory } from 'n3';
import type { BlankNode, NamedNode, Quad, Quad_Object, Quad_Subject } from '@rdfjs/types';
import { RDF, RDF_TYPE, XSD } from './namespaces.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

/** Builds a list of triples for documents the server generates (catalog, providers, errors, query results). */
export class GraphBuilder {
  public readonly quads: Quad[] = [];

  /** Adds a triple; a string object is an IRI. */
  public add(subject: Quad_Subject | string, predicate: string, object: Quad_Object | string): this {
    this.quads.push(quad(toSubject(subject), namedNode(predicate), typeof object === 'string' ? namedNode(object) : object));
    return this;
  }

  /** Adds `rdf:type` triples. */
  public type(subject: Quad_Subject | string, ...classes: string[]): this {
    for (const type of classes) {
      this.add(subject, RDF_TYPE, type);
    }
    return this;
  }

  /** Adds a literal; `datatype` defaults to xsd:string. */
  public literal(subject: Quad_Subject | string, predicate: string, value: string | number | boolean, datatype?: string): this {
    let type = datatype;
    if (type === undefined) {
      type = typeof value === 'number' ? (Number.isInteger(value) ? XSD('integer') : XSD('decimal')) : typeof value === 'boolean' ? XSD('boolean') : XSD('string');
    }
    return this.add(subject, predicate, literal(String(value), namedNode(type)));
  }

  /** Adds an rdf:XMLLiteral holding `text` escaped as XML character content. */
  public xmlLiteral(subject: Quad_Subject | string, predicate: string, text: string): this {
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return this.add(subject, predicate, literal(escaped, namedNode(RDF('XMLLiteral'))));
  }

  public blank(): BlankNode {
    return blankNode();
  }

  public iri(value: string): NamedNode {
    return namedNode(value);
  }
}

function toSubject(subject: Quad_Subject | string): Quad_Subject {
  return typeof subject === 'string' ? namedNode(subject) : subject;
}
