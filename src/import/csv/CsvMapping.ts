import type { DecimalSeparator } from '../DecimalNumbers.js';
import { fieldNameKey } from '../FieldNames.js';
import { ImportError } from '../ImportErrors.js';
import { unitIriProblem } from '../QuantityUnits.js';
import { siteViewProblem } from '../BomViews.js';
import { headerUnitIri, kilogramsPerUnit, splitHeaderUnit } from './MassUnits.js';

/** BOM fields a CSV column can hold. */
export const BOM_FIELDS = [
  'level',
  'parent',
  'parentRevision',
  'partNumber',
  'childRevision',
  'revision',
  'title',
  'description',
  'quantity',
  'unit',
  'findNumber',
  'referenceDesignators',
  'parentQuantity',
  'bomView',
] as const;

export type BomField = (typeof BOM_FIELDS)[number];

/**
 * How a CSV BOM is laid out, as written in a `--mapping` JSON file. Every key is optional; what is
 * missing comes from the header names (see HEADER_NAMES).
 *
 * - `layout`: `indented` or `parent-child`. In an indented BOM a level column gives the depth, and a
 *   row's parent is the nearest row above it one level up. In a parent-child BOM a parent column names
 *   each row's assembly. Default: indented when there is a level column.
 * - `delimiter`: default is detected from the header line.
 * - `columns`: header name of each BOM field, such as `{"partNumber": "Item No."}`. In a parent-child
 *   BOM, `parentRevision` names the assembly's revision and `childRevision` the row part's revision
 *   (it takes precedence over `revision`). Without a parent revision column, a parent is the first row
 *   with its part number, or a part of revision "-" when no row has it.
 * - `attributes`: more columns to read as part attributes, by attribute name, such as
 *   `{"material": "Material spec"}`. Attributes named like Part shape properties (`material`, `mass`,
 *   `lifecycleState`) are stored on the part. Every other column is an attribute named after its
 *   header. Attributes that match no Part property are not stored, and the run summary lists them once.
 *   The mass column's header may give the unit of its values, as `Mass [g]` or `Weight (lb)` does, and
 *   the masses are converted to kilograms.
 * - `freeTextColumn`: the column that may hold unquoted delimiters, which are joined back into it.
 *   Default: the title column.
 * - `root`: part number and title of a top assembly over the parents, needed to keep a `parentQuantity`
 *   column (how many of each assembly the product uses). Default: the file name.
 * - `system`: source system name for provenance. Default `CSV BOM`.
 * - `units`: QUDT unit IRIs of unit texts that the import does not know, such as
 *   `{"Stk": "http://qudt.org/vocab/unit/NUM"}`. They take precedence over the built-in units.
 * - `decimalSeparator`: `.` or `,`. Default: the one the numbers show, else `,` in a file separated by
 *   semicolons and `.` in any other.
 * - `views`: the BOM view (EBOM or MBOM) of a site's own names in the BOM view column, such as
 *   `{"Fertigung": "MBOM"}`. They take precedence over the built-in names (EBOM, MBOM, Design, Manufacturing).
 */
export interface CsvMapping {
  layout?: 'indented' | 'parent-child';
  delimiter?: string;
  columns?: Partial<Record<BomField, string>>;
  attributes?: Record<string, string>;
  freeTextColumn?: string;
  root?: { partNumber: string; title?: string };
  system?: string;
  decimalSeparator?: DecimalSeparator;
  units?: Record<string, string>;
  views?: Record<string, string>;
}

/**
 * Header names recognised without a mapping, compared after lower-casing and dropping spaces and
 * punctuation other than `#`. The first name found wins, so `long name` is the title when a file has
 * both a long and a short name. The list covers the usual PLM and spreadsheet exports (Teamcenter's
 * `Item Id` and `Item Revision`, Windchill's `Number` and `Version`), including the JPL Open Source Rover parts list (`assembly`, `part #`, `long name`, `# req in assy`, `assembly
 * multiplier`).
 */
