import { DataFactory } from 'n3';
import { vocabularyTerm } from '../rdf/VocabularyTerms.js';
import type { NamedNode, Quad, Quad_Object } from '@rdfjs/types';
import { DCTERMS } from '../rdf/namespaces.js';
import { termKey } from '../rdf/TermKey.js';
import type { ResourceTypeShape } from '../shapes/ResourceShape.js';
import type { ShapeRegistry } from '../shapes/ShapeRegistry.js';
import { ImportError } from './ImportErrors.js';
import type { SourceLocation } from './ImportModel.js';
import type { ResourceContent } from './ResourceGraphs.js';
import { PROVENANCE, TIME_PROPERTIES } from './Provenance.js';

const { quad } = DataFactory;

/** The resource types an import writes, as named in reports. */
export type ImportedType = 'parts' | 'bomLines' | 'requirements' | 'requirementCollections';

/** The path segment of each imported type's resources, which names its shape in the registry. */
export const IMPORTED_SEGMENTS: Readonly<Record<ImportedType, string>> = { parts: 'parts', bomLines: 'bom-lines', requirements: 'requirements', requirementCollections: 'requirement-collections' };

/** Returns the shape of an imported type's resources, and throws an ImportError when the shapes lack it. */
export function importedTypeShape(shapes: ShapeRegistry, type: ImportedType): ResourceTypeShape {
  const segment = IMPORTED_SEGMENTS[type];
  const shape = shapes.bySegment(segment);
  if (shape === undefined) {
    throw new ImportError(`The shapes define no resource type with path segment "${segment}", which imports need.`);
  }
  return shape;
}

export type PlannedAction = 'create' | 'update' | 'unchanged' | 'remove';

/** One resource an import creates, compares, changes or removes. */
export interface PlannedResource {
  type: ImportedType;
  shape: ResourceTypeShape;
  iri: string;
  subject: NamedNode;
  /** Human-readable name for reports, such as `part AS1 rev -`. */
  label: string;
  /** Location where the source describes it, undefined for resources the import only touches. */
  location?: SourceLocation;
  /** Stored state; undefined for a resource the import creates. */
  stored?: { quads: Quad[]; version: string };
  /** New state; null when the resource is removed. */
  desired: Quad[] | null;
  /** True when the source describes the resource; false when the import only keeps links on it. */
  imported: boolean;
  /** Imported content, which replaces the owned properties of the stored state. Absent when not imported. */
  content?: ResourceContent;
  /** Digest of the imported content, for the import state. */
  digest?: string;
  /** Identity of the source item, qualified by type, under which the import state records the resource. */
  stateKey?: string;
  /**
   * Set when the import state shows the resource unchanged since the last import of the source, so its
   * stored state was not read, `desired` is empty and `content` is absent (`content()` builds it again).
   * A matched resource whose stored state is still to be read has neither this nor `stored`, and
   * `desired` null.
   */
  unread?: { version: string; content: () => ResourceContent };
  /** Set on a stored BOM line outside the batch whose title the import derives again from changed parts (DerivedLineTitles). */
  retitled?: true;
  action?: PlannedAction;
}

/** Returns whether two states of a resource are equal apart from the time of their last write. */
export function sameContent(subject: NamedNode, first: readonly Quad[], second: readonly Quad[]): boolean {
  const keys = (quads: readonly Quad[]): Set<string> => {
    const set = new Set<string>();
    for (const candidate of quads) {
      if (candidate.subject.equals(subject) && TIME_PROPERTIES.has(candidate.predicate.value)) {
        continue;
      }
      set.add(`${termKey(candidate.subject)} ${candidate.predicate.value} ${termKey(candidate.object)}`);
    }
    return set;
  };
  const a = keys(first);
  const b = keys(second);
  if (a.size !== b.size) {
    return false;
  }
  for (const key of a) {
    if (!b.has(key)) {
      return false;
    }
  }
  return true;
}

/** Sets dcterms:modified, and for imported content prov:generatedAtTime, to `now`. */
export function stampTimes(subject: NamedNode, quads: readonly Quad[], now: Quad_Object, imported: boolean): Quad[] {
  const stamped = quads.filter((candidate) => !(candidate.subject.equals(subject) && (candidate.predicate.value === DCTERMS('modified') || (imported && candidate.predicate.value === PROVENANCE.generatedAtTime))));
  stamped.push(quad(subject, vocabularyTerm(DCTERMS('modified')), now));
  if (imported) {
    stamped.push(quad(subject, vocabularyTerm(PROVENANCE.generatedAtTime), now));
  }
  return stamped;
}

/** Values of one property of a resource, as IRIs. */
export function linkTargets(subject: NamedNode, quads: readonly Quad[] | null | undefined, predicate: string): Set<string> {
  const targets = new Set<string>();
  for (const candidate of quads ?? []) {
    if (candidate.subject.equals(subject) && candidate.predicate.value === predicate && candidate.object.termType === 'NamedNode') {
      targets.add(candidate.object.value);
    }
  }
  return targets;
}

/** Returns the properties that `quads` give `subject` a value of. */
export function propertiesOf(subject: NamedNode, quads: readonly Quad[]): Set<string> {
  return new Set(quads.filter((candidate) => candidate.subject.equals(subject)).map((candidate) => candidate.predicate.value));
}
