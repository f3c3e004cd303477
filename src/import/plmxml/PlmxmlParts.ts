import { fieldNameKey } from '../FieldNames.js';
import type { SourcePart } from '../ImportModel.js';
import { localId, userValue, type GraphPart, type PlmxmlContent, type PlmxmlElement, type PlmxmlProblem, type ProductRevision } from './PlmxmlContent.js';
import { RELEASE_STATUS_LIST, ReleaseStatuses } from './PlmxmlReleaseStatus.js';

/** Teamcenter attribute titles that the part's own fields take, so they are not repeated as attributes. */
const ITEM_ID = ['item_id', 'PartNumber'];
const REVISION_ID = ['item_revision_id', 'Revision'];
const OBJECT_NAME = ['object_name'];
const OBJECT_DESCRIPTION = ['object_desc', 'Description'];
/** Teamcenter's class of a BOM view revision: the structure of one item revision in one view type, never a part of its own. */
const BOM_VIEW_REVISION = 'PSBOMViewRevision';

/** Titles that the part's own fields take, reduced by fieldNameKey as userValue compares them, so `Part Number` is no attribute either. */
const MAPPED_TITLES = new Set([...ITEM_ID, ...REVISION_ID, ...OBJECT_NAME, ...OBJECT_DESCRIPTION, RELEASE_STATUS_LIST].map(fieldNameKey));

/** Returns the UserValues of `elements` by title, later elements winning, without the mapped titles. */
function attributesOf(elements: ReadonlyArray<PlmxmlElement | undefined>): Record<string, string> | undefined {
  const attributes: Record<string, string> = {};
  for (const element of elements) {
    for (const value of element?.userValues ?? []) {
      if (!MAPPED_TITLES.has(fieldNameKey(value.title))) {
        attributes[value.title] = value.value;
      }
    }
  }
  return Object.keys(attributes).length > 0 ? attributes : undefined;
}

/** Builds a part, leaving out empty optional fields so that batches compare exactly. */
function makePart(fields: { partNumber: string; revision: string; title: string; description?: string; attributes?: Record<string, string> }, file: string, element: PlmxmlElement): SourcePart {
  const part: SourcePart = {
    sourceId: `${fields.partNumber}/${fields.revision}`,
    partNumber: fields.partNumber,
    revision: fields.revision,
    title: fields.title,
    location: { file, line: element.line, entity: element.id },
  };
  if (fields.description !== undefined && fields.description !== '') {
    part.description = fields.description;
  }
  if (fields.attributes !== undefined) {
    part.attributes = fields.attributes;
  }
  return part;
}

/**
 * Returns the part of a ProductRevision: number from its Product's `productId` (or the `item_id` UserValue),
 * revision from `revision` (or `item_revision_id`, else "-"), title from the revision's or product's `name`,
 * and description from the revision's `object_desc` user value or Description element, else the product's.
 */
function revisionPart(revision: ProductRevision, content: PlmxmlContent, file: string, problems: PlmxmlProblem[]): SourcePart | undefined {
  const product = content.products.get(localId(revision.masterRef) ?? '');
  if (revision.masterRef !== undefined && product === undefined) {
    problems.push({ severity: 'error', message: `masterRef ${revision.masterRef} of ProductRevision ${revision.id} names no Product of the file`, line: revision.line, entity: revision.id });
  }
  const partNumber = product?.productId ?? userValue(revision, ITEM_ID) ?? (product === undefined ? undefined : userValue(product, ITEM_ID));
  if (partNumber === undefined || partNumber === '') {
    problems.push({ severity: 'error', message: `ProductRevision ${revision.id} has no part number: its Product lacks productId and it has no item_id UserValue`, line: revision.line, entity: revision.id });
    return undefined;
  }
  const revisionId = revision.revision ?? userValue(revision, REVISION_ID) ?? '-';
  return makePart(
    {
      partNumber,
      revision: revisionId === '' ? '-' : revisionId,
      title: revision.name ?? product?.name ?? userValue(revision, OBJECT_NAME) ?? partNumber,
      description: userValue(revision, OBJECT_DESCRIPTION) ?? revision.description ?? (product === undefined ? undefined : (userValue(product, OBJECT_DESCRIPTION) ?? product.description)),
      attributes: attributesOf([product, revision]),
    },
    file,
    revision,
  );
}

/** Returns the part of an InstanceGraph Part without a revisionRef: number from a PartNumber or item_id UserValue, else its name. */
function graphPart(part: GraphPart, file: string, problems: PlmxmlProblem[]): SourcePart | undefined {
  const partNumber = userValue(part, ITEM_ID) ?? part.name;
  if (partNumber === undefined || partNumber === '') {
    problems.push({ severity: 'error', message: `${part.element} ${part.id} has no part number: it lacks a PartNumber or item_id UserValue and a name`, line: part.line, entity: part.id });
    return undefined;
  }
  if (userValue(part, ITEM_ID) === undefined) {
    problems.push({
      severity: 'warning',
      message: `${part.element} ${part.id} has no PartNumber or item_id UserValue, so its name "${partNumber}" is its part number; give it an item_id UserValue if it has a number in Teamcenter`,
      line: part.line,
      entity: part.id,
    });
  }
  const revision = userValue(part, REVISION_ID) ?? '-';
  return makePart({ partNumber, revision: revision === '' ? '-' : revision, title: part.name ?? partNumber, description: userValue(part, OBJECT_DESCRIPTION) ?? part.description, attributes: attributesOf([part]) }, file, part);
}

