import { emptyBatch, type ImportBatch, type SourceAttribute, type SourceLocation, type SourceRequirement, type SourceRequirementCollection } from '../ImportModel.js';
import { attributeName, firstGiven, resolveValues, type ResolvedValue } from './AttributeValues.js';
import type { ReqifContent, ReqifPosition, ReqifProblem, SpecObject, SpecRelation } from './ReqifContent.js';
import { embeddedObjectWarning } from './EmbeddedObjects.js';
import { GENERIC_TRACE_LINK, mapRelationType } from './RelationTypes.js';
import { isHeading } from './ReqifHeadings.js';
import type { AttributeRoles } from './ToolProfiles.js';
import { ValueProblems } from './ValueProblems.js';

/** Maximum length of a title derived from a requirement's text, for requirements without a title attribute or LONG-NAME. */
const DERIVED_TITLE_LENGTH = 120;

function locationOf(position: ReqifPosition, entity?: string): SourceLocation {
  const location: SourceLocation = { file: position.file };
  if (position.line !== undefined) {
    location.line = position.line;
  }
  if (entity !== undefined) {
    location.entity = entity;
  }
  return location;
}

/** Returns the first line of `text`, cut at a word boundary to at most DERIVED_TITLE_LENGTH characters. */
function titleFromText(text: string): string {
  const line = text.split('\n')[0]!.trim();
  if (line.length <= DERIVED_TITLE_LENGTH) {
    return line;
  }
  const cut = line.slice(0, DERIVED_TITLE_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > 40 ? cut.slice(0, space) : cut}…`;
}

/**
 * Maps a SPEC-OBJECT to a requirement. The identifier, title and text come from the first attribute named
 * in `roles` that has a value. Without one, the identifier is the SPEC-OBJECT's IDENTIFIER, and the title
 * is a heading's heading attribute, else its LONG-NAME, else the first line of its text, else its identifier. Every other attribute is kept
 * under its name. A heading (see isHeading) is marked, and keeps its place in the document.
 */
function toRequirement(object: SpecObject, roles: AttributeRoles, content: ReqifContent, problems: ValueProblems, textFallback: boolean): SourceRequirement {
  const values = resolveValues(object, content, problems);
  const identifierValue = firstGiven(values, roles.identifier);
  const titleValue = firstGiven(values, roles.title);
  const textValue = firstGiven(values, roles.text) ?? (textFallback ? soleRichText(values, [identifierValue, titleValue]) : undefined);

  const identifier = identifierValue?.text.trim() ?? object.identifier;
  const description = textValue?.text;
  const longName = object.longName?.trim();
  const heading = isHeading(object, values, roles, content);
  // A heading without a title value is titled by its heading attribute. The tools' own title lists end
  // with ReqIF.ChapterName for this, and a mapping's heading attribute gets the same treatment.
  const headingValue = titleValue === undefined && heading ? firstGiven(values, roles.heading) : undefined;
  let title = (titleValue ?? headingValue)?.text.trim() ?? '';
  if (title === '' && longName !== undefined) {
    title = longName;
  }
  if (title === '' && description !== undefined) {
    title = titleFromText(description);
  }
  if (title === '') {
    title = identifier;
  }

  const requirement: SourceRequirement = { sourceId: object.identifier, identifier, title, location: locationOf(object.position, object.identifier) };
  if (description !== undefined) {
    requirement.description = description;
  }
  if (textValue?.xhtml !== undefined) {
    requirement.descriptionXhtml = textValue.xhtml;
  }
  if (heading) {
    requirement.heading = true;
  }
  const used = new Set([identifierValue?.name, titleValue?.name, textValue?.name, headingValue?.name]);
  const attributes: Record<string, string> = {};
  const typedAttributes: SourceAttribute[] = [];
  for (const value of values.values()) {
    if (!used.has(value.name)) {
      attributes[value.name] = value.text;
      typedAttributes.push(value.typed);
    }
  }
  if (Object.keys(attributes).length > 0) {
    requirement.attributes = attributes;
    requirement.typedAttributes = typedAttributes;
  }
  return requirement;
}

/**
 * Sets each requirement's `parent` and `sectionNumber` from the SPEC-HIERARCHY nodes. The first placement
 * of an object wins, which is in the first SPECIFICATION that places it.
 */
function applyHierarchy(content: ReqifContent, requirements: Map<string, SourceRequirement>, problems: ReqifProblem[]): void {
  const placed = new Set<string>();
  for (const node of content.hierarchy) {
    if (node.object === undefined) {
      continue;
    }
    const identifier = node.object.identifier;
    const requirement = requirements.get(identifier);
    if (requirement === undefined) {
      problems.push({ severity: 'warning', message: `SPEC-OBJECT-REF ${identifier} in a SPEC-HIERARCHY names no SPEC-OBJECT of the document`, position: node.object.position, entity: identifier });
      continue;
    }
    const parentRef = node.parentIndex === undefined ? undefined : content.hierarchy[node.parentIndex]?.object?.identifier;
    const parent = parentRef !== undefined && requirements.has(parentRef) ? parentRef : undefined;
    if (placed.has(identifier)) {
      if (parent !== requirement.parent) {
        problems.push({ severity: 'warning', message: `SPEC-OBJECT ${identifier} is placed twice in the specification hierarchy, under different parents; the first placement gives its parent and section number`, position: node.object.position, entity: identifier });
      }
      continue;
    }
    placed.add(identifier);
    requirement.sectionNumber = node.sectionNumber;
    if (parent !== undefined) {
      requirement.parent = parent;
    }
  }
}

/**
 * Maps each SPECIFICATION to a requirement collection of the SPEC-OBJECTs that its hierarchy places, at
 * any level. Its title is the LONG-NAME, else the IDENTIFIER. References to SPEC-OBJECTs that the
 * document lacks are left out, because applyHierarchy warns about them.
 */
function toRequirementCollections(content: ReqifContent, requirements: ReadonlyMap<string, SourceRequirement>): SourceRequirementCollection[] {
  const collections = content.specifications.map((specification): SourceRequirementCollection => {
    const longName = specification.longName?.trim();
    const description = specification.description?.trim();
    return {
      sourceId: specification.identifier,
      title: longName === undefined || longName === '' ? specification.identifier : longName,
      ...(description === undefined || description === '' ? {} : { description }),
      members: [],
      location: locationOf(specification.position, specification.identifier),
    };
  });

  // A SPEC-OBJECT placed twice in one SPECIFICATION is one member.
  const members = collections.map(() => new Set<string>());
  for (const node of content.hierarchy) {
    const identifier = node.object?.identifier;
    if (node.specificationIndex !== undefined && identifier !== undefined && requirements.has(identifier)) {
      members[node.specificationIndex]!.add(identifier);
    }
  }
  collections.forEach((collection, index) => collection.members.push(...members[index]!));
  return collections;
}

/**
 * Adds a link per SPEC-RELATION. A reference to a SPEC-OBJECT outside the document is kept for the
 * synchronizer to resolve against requirements that earlier imports stored, which warns when it cannot.
 * A relation with a missing or empty SOURCE or TARGET is an error, because no link can be made from it.
 */
function addLinks(content: ReqifContent, batch: ImportBatch, problems: ReqifProblem[]): void {
  const undefinedTypes = new Map<string, { first: ReqifContent['specRelations'][number]; count: number }>();
  const unnamedTypes = new Map<string, { first: ReqifContent['specRelations'][number]; count: number }>();
  for (const relation of content.specRelations) {
    const incomplete = incompleteEnds(relation);
    if (incomplete !== undefined || relation.source === undefined || relation.target === undefined) {
      const type = relation.typeRef === undefined ? undefined : content.specRelationTypes.get(relation.typeRef);
      const typeName = type === undefined ? '' : ` (${type.longName ?? type.identifier})`;
      problems.push({
        severity: 'error',
        message: `SPEC-RELATION ${relation.identifier}${typeName} has ${incomplete}; give it both ends or remove it from the export`,
        position: relation.position,
        entity: relation.identifier,
      });
      continue;
    }
    const type = relation.typeRef === undefined ? undefined : content.specRelationTypes.get(relation.typeRef);
    if (type === undefined) {
      const key = relation.typeRef ?? '(none)';
      const seen = undefinedTypes.get(key);
      if (seen === undefined) {
        undefinedTypes.set(key, { first: relation, count: 1 });
      } else {
        seen.count++;
      }
    }
    const linkType = type === undefined ? undefined : (type.longName ?? type.identifier);
    const mapping = mapRelationType(linkType);
    if (linkType !== undefined && mapping === GENERIC_TRACE_LINK) {
      const seen = unnamedTypes.get(linkType);
      unnamedTypes.set(linkType, seen === undefined ? { first: relation, count: 1 } : { ...seen, count: seen.count + 1 });
    }
    const [from, to] = mapping.reverse ? [relation.target, relation.source] : [relation.source, relation.target];
    batch.links.push({
      from: from.identifier,
      to: to.identifier,
      property: mapping.property,
      ...(linkType === undefined ? {} : { linkType }),
      location: locationOf(relation.position, relation.identifier),
    });
  }

  // The name of a link type that maps to the generic trace link is lost, so later queries cannot distinguish custom types.
  for (const [linkType, { first, count }] of unnamedTypes) {
    const links = count === 1 ? 'its relation is' : `its ${count} relations are`;
    problems.push({
      severity: 'warning',
      message: `The SPEC-RELATION-TYPE "${linkType}" matches no OSLC RM link type, so ${links} imported as dt:tracesTo, without the type name. Name the type after an OSLC RM link, such as "satisfied by" or "derived from", if it is one.`,
      position: first.position,
      entity: first.identifier,
    });
  }

  // NOTE: a warning, not an error, because real ReqIF Studio exports (see test/fixtures/import/reqif) leave
  // relation types out. One warning per type, at its first use, because such an export has many relations.
  for (const [typeRef, { first, count }] of undefinedTypes) {
    const others = count === 1 ? '' : ` and ${count - 1} more SPEC-RELATION${count === 2 ? '' : 's'}`;
    problems.push({
      severity: 'warning',
      message: `SPEC-RELATION-TYPE ${typeRef} of SPEC-RELATION ${first.identifier}${others} is not defined; ${count === 1 ? 'it is' : 'they are'} imported as dt:tracesTo`,
      position: first.position,
      entity: first.identifier,
    });
  }
}

/** Describes the missing and empty ends of a relation, such as "an empty SOURCE and no TARGET", or returns undefined when both are given. */
function incompleteEnds(relation: SpecRelation): string | undefined {
  const ends: string[] = [];
  for (const [name, end] of [['SOURCE', relation.source], ['TARGET', relation.target]] as const) {
    if (end === undefined) {
      ends.push(`no ${name}`);
    } else if (end.identifier === '') {
      ends.push(`an empty ${name}`);
    }
  }
  return ends.length === 0 ? undefined : ends.join(' and ');
}

/** Returns what differs between two readings of one SPEC-OBJECT, or undefined when they are the same. */
function requirementDifference(first: SourceRequirement, second: SourceRequirement): string | undefined {
  // The text comes before the title, because a tool without a heading attribute titles an object by its text.
  const fields: [string, (requirement: SourceRequirement) => unknown][] = [
    ['identifier', (requirement) => requirement.identifier],
    ['text', (requirement) => requirement.descriptionXhtml ?? requirement.description],
    ['title', (requirement) => requirement.title],
    ['attributes', (requirement) => requirement.typedAttributes ?? []],
  ];
  return fields.find(([, value]) => JSON.stringify(value(first)) !== JSON.stringify(value(second)))?.[0];
}

/**
 * Returns where a first definition is, for a message at a second one: its line, and its file too when
 * that is another member of a .reqifz archive, named by its path in the archive (after `!/`).
 */
function firstPlace(first: SourceLocation, second: ReqifPosition): string {
  const line = `line ${first.line ?? '?'}`;
  return first.file === second.file ? line : `${line} of ${first.file.split('!/').pop()!}`;
}

/**
 * Returns the only XHTML value of a SPEC-OBJECT that is not its identifier or title, for documents that
 * define no attribute of the text names, as the Eclipse RMF test files name theirs after the test case.
 * Returns undefined when there is none or more than one, because the text is then a guess.
 */
function soleRichText(values: ReadonlyMap<string, ResolvedValue>, identityValues: ReadonlyArray<ResolvedValue | undefined>): ResolvedValue | undefined {
  const richText = [...values.values()].filter((value) => value.xhtml !== undefined && value.text.trim() !== '' && !identityValues.includes(value));
  return richText.length === 1 ? richText[0] : undefined;
}

/**
 * Builds the import batch from everything read. Problems become issues in the order they were found,
 * except that attribute value problems, one per definition and kind, follow those of the SPEC-OBJECTs.
 */
export function toImportBatch(content: ReqifContent, system: string, uri: string, roles: AttributeRoles): ImportBatch {
  const batch = emptyBatch(system, uri);
  const problems: ReqifProblem[] = [...content.problems];
  const requirements = new Map<string, SourceRequirement>();
  const valueProblems = new ValueProblems(content);

  const textFallback = ![...content.attributeDefinitions.values()].some((definition) => roles.text.includes(attributeName(definition)));
  for (const object of content.specObjects) {
    const requirement = toRequirement(object, roles, content, valueProblems, textFallback);
    const first = requirements.get(object.identifier);
    if (first !== undefined) {
      const difference = requirementDifference(first, requirement);
      if (difference !== undefined) {
        problems.push({
          severity: 'error',
          message: `SPEC-OBJECT ${object.identifier} is defined twice with different ${difference} (first at ${firstPlace(first.location, object.position)}); remove one definition or give it another IDENTIFIER`,
          position: object.position,
          entity: object.identifier,
        });
      }
      continue;
    }
    requirements.set(object.identifier, requirement);
    batch.requirements.push(requirement);
  }
  valueProblems.report(problems);
  applyHierarchy(content, requirements, problems);
  batch.requirementCollections = toRequirementCollections(content, requirements);
  addLinks(content, batch, problems);
  batch.source.requirementLinkProperties = linkProperties(content);

  batch.issues = problems.map((problem) =>
    problem.position === undefined
      ? { severity: problem.severity, message: problem.message }
      : { severity: problem.severity, message: problem.message, location: locationOf(problem.position, problem.entity) },
  );
  const embedded = embeddedObjectWarning(batch.requirements);
  if (embedded !== undefined) {
    batch.issues.push(embedded);
  }
  return batch;
}

/**
 * Returns the link properties of the document's SPEC-RELATION-TYPEs, which exports keep after the last
 * relation of a type is deleted, and the generic trace link, which relations of undefined types become.
 * Some tools, such as ReqIF Studio, define no types at all.
 */
function linkProperties(content: ReqifContent): string[] {
  const properties = new Set([...content.specRelationTypes.values()].map((type) => mapRelationType(type.longName ?? type.identifier).property));
  properties.add(GENERIC_TRACE_LINK.property);
  return [...properties].sort();
}
