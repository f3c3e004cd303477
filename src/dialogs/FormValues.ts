import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { XSD } from '../rdf/namespaces.js';
import { isValidLexical, XSD_EXAMPLES } from '../rdf/XsdLexical.js';
import type { FormField } from './DialogFields.js';

const { literal, namedNode, quad } = DataFactory;

/** Form field name to the values entered for it, as the creation dialog sends them. */
export type FormValues = Record<string, string[]>;

/** A problem with one entered value, shown next to its field. */
export interface FieldError {
  /** The field's name, or undefined for a problem of the whole form. */
  field?: string;
  message: string;
}

/** Maximum length of one field value; shapes set tighter limits where they matter. */
const MAX_VALUE_LENGTH = 10_000;

/** Entered values that cannot become RDF; the form shows each message next to its field. */
export class FormValuesError extends Error {
  public constructor(public readonly errors: FieldError[]) {
    super(errors.map((error) => error.message).join(' '));
  }
}

/**
 * Reads the `values` object of a creation dialog submission: each key a field name, each value a
 * string or a list of strings. Anything else is reported against the field it came from.
 */
export function readFormValues(body: unknown, fields: readonly FormField[]): FormValues {
  const values = typeof body === 'object' && body !== null ? (body as { values?: unknown }).values : undefined;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new FormValuesError([{ message: 'The request body must be a JSON object with a "values" object that maps field names to values.' }]);
  }

  const errors: FieldError[] = [];
  const result: FormValues = {};
  for (const [name, value] of Object.entries(values)) {
    const field = fields.find((candidate) => candidate.name === name);
    if (field === undefined) {
      errors.push({ message: `"${name}" is not a field of this form; use one of ${fields.map((candidate) => candidate.name).join(', ')}.` });
      continue;
    }
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((item): item is string => typeof item === 'string' && item.length <= MAX_VALUE_LENGTH)) {
      errors.push({ field: name, message: `${field.title} must be text of at most ${MAX_VALUE_LENGTH} characters, or a list of such texts.` });
      continue;
    }
    const entered = list.map((item) => item.trim()).filter((item) => item !== '');
    if (entered.length > 0) {
      result[name] = entered;
    }
  }
  if (errors.length > 0) {
    throw new FormValuesError(errors);
  }
  return result;
}

/**
 * Turns entered values into the triples of a new resource named `subject`: IRIs for links and
 * enumerations of resources, typed literals for the rest. Values that cannot be written in the
 * field's datatype are reported here; the shape validation of the creation factory checks the rest.
 */
export function formValuesToQuads(values: FormValues, fields: readonly FormField[], subject: string): Quad[] {
  const errors: FieldError[] = [];
  const quads: Quad[] = [];
  for (const field of fields) {
    for (const value of values[field.name] ?? []) {
      const error = checkValue(field, value);
      if (error !== undefined) {
        errors.push({ field: field.name, message: error });
        continue;
      }
      const object = field.datatype === undefined ? namedNode(value) : literal(value, field.datatype === XSD('string') ? undefined : namedNode(field.datatype));
      quads.push(quad(namedNode(subject), namedNode(field.propertyDefinition), object));
    }
  }
  if (errors.length > 0) {
    throw new FormValuesError(errors);
  }
  return quads;
}

function checkValue(field: FormField, value: string): string | undefined {
  if (field.control === 'select' && !field.options.some((option) => option.value === value)) {
    return `${field.title} cannot be "${value}"; choose one of ${field.options.map((option) => option.label).join(', ')}.`;
  }
  if (field.datatype === undefined) {
    return isHttpIri(value) ? undefined : `${field.title} needs a link (an http or https IRI), not "${value}".`;
  }
  if (!isValidLexical(value, field.datatype)) {
    const example = XSD_EXAMPLES[field.datatype];
    return `${field.title} "${value}" is not a valid value${example === undefined ? '' : `; write it like ${example.replace(/"/g, '')}`}.`;
  }
  return undefined;
}

function isHttpIri(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !/[\s<>"{}|\\^`]/.test(value);
  } catch {
    return false;
  }
}

/**
 * Reads the values of a partial resource that a client posted to prefill a creation dialog. Values
 * of properties the form does not show are left out, and nothing is validated yet: the user completes
 * the form first.
 */
export function quadsToFormValues(quads: readonly Quad[], fields: readonly FormField[], subject: string): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const found = quads.filter((candidate) => candidate.subject.value === subject && candidate.predicate.value === field.propertyDefinition && candidate.object.termType !== 'BlankNode');
    if (found.length > 0) {
      values[field.name] = found.map((candidate) => candidate.object.value);
    }
  }
  return values;
}
