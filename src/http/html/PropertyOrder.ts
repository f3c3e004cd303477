import { DCTERMS, OSLC, RDF_TYPE } from '../../rdf/namespaces.js';
import type { ResourceShape } from '../../shapes/ResourceShape.js';

/** Shown first: what people recognize a resource by. */
const LEADING = [DCTERMS('title'), DCTERMS('identifier')];

/** Shown last, in this order: the record-keeping properties the server manages, and the RDF types. */
const TRAILING = [DCTERMS('created'), DCTERMS('modified'), DCTERMS('creator'), OSLC('serviceProvider'), OSLC('instanceShape'), RDF_TYPE];

/**
 * Orders a subject's properties for display: title and identifier, then the shape's properties in the
 * order the shape lists them, then properties the shape does not name (by label), then the
 * server-managed ones.
 */
export function orderProperties(predicates: Iterable<string>, shape: ResourceShape | undefined, label: (iri: string) => string): string[] {
  const present = new Set(predicates);
  const ordered: string[] = LEADING.filter((iri) => present.has(iri));
  const placed = new Set([...LEADING, ...TRAILING]);

  for (const property of shape?.properties ?? []) {
    const iri = property.propertyDefinition;
    if (present.has(iri) && !placed.has(iri)) {
      ordered.push(iri);
      placed.add(iri);
    }
  }
  const unknown = [...present].filter((iri) => !placed.has(iri)).sort((a, b) => label(a).localeCompare(label(b)));
  ordered.push(...unknown);
  ordered.push(...TRAILING.filter((iri) => present.has(iri)));
  return ordered;
}
