import { XSD_EXAMPLES } from '../../rdf/XsdLexical.js';
import { LEXICAL_TYPES, attributeName } from './AttributeValues.js';
import type { AttributeDefinition, ReqifContent, ReqifDatatypeKind, ReqifPosition, ReqifProblem, SpecObject } from './ReqifContent.js';

/** Number of SPEC-OBJECTs, and of distinct values, that a problem message names besides giving their count. */
const LISTED_OBJECTS = 3;
const LISTED_VALUES = 3;

/**
 * Kinds of attribute value problem: a THE-VALUE that is no valid lexical form of its datatype, an
 * ENUM-VALUE-REF that names no ENUM-VALUE, or a DEFINITION that names no ATTRIBUTE-DEFINITION.
 */
export type ValueProblemKind = 'invalid-value' | 'unknown-enum-value' | 'undefined-definition';

/** One SPEC-OBJECT with a problem value, and the position to show for it in the list of objects. */
interface Occurrence {
  object: string;
  position: ReqifPosition;
}

/** All values with one problem under one attribute definition, or under one reference to a missing one. */
interface ProblemGroup {
  kind: ValueProblemKind;
  definitionRef: string;
  definition?: AttributeDefinition;
  datatype: ReqifDatatypeKind;
  /** The first distinct values, in the order found. */
  values: string[];
  /** Whether there are more distinct values than `values`. */
  moreValues: boolean;
  /** Position of the first value and its SPEC-OBJECT, which become the location of the reported problem. */
  location: { position: ReqifPosition; object: string };
  /** The first LISTED_OBJECTS SPEC-OBJECTs, for the message. */
  listedObjects: Occurrence[];
  objects: Set<string>;
}

/** A problem value as found while resolving one SPEC-OBJECT. */
export interface ValueProblem {
  kind: ValueProblemKind;
  /** The ATTRIBUTE-DEFINITION's IDENTIFIER, or the reference that names none. */
  definitionRef: string;
  definition?: AttributeDefinition;
  datatype: ReqifDatatypeKind;
  /** The value as written, or the reference that names nothing. */
  value: string;
  /** Position of the value, in the SPEC-OBJECT or in the DEFAULT-VALUE of its definition. */
  valuePosition: ReqifPosition;
  fromDefault: boolean;
  owner: SpecObject;
}

/**
 * Collects problems of attribute values and reports one problem per attribute definition and kind, with
 * the number of SPEC-OBJECTs affected. A tool that exports one attribute wrongly usually does so in every
 * object, as the Polarion sample under test/fixtures does, and one message per value would bury the other
 * issues.
 */
export class ValueProblems {
  private readonly groups = new Map<string, ProblemGroup>();

  public constructor(private readonly content: ReqifContent) {}

  public add(problem: ValueProblem): void {
    const key = `${problem.kind} ${problem.definitionRef}`;
    let group = this.groups.get(key);
    if (group === undefined) {
      group = {
        kind: problem.kind,
        definitionRef: problem.definitionRef,
        datatype: problem.datatype,
        values: [],
        moreValues: false,
        location: { position: problem.valuePosition, object: problem.owner.identifier },
        listedObjects: [],
        objects: new Set(),
      };
      if (problem.definition !== undefined) {
        group.definition = problem.definition;
      }
      this.groups.set(key, group);
    }

    addValue(group, problem.value);
    // One count per SPEC-OBJECT, because an enumeration value can name several missing ENUM-VALUEs.
    if (group.objects.has(problem.owner.identifier)) {
      return;
    }
    group.objects.add(problem.owner.identifier);
    if (group.listedObjects.length < LISTED_OBJECTS) {
      // A default value is written once, in the definition, so the list shows the objects that take it.
      const position = problem.fromDefault ? problem.owner.position : problem.valuePosition;
      group.listedObjects.push({ object: problem.owner.identifier, position });
    }
  }

  /** Appends one problem per group to `problems`, located at the group's first value, in the order first found. */
  public report(problems: ReqifProblem[]): void {
    for (const group of this.groups.values()) {
      problems.push({
        severity: group.kind === 'unknown-enum-value' ? 'error' : 'warning',
        message: this.message(group),
        position: group.location.position,
        entity: group.location.object,
      });
    }
  }

