import { fieldNameKey } from '../FieldNames.js';

/**
 * The PLM XML (schema version 6, namespace http://www.plmxml.org/Schemas/PLMXMLSchema) elements that the
 * importer reads, collected while streaming and resolved afterwards. References between elements are
 * `#id` URIs (such as `instancedRef="#id12"`) or space-separated id lists (such as `occurrenceRefs`).
 */

/** A UserValue of an element's UserData: a named attribute of the element. */
export interface UserValue {
  title: string;
  value: string;
}

/** Fields every collected element has. */
export interface PlmxmlElement {
  id: string;
  line: number;
  name?: string;
  /** Text of the element's Description child. */
  description?: string;
  userValues: UserValue[];
}

/** A Product: the part master, with its number in `productId`. */
export interface Product extends PlmxmlElement {
  productId?: string;
}

/** An element that may have release statuses: `releaseStatusRefs` of the schema's ManagedBase names ReleaseStatus elements. */
export interface ReleasedElement extends PlmxmlElement {
  /** Ids of the ReleaseStatus elements, in the order written. */
  releaseStatusRefs: string[];
}

/** A ProductRevision: one revision of a Product, which `masterRef` names. */
export interface ProductRevision extends ReleasedElement {
  masterRef?: string;
  revision?: string;
}

/** A ReleaseStatus, such as `<ReleaseStatus id="rs1" name="TCM Released" dateReleased="…"/>`, whose `name` is the status. */
export type ReleaseStatus = PlmxmlElement;

/**
 * A use of a part in a structure: an Occurrence of a ProductView (`instancedRef` to a ProductRevision,
 * children in `occurrenceRefs`) or an Instance or ProductInstance of an InstanceGraph (`partRef` to a Part
 * or ProductRevisionView).
 */
export interface Usage extends PlmxmlElement {
  kind: 'Occurrence' | 'Instance';
  /** `instancedRef` of an Occurrence, `partRef` of an Instance. */
  target?: string;
  /** Ids of the child Occurrences. */
  childRefs: string[];
  /** The `quantity` attribute, where the element has one. */
  quantity?: string;
  /** `lastInstanceParentRef` of an Occurrence: the ProductRevisionView that is the parent of the last Instance of its chain. */
  lastInstanceParentRef?: string;
  /** Ids in `instanceRefs` of an Occurrence: its chain of Instances, from the top assembly down. */
  instanceRefs?: string[];
}

/** A Part or ProductRevisionView of an InstanceGraph: a part whose children are `instanceRefs`. */
export interface GraphPart extends ReleasedElement {
  /** The element name, `Part` or `ProductRevisionView`, which the schema gives the same type. */
  element: string;
  /** Teamcenter's class of the element, such as `PSBOMViewRevision` for a BOM view revision. */
  subType?: string;
  /** `revisionRef` of a ProductRevisionView, else `#id` of the ProductRevision that encloses it. */
  revisionRef?: string;
  /** `viewRef` of a ProductRevisionView: the View whose `name` is the Teamcenter BOM view type, such as `view` or `Manufacturing`. */
  viewRef?: string;
  instanceRefs: string[];
}

export interface PlmxmlProblem {
  severity: 'error' | 'warning';
  message: string;
  line?: number;
  entity?: string;
}

/** Everything read from one PLM XML file, keyed by element id. */
export class PlmxmlContent {
  public readonly products = new Map<string, Product>();
  public readonly revisions = new Map<string, ProductRevision>();
  /** Occurrences and Instances, in document order. */
  public readonly usages = new Map<string, Usage>();
  public readonly graphParts = new Map<string, GraphPart>();
  public readonly releaseStatuses = new Map<string, ReleaseStatus>();
  /** View elements, such as `<View id="id77" name="view"/>`, which ProductRevisionViews name in `viewRef`. */
  public readonly views = new Map<string, PlmxmlElement>();
  public readonly problems: PlmxmlProblem[] = [];
}

/** Returns the id of a same-file reference `#id`, or undefined for an empty or external reference. */
export function localId(reference: string | undefined): string | undefined {
  if (reference === undefined || !reference.startsWith('#') || reference.length < 2) {
    return undefined;
  }
  return reference.slice(1);
}

/**
 * Returns the ids of an IDREFS attribute, which separates ids by white space. An id written as a
 * same-file reference (`#id`), as some exporters and hand-written files do, counts as the id.
 */
export function idList(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(/\s+/).filter((id) => id !== '' && id !== '#').map((id) => (id.startsWith('#') ? id.slice(1) : id));
}

/**
 * Returns the value of the first UserValue whose title is one of `titles`, compared as CSV headers are
 * (fieldNameKey), so `Part Number`, `part_number` and `PartNumber` all match `PartNumber`.
 */
export function userValue(element: PlmxmlElement, titles: readonly string[]): string | undefined {
  for (const title of titles) {
    const found = element.userValues.find((candidate) => fieldNameKey(candidate.title) === fieldNameKey(title));
    if (found !== undefined) {
      return found.value;
    }
  }
  return undefined;
}
