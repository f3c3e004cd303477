import type { BomView } from './BomViews.js';
import type { DecimalSeparator } from './DecimalNumbers.js';

/**
 * The neutral model every source adapter (STEP, PLM XML, CSV BOM, Windchill OData, ReqIF) produces,
 * and the synchronizer turns into parts, BOM lines and requirements. Adapters only read their format;
 * identity, change detection, provenance and the atomic commit live in one place.
 */

/** A position in the source (file, line or entity), for messages that name it. */
export interface SourceLocation {
  /** File name or URL. */
  file: string;
  line?: number;
  /** Entity or element reference, such as `#123` in STEP or a ReqIF IDENTIFIER. */
  entity?: string;
}

/** A part revision as the source describes it. Identity: part number plus revision. */
export interface SourcePart {
  /** The source system's own id of this part revision (unique within one batch). */
  sourceId: string;
  partNumber: string;
  /** Revision letter or number; adapters give "-" when the source has none. */
  revision: string;
  title: string;
  description?: string;
  /** Other attributes by name, kept as text. */
  attributes?: Record<string, string>;
  /**
   * True when the source names the part only as the assembly of other items and does not describe it,
   * as a parent-child CSV BOM does for a parent without a row of its own. The import then leaves a stored
   * part with this part number and revision as it is, and creates one titled with the part number when
   * the provider has none.
   */
  reference?: boolean;
  /**
   * Other values that later descriptions of the part in the same source give its attributes, as a CSV
   * BOM row per use of the part can. The import rejects those of attributes that set a Part property.
   */
  conflicts?: AttributeConflict[];
  location: SourceLocation;
}

/** An attribute value that contradicts the part's first description in the source. */
export interface AttributeConflict {
  name: string;
  /** The error, naming both values and the fix. */
  message: string;
  location: SourceLocation;
}

/** One usage of a child part in an assembly (a BOM line). */
export interface SourceBomLine {
  /** `sourceId` of the assembly part. */
  parent: string;
  /** `sourceId` of the used part. */
  child: string;
  quantity: number;
  /** QUDT unit IRI; pieces (`http://qudt.org/vocab/unit/NUM`) when absent. */
  unit?: string;
  findNumber?: string;
  referenceDesignators?: string[];
  /** The BOM that the line belongs to, when the source names one. Without it the line takes the import's default view, the EBOM unless the import chooses the MBOM. */
  view?: BomView;
  location: SourceLocation;
  /**
   * Locations of further source lines that the adapter merged into this one, such as repeated
   * NEXT_ASSEMBLY_USAGE_OCCURRENCE instances of one component, so that a BOM cycle error names them all.
   */
  mergedLocations?: SourceLocation[];
}

/**
 * One assembly's BOM in one view that the source describes in full: each line of that BOM in the source
 * is a line of the batch, and an assembly without lines has an empty BOM there.
 */
export interface SourceBom {
  /** `sourceId` of the assembly part, as SourceBomLine.parent gives it. */
  parent: string;
  /** The BOM view, as SourceBomLine.view gives it. Without it the BOM is the import's default view. */
  view?: BomView;
  location: SourceLocation;
}

/** Datatype of a typed source attribute, after the ReqIF simple datatypes. */
export type SourceAttributeDatatype = 'string' | 'integer' | 'real' | 'date' | 'boolean' | 'enumeration' | 'xhtml';

/** A typed attribute value, stored as a dt:SourceAttribute when no shape property takes its name. */
export interface SourceAttribute {
  name: string;
  datatype: SourceAttributeDatatype;
  /**
   * The values as valid lexical forms of the datatype (xsd:integer, xsd:decimal or xsd:double,
   * xsd:dateTime, true or false), enumeration labels, or XHTML. A value that is not valid for its
   * datatype comes as datatype `string`.
   */
  values: string[];
}

/** A requirement as the source describes it. Identity: its identifier. */
export interface SourceRequirement {
  sourceId: string;
  identifier: string;
  title: string;
  /** Plain text of the requirement. */
  description?: string;
  /** XHTML of the requirement when the source has rich text. */
  descriptionXhtml?: string;
  /** `sourceId` of the enclosing requirement in the specification hierarchy. */
  parent?: string;
  /** Position in the source's document, such as "2.1.3" (see SpecHierarchyNode.sectionNumber of the ReqIF adapter). */
  sectionNumber?: string;
  /** True for a heading of the document, such as a chapter title, which contains no requirement text (see isHeading of the ReqIF adapter). */
  heading?: true;
  /** Attribute values as text by name; those named like shape properties set the property. */
  attributes?: Record<string, string>;
  /** The same attributes with their datatypes, for those no shape property takes. */
  typedAttributes?: SourceAttribute[];
  location: SourceLocation;
}