/**
 * Returns the error for a BOM view revision that names no ProductRevision, in `revisionRef` or by enclosing
 * it. Teamcenter names a BOM view revision `<item_id>/<revision>-<view type>`, so the fix names the
 * ProductRevision whose part that name starts with, where the file has one.
 */
function unattachedViewError(view: GraphPart, revisionParts: Map<string, SourcePart>): PlmxmlProblem {
  const name = view.name ?? '';
  const revisionId = [...revisionParts].find(([, part]) => name.startsWith(`${part.partNumber}/${part.revision}-`))?.[0];
  const reference = revisionId === undefined ? 'revisionRef="#…" with the id of its ProductRevision' : `revisionRef="#${revisionId}"`;
  return {
    severity: 'error',
    message:
      `${view.element} ${view.id}${view.name === undefined ? '' : ` ("${view.name}")`} has subType ${BOM_VIEW_REVISION}, so it is a Teamcenter BOM view revision and no part, ` +
      `but its ProductRevision is missing: it has no revisionRef and is outside any ProductRevision; add ${reference}, or move the element into that ProductRevision`,
    line: view.line,
    entity: view.id,
  };
}

/**
 * Resolves every part the file describes. Returns the parts in document order, and the part of each
 * ProductRevision and InstanceGraph part element by element id, for the structure to refer to.
 */
export function resolveParts(content: PlmxmlContent, file: string, problems: PlmxmlProblem[]): { parts: SourcePart[]; byElement: Map<string, SourcePart> } {
  const parts = new Map<string, SourcePart>();
  const byElement = new Map<string, SourcePart>();
  const statuses = new ReleaseStatuses(content);
  const keep = (element: ProductRevision | GraphPart, part: SourcePart | undefined): void => {
    if (part === undefined) {
      return;
    }
    const elementId = element.id;
    statuses.setLifecycleState(part, element);
    const existing = parts.get(part.sourceId);
    if (existing === undefined) {
      parts.set(part.sourceId, part);
    } else {
      const difference = partDifference(existing, part);
      if (difference !== undefined) {
        problems.push({
          severity: 'error',
          message: `${elementId} describes part ${part.partNumber} revision ${part.revision} with another ${difference} than ${existing.location.entity ?? 'the element'} at line ${existing.location.line ?? '?'}; make the two descriptions the same or give them different revisions`,
          line: part.location.line,
          entity: elementId,
        });
      }
    }
    byElement.set(elementId, existing ?? part);
  };

  for (const revision of content.revisions.values()) {
    keep(revision, revisionPart(revision, content, file, problems));
  }
  const revisionParts = new Map(byElement);

  for (const part of content.graphParts.values()) {
    // The schema makes revisionRef optional and gives ProductRevisionView the type of the deprecated Part, which it replaces.
    // So a view without revisionRef is a part with its own name and UserData, unless Teamcenter's subType marks a BOM view revision.
    if (part.revisionRef === undefined && part.subType === BOM_VIEW_REVISION) {
      problems.push(unattachedViewError(part, revisionParts));
      continue;
    }
    if (part.revisionRef === undefined) {
      keep(part, graphPart(part, file, problems));
      continue;
    }
    const revisionId = localId(part.revisionRef) ?? '';
    const revisionPartFound = byElement.get(revisionId);
    if (revisionPartFound === undefined && content.revisions.has(revisionId)) {
      // The ProductRevision has no part, and its own error gives the reason.
      continue;
    }
    if (revisionPartFound === undefined) {
      problems.push({ severity: 'error', message: `revisionRef ${part.revisionRef} of ProductRevisionView ${part.id} names no ProductRevision of the file`, line: part.line, entity: part.id });
    } else {
      byElement.set(part.id, revisionPartFound);
    }
  }
  problems.push(...statuses.warnings());
  return { parts: [...parts.values()], byElement };
}

/** Returns what differs between two descriptions of one part revision, or undefined when they agree. */
function partDifference(first: SourcePart, second: SourcePart): string | undefined {
  const fields: [string, (part: SourcePart) => unknown][] = [
    ['title', (part) => part.title],
    ['description', (part) => part.description ?? ''],
    ['set of user attributes', (part) => Object.entries(part.attributes ?? {}).sort()],
  ];
  return fields.find(([, value]) => JSON.stringify(value(first)) !== JSON.stringify(value(second)))?.[0];
}
