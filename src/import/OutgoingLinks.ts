import { DataFactory } from 'n3';
import type { NamedNode } from '@rdfjs/types';
import { DT, OSLC, OSLC_PLM, OSLC_RM, RDF_TYPE, compactIri } from '../rdf/namespaces.js';
import { vocabularyTerm } from '../rdf/VocabularyTerms.js';
import type { ResourceTypeShape } from '../shapes/ResourceShape.js';
import type { BatchItem, BatchLink, BatchPart, BatchRequirement, CheckedBatch, ExternalLink } from './BatchChecks.js';
import type { ExistingRequirement } from './ExistingResources.js';
import { chooseExisting, groupByKey } from './IdentityMatching.js';
import type { ImportIssue } from './ImportModel.js';
import type { ResourceContent } from './ResourceGraphs.js';

const { namedNode, quad } = DataFactory;

/** The generic trace link, which a named link type takes when the shape does not allow the property it maps to. */
const TRACE_LINK = DT('tracesTo');

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

  const traced = new TracedLinkTypes(shape);

  for (const link of [...checked.links, ...checked.externalLinks]) {
    if (link.from.kind !== kind) {
      continue;
    }
    let linkProperty = link.property;
    const problem = linkProblem(shape, link.property, targetType(link));
    if (problem !== undefined && link.linkType !== undefined && linkProblem(shape, TRACE_LINK, targetType(link)) === undefined) {
      // A link type named in the source, such as a ReqIF relation type, maps by its name to an OSLC RM
      // property. Where the shape does not allow that property here, the link is still a trace.
      traced.add(link.linkType, link.property, problem, link.location);
      linkProperty = TRACE_LINK;
    } else if (problem === 'missing') {
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
    byProperty.set(linkProperty, [...(byProperty.get(linkProperty) ?? []), target]);
    owned.add(linkProperty);
  }
  issues.warnings.push(...traced.warnings());
  return { targets, owned };
}

/** Returns the type of the resource that a link ends at: a part of the batch, else a requirement of the batch or the store. */
function targetType(link: BatchLink | ExternalLink): string {
  return typeof link.to !== 'string' && link.to.kind === 'part' ? OSLC_PLM('Part') : OSLC_RM('Requirement');
}

/**
 * Returns why the shape does not allow a link of `property` to a resource of `target`. That is `missing`
 * when the shape has no writable link property of that IRI, else the range that excludes the target.
 * Returns undefined when the shape allows the link.
 */
function linkProblem(shape: ResourceTypeShape, property: string, target: string): 'missing' | { range: string } | undefined {
  const defined = shape.properties.find((candidate) => candidate.propertyDefinition === property);
  if (defined === undefined || defined.readOnly || (defined.valueType !== OSLC('Resource') && defined.valueType !== OSLC('AnyResource')) || defined.allowedValues.length > 0) {
    return 'missing';
  }
  if (defined.range !== undefined && defined.range !== target && defined.range !== OSLC('AnyResource')) {
    return { range: defined.range };
  }
  return undefined;
}

/** The link types that became trace links, with one warning per link type and property. */
class TracedLinkTypes {
  private readonly byType = new Map<string, { linkType: string; property: string; problem: 'missing' | { range: string }; count: number; location: ImportIssue['location'] }>();

  public constructor(private readonly shape: ResourceTypeShape) {}

  public add(linkType: string, property: string, problem: 'missing' | { range: string }, location: ImportIssue['location']): void {
    const key = `${linkType}\u0000${property}`;
    const seen = this.byType.get(key);
    if (seen === undefined) {
      this.byType.set(key, { linkType, property, problem, count: 1, location });
    } else {
      seen.count++;
    }
  }

  public warnings(): ImportIssue[] {
    return [...this.byType.values()].map(({ linkType, property, problem, count, location }) => {
      const reason = problem === 'missing' ? `which the ${this.shape.title} shape has no link property for` : `which links a ${this.shape.title} only to ${compactIri(problem.range)} resources`;
      const links = count === 1 ? 'its link is' : `its ${count} links are`;
      return {
        severity: 'warning' as const,
        message: `The link type "${linkType}" maps to ${compactIri(property)}, ${reason}, so ${links} imported as ${compactIri(TRACE_LINK)}.`,
        ...(location === undefined ? {} : { location }),
      };
    });
  }
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
