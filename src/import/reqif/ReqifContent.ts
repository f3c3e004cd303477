/**
 * The parts of a ReqIF 1.2 exchange document (OMG formal/2016-07-01) that the importer uses, collected while
 * streaming and resolved afterwards. A `.reqifz` archive fills one `ReqifContent` from all its files, so
 * that a SPEC-RELATION in one file can reference SPEC-OBJECTs in another.
 */

/** The ReqIF datatypes, from the element names DATATYPE-DEFINITION-STRING and so on. */
export type ReqifDatatypeKind = 'STRING' | 'INTEGER' | 'REAL' | 'DATE' | 'BOOLEAN' | 'ENUMERATION' | 'XHTML';

export const DATATYPE_KINDS: readonly ReqifDatatypeKind[] = ['STRING', 'INTEGER', 'REAL', 'DATE', 'BOOLEAN', 'ENUMERATION', 'XHTML'];

/** Position of an element: the file (or archive entry) and the line of its start tag. */
export interface ReqifPosition {
  file: string;
  /** Absent for problems of a whole file, such as an unsafe archive. */
  line?: number;
}

/** An ENUM-VALUE of a DATATYPE-DEFINITION-ENUMERATION. */
export interface EnumValue {
  identifier: string;
  longName?: string;
}

/** An ATTRIBUTE-DEFINITION-* of a SPEC-OBJECT-TYPE, SPEC-RELATION-TYPE or SPECIFICATION-TYPE. */
export interface AttributeDefinition {
  identifier: string;
  kind: ReqifDatatypeKind;
  longName?: string;
  /** The value that applies when an element of the type gives none (ReqIF DEFAULT-VALUE). */
  defaultValue?: AttributeValue;
}

/** An ATTRIBUTE-VALUE-* as written; references are resolved later. */
export interface AttributeValue {
  kind: ReqifDatatypeKind;
  /** IDENTIFIER of the ATTRIBUTE-DEFINITION, from DEFINITION/ATTRIBUTE-DEFINITION-*-REF. */
  definitionRef?: string;
  /** THE-VALUE attribute of the simple datatypes. */
  theValue?: string;
  /** ENUM-VALUE-REFs of an enumeration value, in document order. */
  enumValueRefs: string[];
  /** THE-VALUE element of an XHTML value, serialized as standalone XHTML. */
  xhtml?: string;
  /** Plain text of `xhtml`. */
  text?: string;
  position: ReqifPosition;
}

/** A SPEC-OBJECT-TYPE: the attribute definitions that its SPEC-OBJECTs may carry. */
export interface SpecObjectType {
  identifier: string;
  longName?: string;
  attributeDefinitionIds: string[];
}

export interface SpecObject {
  identifier: string;
  longName?: string;
  typeRef?: string;
  values: AttributeValue[];
  position: ReqifPosition;
}

/** A reference to a SPEC-OBJECT, with the position of the reference for messages. */
export interface SpecObjectRef {
  identifier: string;
  position: ReqifPosition;
}

export interface SpecRelation {
  identifier: string;
  typeRef?: string;
  /** The SOURCE end; undefined without a SOURCE element, and an empty identifier without a SPEC-OBJECT-REF in it or with an empty one. */
  source?: SpecObjectRef;
  /** The TARGET end, read as the SOURCE end is. */
  target?: SpecObjectRef;
  position: ReqifPosition;
}

export interface SpecRelationType {
  identifier: string;
  longName?: string;
}

/**
 * One SPEC-HIERARCHY node: a SPEC-OBJECT placed under the enclosing node in a SPECIFICATION. The schema
 * lets OBJECT follow CHILDREN, so a node refers to its parent by index and objects are resolved afterwards.
 */
export interface SpecHierarchyNode {
  object?: SpecObjectRef;
  /** Index in `ReqifContent.hierarchy` of the enclosing node; absent for a node directly under the SPECIFICATION. */
  parentIndex?: number;
  /** Index in `ReqifContent.specifications` of the SPECIFICATION that contains the node. */
  specificationIndex?: number;
  /**
   * The node's place in its SPECIFICATION, as the 1-based positions among its siblings from the top
   * level down, joined by dots: "2.1.3" is the third node under the first node under the second top node.
   */
  sectionNumber: string;
}

/** A SPECIFICATION: one document or module, whose SPEC-HIERARCHY nodes place SPEC-OBJECTs. */
export interface Specification {
  identifier: string;
  longName?: string;
  /** The DESC attribute. */
  description?: string;
  position: ReqifPosition;
}

/** REQ-IF-HEADER fields that name the exporting tool. */
export interface ReqifHeader {
  /** The document that the header starts, as positions name it. */
  file: string;
  reqifToolId?: string;
  sourceToolId?: string;
  title?: string;
}

/** A problem found while reading, in the terms of ImportIssue. */
export interface ReqifProblem {
  severity: 'error' | 'warning';
  message: string;
  position?: ReqifPosition;
  entity?: string;
}

/** Everything read from one or more ReqIF files, keyed by IDENTIFIER where the standard makes it unique. */
export class ReqifContent {
  public readonly headers: ReqifHeader[] = [];
  public readonly enumValues = new Map<string, EnumValue>();
  public readonly attributeDefinitions = new Map<string, AttributeDefinition>();
  public readonly specObjectTypes = new Map<string, SpecObjectType>();
  public readonly specRelationTypes = new Map<string, SpecRelationType>();
  /** SPEC-OBJECTs in document order. */
  public readonly specObjects: SpecObject[] = [];
  public readonly specRelations: SpecRelation[] = [];
  /** SPECIFICATIONs in document order. */
  public readonly specifications: Specification[] = [];
  /** SPEC-HIERARCHY nodes in document order. */
  public readonly hierarchy: SpecHierarchyNode[] = [];
  public readonly problems: ReqifProblem[] = [];
}
