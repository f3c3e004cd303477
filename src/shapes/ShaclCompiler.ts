import { DataFactory } from 'n3';
import type { Quad, Quad_Object, Quad_Subject } from '@rdfjs/types';
import { DT, OSLC, RDF, RDF_TYPE, SH, XSD } from '../rdf/namespaces.js';
import type { PropertyShape, ResourceShape } from './ResourceShape.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

/** Value types whose values may be plain, language-tagged or XML literals, as OSLC clients send titles all three ways. */
const TEXT_VALUE_TYPES = new Set([XSD('string'), RDF('XMLLiteral')]);

const RESOURCE_VALUE_TYPES = new Set([OSLC('Resource'), OSLC('AnyResource'), OSLC('LocalResource')]);

/** Returns the IRI of the SHACL document compiled from a shape. */
export function shaclDocumentIri(shape: ResourceShape): string {
  return `${shape.iri}/shacl`;
}

/** Returns the IRI of the sh:NodeShape compiled from a shape. */
export function nodeShapeIri(shape: ResourceShape): string {
  return `${shaclDocumentIri(shape)}#NodeShape`;
}

/**
 * Compiles OSLC resource shapes into SHACL, so that one definition drives both the published OSLC
 * shapes and write validation. The mapping follows the correspondence the OSLC Resource Shape
 * specification draws: oslc:occurs to sh:minCount/sh:maxCount, oslc:valueType to sh:datatype or
 * sh:nodeKind, oslc:allowedValue to sh:in, oslc:maxSize to sh:maxLength, oslc:valueShape to sh:node.
 * oslc:readOnly and oslc:range have no SHACL counterpart here: the server enforces read-only properties
 * itself, and range targets live in other graphs that validation of one resource cannot see.
 */
export class ShaclCompiler {
  public constructor(private readonly shapes: readonly ResourceShape[]) {}

  /** Returns the SHACL triples for one shape. */
  public compile(shape: ResourceShape): Quad[] {
    const quads: Quad[] = [];
    const node = namedNode(nodeShapeIri(shape));
    quads.push(quad(node, namedNode(RDF_TYPE), namedNode(SH('NodeShape'))));
    quads.push(quad(node, namedNode(SH('targetClass')), namedNode(shape.describes[0]!)));
    quads.push(quad(node, namedNode(RDFS_LABEL), literal(shape.title)));

    for (const property of shape.properties) {
      const propertyNode = namedNode(`${shaclDocumentIri(shape)}#${property.name}`);
      quads.push(quad(node, namedNode(SH('property')), propertyNode));
      quads.push(...this.compileProperty(propertyNode, property));
    }

    quads.push(...this.compileExportControlRules(node, shape));
    return quads;
  }

  /** Returns the SHACL triples for all shapes, for one validator that follows sh:node across them. */
  public compileAll(): Quad[] {
    return this.shapes.flatMap((shape) => this.compile(shape));
  }