export const HEADER_NAMES: Record<BomField, string[]> = {
  level: ['level', 'lvl', 'bomlevel', 'indent', 'indentlevel'],
  parent: ['parent', 'parentpart', 'parentpartnumber', 'parentpn', 'parentnumber', 'assembly', 'assy', 'assemblynumber'],
  partNumber: ['partnumber', 'part#', 'partno', 'pn', 'p/n', 'itemnumber', 'itemid', 'component', 'componentnumber', 'childpartnumber', 'child', 'number'],
  parentRevision: ['parentrevision', 'parentrev', 'assemblyrevision', 'assyrev', 'assyrevision'],
  childRevision: ['childrevision', 'childrev', 'componentrevision', 'componentrev'],
  revision: ['revision', 'rev', 'version', 'partrevision', 'itemrevision', 'itemrevisionid', 'revisionid'],
  title: ['title', 'longname', 'name', 'partname', 'itemname', 'shortname', 'description'],
  description: ['description', 'desc', 'details'],
  quantity: ['quantity', 'qty', 'qtyper', 'quantityper', 'qtyperassy', '#reqinassy', 'count', 'amount'],
  unit: ['unit', 'uom', 'unitofmeasure', 'units'],
  findNumber: ['findnumber', 'findno', 'find#', 'item', 'itemno', 'item#', 'position', 'pos'],
  referenceDesignators: ['referencedesignators', 'referencedesignator', 'refdes', 'designators', 'designator'],
  parentQuantity: ['assemblymultiplier', 'assemblyqty', 'assemblyquantity', 'multiplier'],
  bomView: ['bomview', 'view', 'bomtype', 'structuretype'],
};

/** Columns resolved against one header line. */
export interface ResolvedColumns {
  /** Column index of each BOM field found. */
  fields: Partial<Record<BomField, number>>;
  /** Column index of each attribute, by attribute name. */
  attributes: Map<string, number>;
  freeText?: number;
  /** Kilograms per unit of the mass attribute's values, from a unit in its header such as `Mass [g]`. */
  massKilogramsPerUnit?: number;
  /** QUDT unit IRI of the unit in the mass column's header, such as unit:GM for `Mass [g]`. */
  massUnit?: string;
}

/** Turns a header into an attribute name: `cost pp` becomes `costPp`, `Lifecycle State` becomes `lifecycleState`. */
export function attributeName(header: string): string {
  const words = header.trim().split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  return words.map((word, index) => (index === 0 ? word.toLowerCase() : word[0]!.toUpperCase() + word.slice(1).toLowerCase())).join('');
}

/** Returns the attribute name of an unmapped column: `mass` for a mass header with a unit, such as `Mass [g]`. */
function headerAttributeName(header: string): string {
  return attributeName(splitHeaderUnit(header).name) === 'mass' ? 'mass' : attributeName(header);
}

/**
 * Resolves the mapping against the header. Columns that are not BOM fields become attributes named
 * after their header. Throws ImportError when a mapped column is not in the header.
 */
export function resolveColumns(header: readonly string[], mapping: CsvMapping, file: string): ResolvedColumns {
  const normalized = header.map(fieldNameKey);
  const find = (name: string): number => {
    const exact = header.findIndex((candidate) => candidate.trim() === name.trim());
    return exact >= 0 ? exact : normalized.indexOf(fieldNameKey(name));
  };
  const missing = (name: string, what: string): ImportError =>
    new ImportError(`${file}: the mapping names the column "${name}" for ${what}, but the header has only ${header.map((column) => JSON.stringify(column.trim())).join(', ')}.`);

  const fields: Partial<Record<BomField, number>> = {};
  const used = new Set<number>();
  for (const field of BOM_FIELDS) {
    const mapped = mapping.columns?.[field];
    if (mapped !== undefined) {
      const index = find(mapped);
      if (index < 0) {
        throw missing(mapped, field);
      }
      fields[field] = index;
      used.add(index);
    }
  }
  for (const field of BOM_FIELDS) {
    if (fields[field] !== undefined) {
      continue;
    }
    for (const name of HEADER_NAMES[field]) {
      const index = normalized.indexOf(name);
      if (index >= 0 && !used.has(index)) {
        fields[field] = index;
        used.add(index);
        break;
      }
    }
  }

  const attributes = new Map<string, number>();
  for (const [name, column] of Object.entries(mapping.attributes ?? {})) {
    const index = find(column);
    if (index < 0) {
      throw missing(column, `the attribute ${name}`);
    }
    attributes.set(name, index);
    used.add(index);
  }
  header.forEach((column, index) => {
    const name = headerAttributeName(column);
    if (!used.has(index) && name !== '' && !attributes.has(name)) {
      attributes.set(name, index);
    }
  });

  const resolved: ResolvedColumns = { fields, attributes };
  const mass = attributes.get('mass');
  if (mass !== undefined) {
    resolved.massKilogramsPerUnit = kilogramsPerUnit(header[mass]!, file);
    const unit = headerUnitIri(header[mass]!);
    if (unit !== undefined) {
      resolved.massUnit = unit;
    }
  }
  const freeText = mapping.freeTextColumn === undefined ? fields.title : find(mapping.freeTextColumn);
  if (mapping.freeTextColumn !== undefined && (freeText === undefined || freeText < 0)) {
    throw missing(mapping.freeTextColumn, 'free text');
  }
  if (freeText !== undefined) {
    resolved.freeText = freeText;
  }
  return resolved;
}

