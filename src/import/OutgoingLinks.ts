import { DataFactory } from 'n3';
import type { NamedNode } from '@rdfjs/types';
import { OSLC, RDF_TYPE, compactIri } from '../rdf/namespaces.js';
import { vocabularyTerm } from '../rdf/VocabularyTerms.js';
import type { ResourceTypeShape } from '../shapes/ResourceShape.js';
import type { BatchItem, BatchPart, BatchRequirement, CheckedBatch } from './BatchChecks.js';
import type { ExistingRequirement } from './ExistingResources.js';
import { chooseExisting, groupByKey } from './IdentityMatching.js';
import type { ImportIssue } from './ImportModel.js';
import type { ResourceContent } from './ResourceGraphs.js';

const { namedNode, quad } = DataFactory;

/** The links of one kind of batch item: target IRIs by item and property, and the properties the source uses. */
export interface OutgoingLinks {
  targets: Map<BatchPart | BatchRequirement, Map<string, string[]>>;
  owned: Set<string>;
}

/**
 * Groups the batch's links by their source item, for the items of one kind, as target IRIs, and checks
 * that the subject's shape (`shape`) has the link property. A target outside the batch is looked up among
 * the stored requirements by source id. A link whose target is not found is left out with a warning.
 */
export function outgoingLinks(
  checked: CheckedBatch,
  kind: BatchItem['kind'],
  shape: ResourceTypeShape,
  itemIris: ReadonlyMap<BatchPart | BatchRequirement, string>,
  stored: { requirements: readonly ExistingRequirement[]; source: string },
  issues: { errors: ImportIssue[]; warnings: ImportIssue[] },
): OutgoingLinks {
  const targets = new Map<BatchPart | BatchRequirement, Map<string, string[]>>();
  const owned = new Set<string>();
  const storedBySourceId = groupByKey(stored.requirements, (requirement) => requirement.sourceId);

  for (const link of [...checked.links, ...checked.externalLinks]) {
    if (link.from.kind !== kind) {
      continue;
    }
    const property = shape.properties.find((candidate) => candidate.propertyDefinition === link.property);
    if (property === undefined || property.readOnly || (property.valueType !== OSLC('Resource') && property.valueType !== OSLC('AnyResource')) || property.allowedValues.length > 0) {
      const allowed = shape.properties
        .filter((candidate) => !candidate.readOnly && candidate.valueType === OSLC('Resource') && candidate.representation === OSLC('Reference') && candidate.allowedValues.length === 0 && candidate.propertyDefinition !== RDF_TYPE)
        .map((candidate) => compactIri(candidate.propertyDefinition));
      issues.errors.push({
        severity: 'error',
        message: `The ${shape.title} shape has no link property ${compactIri(link.property)}; map this relation to one of ${allowed.join(', ')}.`,
        location: link.location,
      });
      continue;
    }

    let target: string | undefined;
    if (typeof link.to === 'string') {
      target = chooseExisting(storedBySourceId.get(link.to), stored.source).match?.iri;
      if (target === undefined) {
        issues.warnings.push({
          severity: 'warning',
          message: `A link (${compactIri(link.property)}) ends at "${link.to}", which is neither an item of this source nor a stored requirement; the link is left out. Import the source that has it, then this one again.`,
          location: link.location,
        });
        continue;
      }
    } else {
      target = itemIris.get(link.to.kind === 'part' ? link.to.part : link.to.requirement)!;
    }
    const item = link.from.kind === 'part' ? link.from.part : link.from.requirement;
    let byProperty = targets.get(item);
    if (byProperty === undefined) {
      byProperty = new Map();
      targets.set(item, byProperty);
    }
    byProperty.set(link.property, [...(byProperty.get(link.property) ?? []), target]);
    owned.add(link.property);
  }
  return { targets, owned };
}

/** Adds a resource's outgoing links of the batch to its content; the import owns every link property the source uses. */
export function addLinks(content: ResourceContent, subject: NamedNode, targets: Map<string, string[]> | undefined, owned: ReadonlySet<string>): void {
  for (const property of owned) {
    content.owned.add(property);
  }
  for (const [property, iris] of targets ?? []) {
    for (const iri of iris) {
      content.quads.push(quad(subject, vocabularyTerm(property), namedNode(iri)));
    }
  }
}