  private compileProperty(node: Quad_Subject, property: PropertyShape): Quad[] {
    const quads: Quad[] = [];
    const add = (predicate: string, object: Quad_Object): void => {
      quads.push(quad(node, namedNode(predicate), object));
    };

    add(RDF_TYPE, namedNode(SH('PropertyShape')));
    add(SH('path'), namedNode(property.propertyDefinition));
    add(SH('name'), literal(property.name));
    if (property.minCount > 0) {
      add(SH('minCount'), literal(String(property.minCount), namedNode(XSD('integer'))));
    }
    if (property.maxCount !== undefined) {
      add(SH('maxCount'), literal(String(property.maxCount), namedNode(XSD('integer'))));
    }

    if (property.valueType !== undefined && TEXT_VALUE_TYPES.has(property.valueType)) {
      const alternatives = [XSD('string'), RDF('langString'), RDF('XMLLiteral')].map((datatype) => {
        const alternative = blankNode();
        quads.push(quad(alternative, namedNode(SH('datatype')), namedNode(datatype)));
        return alternative;
      });
      add(SH('or'), this.list(alternatives, quads));
    } else if (property.valueType !== undefined && RESOURCE_VALUE_TYPES.has(property.valueType)) {
      const nodeKind = property.representation === OSLC('Reference') ? SH('IRI') : SH('BlankNodeOrIRI');
      add(SH('nodeKind'), namedNode(nodeKind));
    } else if (property.valueType !== undefined) {
      add(SH('datatype'), namedNode(property.valueType));
    }

    if (property.allowedValues.length > 0) {
      add(SH('in'), this.list(property.allowedValues as Quad_Object[], quads));
    }
    if (property.maxSize !== undefined) {
      add(SH('maxLength'), literal(String(property.maxSize), namedNode(XSD('integer'))));
    }
    if (property.valueShape !== undefined) {
      const target = this.shapes.find((shape) => shape.iri === property.valueShape);
      if (target !== undefined) {
        add(SH('node'), namedNode(nodeShapeIri(target)));
      }
    }
    for (const constraint of property.shaclConstraints) {
      add(constraint.predicate, constraint.object as Quad_Object);
    }
    return quads;
  }

  /**
   * EAR markings need an ECCN and ITAR markings a USML category. In SHACL: the resource is either not
   * marked with the regime, or it has at least one classification value. Each rule is a separate
   * node shape (linked with sh:node) so that a violation names the rule through its sh:message.
   */
  private compileExportControlRules(node: Quad_Subject, shape: ResourceShape): Quad[] {
    const marked = shape.properties.some((property) => property.propertyDefinition === DT('exportControl'));
    if (!marked) {
      return [];
    }
    const quads: Quad[] = [];
    for (const rule of EXPORT_CONTROL_RULES) {
      const ruleShape = namedNode(`${shaclDocumentIri(shape)}#${rule.name}`);
      const notMarked = blankNode();
      const markedProperty = blankNode();
      const classified = blankNode();
      const classificationProperty = blankNode();
      quads.push(
        quad(node, namedNode(SH('node')), ruleShape),
        quad(ruleShape, namedNode(RDF_TYPE), namedNode(SH('NodeShape'))),
        quad(ruleShape, namedNode(SH('message')), literal(rule.message)),
        quad(notMarked, namedNode(SH('not')), markedProperty),
        quad(markedProperty, namedNode(SH('path')), namedNode(DT('exportControl'))),
        quad(markedProperty, namedNode(SH('hasValue')), namedNode(rule.regime)),
        quad(classified, namedNode(SH('property')), classificationProperty),
        quad(classificationProperty, namedNode(SH('path')), namedNode(rule.classification)),
        quad(classificationProperty, namedNode(SH('minCount')), literal('1', namedNode(XSD('integer')))),
      );
      quads.push(quad(ruleShape, namedNode(SH('or')), this.list([notMarked, classified], quads)));
    }
    return quads;
  }

  private list(items: readonly Quad_Object[], quads: Quad[]): Quad_Object {
    let head: Quad_Object = namedNode(RDF('nil'));
    for (let i = items.length - 1; i >= 0; i--) {
      const cell = blankNode();
      quads.push(quad(cell, namedNode(RDF('first')), items[i]!));
      quads.push(quad(cell, namedNode(RDF('rest')), head));
      head = cell;
    }
    return head;
  }
}

const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';

/** Classification that each export-control regime requires. */
export const EXPORT_CONTROL_RULES = [
  {
    name: 'EarNeedsEccn',
    regime: DT('EAR'),
    classification: DT('eccn'),
    message: 'dt:exportControl is dt:EAR, which needs a dt:eccn value: add dt:eccn (for example "7A994") or change the marking.',
  },
  {
    name: 'ItarNeedsUsmlCategory',
    regime: DT('ITAR'),
    classification: DT('usmlCategory'),
    message: 'dt:exportControl is dt:ITAR, which needs a dt:usmlCategory value: add dt:usmlCategory (for example "XI(a)(3)") or change the marking.',
  },
] as const;