/** Checks a parsed `--mapping` file and returns it typed; throws ImportError naming the bad key. */
export function checkMapping(value: unknown, source: string): CsvMapping {
  if (value === undefined) {
    return {};
  }

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ImportError(`${source}: the mapping must be a JSON object such as {"columns": {"partNumber": "Item No."}}.`);
  }
  const mapping = value as Record<string, unknown>;
  const known = new Set(['layout', 'delimiter', 'columns', 'attributes', 'freeTextColumn', 'root', 'system', 'decimalSeparator', 'units', 'views']);
  for (const key of Object.keys(mapping)) {
    if (!known.has(key)) {
      throw new ImportError(`${source}: unknown mapping key "${key}"; the keys are ${[...known].join(', ')}.`);
    }
  }

  if (mapping.layout !== undefined && mapping.layout !== 'indented' && mapping.layout !== 'parent-child') {
    throw new ImportError(`${source}: "layout" must be "indented" or "parent-child".`);
  }
  if (mapping.delimiter !== undefined && (typeof mapping.delimiter !== 'string' || mapping.delimiter.length !== 1)) {
    throw new ImportError(`${source}: "delimiter" must be one character, such as ";".`);
  }
  if (mapping.decimalSeparator !== undefined && mapping.decimalSeparator !== '.' && mapping.decimalSeparator !== ',') {
    throw new ImportError(`${source}: "decimalSeparator" must be "." or ",".`);
  }
  for (const key of ['columns', 'attributes', 'units', 'views'] as const) {
    const entries = mapping[key];
    if (entries === undefined) {
      continue;
    }
    if (typeof entries !== 'object' || entries === null || Object.values(entries).some((column) => typeof column !== 'string')) {
      throw new ImportError(`${source}: "${key}" must map names to header names, such as {"partNumber": "Item No."}.`);
    }
    if (key === 'columns') {
      for (const field of Object.keys(entries)) {
        if (!(BOM_FIELDS as readonly string[]).includes(field)) {
          throw new ImportError(`${source}: "columns" has the unknown field "${field}"; the fields are ${BOM_FIELDS.join(', ')}.`);
        }
      }
    }
  }

  for (const [view, target] of Object.entries((mapping.views as Record<string, string> | undefined) ?? {})) {
    const problem = siteViewProblem('BOM view', view, target);
    if (problem !== undefined) {
      throw new ImportError(`${source}: ${problem}.`);
    }
  }
  for (const [unit, iri] of Object.entries((mapping.units as Record<string, string> | undefined) ?? {})) {
    const problem = unitIriProblem(unit, iri);
    if (problem !== undefined) {
      throw new ImportError(`${source}: ${problem}`);
    }
  }

  const root = mapping.root as { partNumber?: unknown; title?: unknown } | undefined;
  if (root !== undefined && (typeof root !== 'object' || root === null || typeof root.partNumber !== 'string' || (root.title !== undefined && typeof root.title !== 'string'))) {
    throw new ImportError(`${source}: "root" must be an object such as {"partNumber": "OSR-1", "title": "Open Source Rover"}.`);
  }
  for (const key of ['freeTextColumn', 'system'] as const) {
    if (mapping[key] !== undefined && typeof mapping[key] !== 'string') {
      throw new ImportError(`${source}: "${key}" must be a string.`);
    }
  }
  return mapping as CsvMapping;
}