/** A document or module of requirements, such as a ReqIF SPECIFICATION. Identity: its sourceId. */
export interface SourceRequirementCollection {
  /** The source's own id, such as the SPECIFICATION's IDENTIFIER. */
  sourceId: string;
  title: string;
  description?: string;
  /** `sourceId`s of the requirements that the document contains, at any level, in document order. */
  members: string[];
  location: SourceLocation;
}

/** A typed link between two items of the batch, such as a ReqIF SPEC-RELATION. */
export interface SourceLink {
  from: string;
  to: string;
  /** IRI of the link property, for example `oslc_rm:decomposes` or `oslc_rm:satisfiedBy`. */
  property: string;
  /** The source's own name of the link type, such as a ReqIF SPEC-RELATION-TYPE LONG-NAME. */
  linkType?: string;
  location: SourceLocation;
}

/** A problem found while reading the source. Errors abort the import; warnings are reported. */
export interface ImportIssue {
  severity: 'error' | 'warning';
  message: string;
  location?: SourceLocation;
}

/** Everything one adapter run read from its source. */
export interface ImportBatch {
  source: {
    /** Source system, for example `STEP AP242`, `Teamcenter PLM XML`, `Windchill`, `DOORS Next`. */
    system: string;
    /** File path or URL that was read. */
    uri: string;
    /**
     * Name that identifies the source across imports, whatever path or URL it is read from; see
     * `defaultSourceName`. Provenance (prov:wasDerivedFrom) and removal of missing resources use it.
     * An adapter sets it only where the file name is not the default, as for a STEP zip; the import
     * request's name replaces it.
     */
    name?: string;
    /** True when the import request named the source (`--source`, `source=`) rather than taking the default name. */
    namedSource?: boolean;
    /** True when the adapter reads a mapping of source attribute names to properties (`--mapping`), as the CSV BOM adapter does. */
    mapsAttributes?: boolean;
    /** Decimal separator of numbers in attribute texts, such as a mass; a point when absent. */
    decimalSeparator?: DecimalSeparator;
    /**
     * QUDT unit IRIs of attributes whose source values are in another unit than their property's, by
     * attribute name, such as grams for the mass column `Mass [g]` of a CSV BOM. The adapter converts the
     * numbers, and the import names this unit in the error about a value that is no number.
     */
    attributeUnits?: Readonly<Record<string, string>>;
    /**
     * False when the source has no field for part descriptions, as a CSV BOM without a description
     * column. Its imports then leave stored descriptions as they are, which users or other sources gave.
     * Absent: the source has that field when some part of the batch has a description.
     */
    partDescriptions?: boolean;
    /**
     * Link properties of requirements that the source's link types map to, whether or not a link of
     * this batch uses them, such as the SPEC-RELATION-TYPEs of a ReqIF file. The import owns them on
     * every requirement, so deleting a source's last link of a type removes the stored link.
     */
    requirementLinkProperties?: string[];
  };
  parts: SourcePart[];
  bomLines: SourceBomLine[];
  requirements: SourceRequirement[];
  /** Documents of requirements; absent for sources without documents, such as BOM formats. */
  requirementCollections?: SourceRequirementCollection[];
  links: SourceLink[];
  issues: ImportIssue[];
  /**
   * For sources pulled incrementally: the latest modification time (ISO 8601) among the items read, to pass
   * as the `modifiedSince` of the next pull. Absent when the source has no modification times.
   */
  highWaterMark?: string;
  /** True when the batch has only some of the source's items (an incremental pull), so an item it lacks may still exist in the source. */
  partial?: boolean;
  /**
   * The BOMs that the batch describes in full, empty ones included, such as those of the parts that an
   * incremental pull read with all their uses. A stored line of such a BOM that the batch lacks was deleted
   * in the source. The import reads this for partial batches only, because a full batch describes every
   * BOM of its parts. Absent: the BOMs of the batch's BOM lines.
   */
  completeBoms?: SourceBom[];
}

/** Returns an empty batch for a source, for adapters to fill. */
export function emptyBatch(system: string, uri: string): ImportBatch {
  return { source: { system, uri }, parts: [], bomLines: [], requirements: [], links: [], issues: [] };
}
