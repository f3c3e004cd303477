import { isValidLexical } from '../../rdf/XsdLexical.js';
import { XSD } from '../../rdf/namespaces.js';
import type { SourceAttribute, SourceAttributeDatatype } from '../ImportModel.js';
import type { AttributeDefinition, AttributeValue, ReqifContent, SpecObject } from './ReqifContent.js';
import type { ValueProblems } from './ValueProblems.js';

/** An attribute value of a SPEC-OBJECT as text, named by its ATTRIBUTE-DEFINITION. */
export interface ResolvedValue {
  name: string;
  text: string;
  /** The XHTML, for values of datatype XHTML. */
  xhtml?: string;
  /** The value with its datatype, for storing it as a typed source attribute. */
  typed: SourceAttribute;
}

/** XSD datatypes of THE-VALUE of the ReqIF simple datatypes, as the ReqIF XML schema types them. */
export const LEXICAL_TYPES: Partial<Record<AttributeValue['kind'], string>> = {
  INTEGER: XSD('integer'),
  REAL: XSD('double'),
  DATE: XSD('dateTime'),
  BOOLEAN: XSD('boolean'),
};

/** Returns the name of an attribute: its LONG-NAME, or its IDENTIFIER where a tool wrote no LONG-NAME. */
export function attributeName(definition: AttributeDefinition): string {
  return definition.longName ?? definition.identifier;
}

/**
 * Returns one value as text: enumeration values by their LONG-NAMEs joined with ", ", XHTML as plain text,
 * BOOLEAN as true or false, and the other datatypes as written. A value that is not a valid lexical form of
 * its datatype is kept as written, and `problems` records it.
 */
function valueText(value: AttributeValue, owner: SpecObject, definition: AttributeDefinition, content: ReqifContent, problems: ValueProblems): string {
  if (value.kind === 'XHTML') {
    return value.text ?? '';
  }
  if (value.kind === 'ENUMERATION') {
    const names: string[] = [];
    for (const reference of value.enumValueRefs) {
      const enumValue = content.enumValues.get(reference);
      if (enumValue === undefined) {
        problems.add({
          kind: 'unknown-enum-value',
          definitionRef: definition.identifier,
          definition,
          datatype: value.kind,
          value: reference,
          valuePosition: value.position,
          fromDefault: value === definition.defaultValue,
          owner,
        });
      } else {
        names.push(enumValue.longName ?? enumValue.identifier);
      }
    }
    return names.join(', ');
  }
  const written = (value.theValue ?? '').trim();
  const datatype = LEXICAL_TYPES[value.kind];
  if (datatype !== undefined && !isValidLexical(written, datatype)) {
    problems.add({
      kind: 'invalid-value',
      definitionRef: definition.identifier,
      definition,
      datatype: value.kind,
      value: written,
      valuePosition: value.position,
      fromDefault: value === definition.defaultValue,
      owner,
    });
    return written;
  }
  if (value.kind === 'BOOLEAN') {
    return written === 'true' || written === '1' ? 'true' : 'false';
  }
  return value.kind === 'STRING' ? (value.theValue ?? '') : written;
}

/**
 * Returns the attribute values of a SPEC-OBJECT by attribute name, adding the DEFAULT-VALUE of each
 * attribute of its SPEC-OBJECT-TYPE that it leaves out, as ReqIF defines default values.
 */
export function resolveValues(owner: SpecObject, content: ReqifContent, problems: ValueProblems): Map<string, ResolvedValue> {
  const resolved = new Map<string, ResolvedValue>();
  const givenDefinitions = new Set<string>();

  const add = (value: AttributeValue, definition: AttributeDefinition): void => {
    const name = attributeName(definition);
    const text = valueText(value, owner, definition, content, problems);
    const typed = typedValue(value, name, text, content);
    resolved.set(name, value.kind === 'XHTML' && value.xhtml !== undefined ? { name, text, xhtml: value.xhtml, typed } : { name, text, typed });
  };

  for (const value of owner.values) {
    const definition = value.definitionRef === undefined ? undefined : content.attributeDefinitions.get(value.definitionRef);
    if (definition === undefined) {
      // NOTE: a warning, not an error, because real DOORS exports (see test/fixtures/import/reqif) refer to definitions they leave out.
      const definitionRef = value.definitionRef ?? '(none)';
      problems.add({ kind: 'undefined-definition', definitionRef, datatype: value.kind, value: definitionRef, valuePosition: value.position, fromDefault: false, owner });
      continue;
    }
    givenDefinitions.add(definition.identifier);
    add(value, definition);
  }

  const type = owner.typeRef === undefined ? undefined : content.specObjectTypes.get(owner.typeRef);
  for (const definitionId of type?.attributeDefinitionIds ?? []) {
    const definition = content.attributeDefinitions.get(definitionId);
    if (definition?.defaultValue !== undefined && !givenDefinitions.has(definitionId)) {
      add(definition.defaultValue, definition);
    }
  }
  return resolved;
}

const DATATYPES: Record<AttributeValue['kind'], SourceAttributeDatatype> = {
  STRING: 'string',
  INTEGER: 'integer',
  REAL: 'real',
  DATE: 'date',
  BOOLEAN: 'boolean',
  ENUMERATION: 'enumeration',
  XHTML: 'xhtml',
};

/**
 * Returns a value with its datatype. Enumerations give one value per selected ENUM-VALUE, XHTML its
 * markup, and a value that is not valid for its datatype (already warned about) the string as written.
 */
function typedValue(value: AttributeValue, name: string, text: string, content: ReqifContent): SourceAttribute {
  if (value.kind === 'ENUMERATION') {
    const labels = value.enumValueRefs.flatMap((reference) => {
      const enumValue = content.enumValues.get(reference);
      return enumValue === undefined ? [] : [enumValue.longName ?? enumValue.identifier];
    });
    return { name, datatype: 'enumeration', values: labels };
  }
  if (value.kind === 'XHTML') {
    return { name, datatype: 'xhtml', values: value.xhtml === undefined ? [] : [value.xhtml] };
  }
  const datatype = LEXICAL_TYPES[value.kind];
  if (datatype !== undefined && !isValidLexical((value.theValue ?? '').trim(), datatype)) {
    return { name, datatype: 'string', values: [text] };
  }
  return { name, datatype: DATATYPES[value.kind], values: [text] };
}

/** Returns the first value among `names` whose text is not blank. */
export function firstGiven(values: Map<string, ResolvedValue>, names: readonly string[]): ResolvedValue | undefined {
  for (const name of names) {
    const value = values.get(name);
    if (value !== undefined && value.text.trim() !== '') {
      return value;
    }
  }
  return undefined;
}