  private message(group: ProblemGroup): string {
    if (group.kind === 'undefined-definition') {
      return undefinedDefinitionMessage(group);
    }
    const attribute = this.attributeLabel(group);
    return group.kind === 'unknown-enum-value' ? unknownEnumValueMessage(group, attribute) : invalidValueMessage(group, attribute);
  }

  /** Returns the attribute's name with its SPEC-OBJECT-TYPE, because Polarion, for one, defines an attribute of the same name in each type. */
  private attributeLabel(group: ProblemGroup): string {
    const name = `"${group.definition === undefined ? group.definitionRef : attributeName(group.definition)}"`;
    const type = [...this.content.specObjectTypes.values()].find((candidate) => candidate.attributeDefinitionIds.includes(group.definitionRef));
    return type === undefined ? name : `${name} of SPEC-OBJECT-TYPE "${type.longName ?? type.identifier}"`;
  }
}

function addValue(group: ProblemGroup, value: string): void {
  if (group.values.includes(value)) {
    return;
  }
  if (group.values.length < LISTED_VALUES) {
    group.values.push(value);
  } else {
    group.moreValues = true;
  }
}

function invalidValueMessage(group: ProblemGroup, attribute: string): string {
  const where = objectList(group);
  const fix = invalidValueFix(group.datatype);
  const example = group.values[0]!;
  if (group.objects.size === 1) {
    return `value "${example}" of attribute ${attribute} in ${where} is not a valid ${group.datatype}; it is kept as written, as a string. ${fix}`;
  }
  const problem =
    group.values.length === 1
      ? `value "${example}" of attribute ${attribute} is not a valid ${group.datatype} in ${where}`
      : `values of attribute ${attribute} are not valid ${group.datatype}s in ${where}, for example "${example}"`;
  return `${problem}; the values are kept as written, as strings. ${fix}`;
}

function unknownEnumValueMessage(group: ProblemGroup, attribute: string): string {
  const where = objectList(group);
  const fix = 'Export the enumeration datatype with its values';
  const many = group.values.length > 1;
  const references = `ENUM-VALUE-REF${many ? 's' : ''} ${group.values.join(', ')}${group.moreValues ? ' and others' : ''}`;
  const verb = many ? 'name' : 'names';
  if (group.objects.size === 1) {
    return `${references} of attribute ${attribute} in ${where} ${verb} no ENUM-VALUE of the document, so the value cannot be read. ${fix}`;
  }
  return `${references} of attribute ${attribute} ${verb} no ENUM-VALUE of the document in ${where}, so the values cannot be read. ${fix}`;
}

function undefinedDefinitionMessage(group: ProblemGroup): string {
  const where = objectList(group);
  const fix = 'Export the document with the SPEC-OBJECT-TYPEs that define its attributes';
  if (group.objects.size === 1) {
    return `ATTRIBUTE-DEFINITION ${group.definitionRef} of a value in ${where} is not defined; the value is left out. ${fix}`;
  }
  return `ATTRIBUTE-DEFINITION ${group.definitionRef} of values in ${where} is not defined; the values are left out. ${fix}`;
}

/** Returns "SPEC-OBJECT a" or "12 SPEC-OBJECTs (a at line 3, b at line 9, … and 9 more)". */
function objectList(group: ProblemGroup): string {
  const count = group.objects.size;
  if (count === 1) {
    return `SPEC-OBJECT ${group.location.object}`;
  }

  const firstFile = group.location.position.file;
  const listed = group.listedObjects.map((occurrence) => `${occurrence.object} at ${lineOf(occurrence.position, firstFile)}`);
  const more = count > listed.length ? ` and ${count - listed.length} more` : '';
  return `${count} SPEC-OBJECTs (${listed.join(', ')}${more})`;
}

/** Returns "line 12", naming the file only when it differs from the first value's, as in a `.reqifz` archive. */
function lineOf(position: ReqifPosition, firstFile: string): string {
  const line = `line ${position.line ?? '?'}`;
  return position.file === firstFile ? line : `${position.file} ${line}`;
}

function invalidValueFix(datatype: ReqifDatatypeKind): string {
  const xsdType = LEXICAL_TYPES[datatype];
  const example = xsdType === undefined ? undefined : XSD_EXAMPLES[xsdType];
  const written = example === undefined ? '' : ` such as ${example}`;
  return `To keep the datatype, export valid ${datatype} values${written}, or else change the attribute's datatype to STRING in the exporting tool`;
}
