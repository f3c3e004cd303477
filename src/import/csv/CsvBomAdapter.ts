import { basename, extname } from 'node:path';
import { getLogger } from '../../logging/Logger.js';
import type { AdapterOptions } from '../Adapters.js';
import { digitSpaceAdvice, parseNumber, type DecimalSeparator } from '../DecimalNumbers.js';
import { BomViewNames, type BomView } from '../BomViews.js';
import { ImportError } from '../ImportErrors.js';
import type { ImportInput } from '../ImportInput.js';
import { checkSourceFormat, HEAD_BYTES, IMPORT_FORMATS } from '../SourceFormat.js';
import { emptyBatch, type ImportBatch, type SourceBomLine, type SourceLocation, type SourcePart } from '../ImportModel.js';
import { KNOWN_UNIT_TEXTS, PIECES, unitIri } from '../QuantityUnits.js';
import { checkMapping, type CsvMapping, type ResolvedColumns, resolveColumns } from './CsvMapping.js';
import { detectDelimiter, parseCsv, type CsvRecord } from './CsvReader.js';
import { cutShortRowIssue } from './CutShortRow.js';
import { quotedCell } from './CsvValues.js';
import { csvDecimalSeparator, guessedSeparatorWarnings } from './CsvDecimalSeparator.js';
import { ParentReferences } from './ParentReferences.js';
import { splitDesignators } from '../ReferenceDesignators.js';
import { dropRepeatedHeaders } from './RepeatedHeaders.js';
import { ScientificPartNumbers } from './ScientificPartNumbers.js';
import { toKilograms } from './MassUnits.js';
import { groupRepeatedIssues } from './RepeatedIssues.js';
import { decodeWindows1252 } from './Windows1252.js';

const logger = getLogger('CsvBomAdapter');

/** One data row, read into BOM terms. */
interface BomRow {
  line: number;
  partNumber: string;
  revision: string;
  title: string;
  description?: string;
  quantity: number;
  unit: string;
  findNumber?: string;
  referenceDesignators: string[];
  /** The BOM of the row's line, from a BOM view column such as `BOM View` with EBOM or MBOM. */
  view?: BomView;
  parent?: string;
  /** Revision of the parent, from a parent revision column. */
  parentRevision?: string;
  level?: number;
  /** True when the level cell is a plain number, which in a file of outline numbers (`1.2`) is a top row. */
  plainLevel?: boolean;
  /** True when the level cell is an outline number such as `1.2.1`. */
  outlineLevel?: boolean;
  parentQuantity?: number;
  attributes: Record<string, string>;
}

/**
 * Reads a CSV bill of materials into an ImportBatch, in one of two layouts: indented (a level column,
 * each row's parent is the nearest row above it one level up) or parent-child (a parent column names
 * each row's assembly). Columns are found by header name or by a mapping (see CsvMapping). Rows that
 * real exports get wrong are repaired where the intent is clear and reported per line: unquoted
 * delimiters in the free-text column, blank part numbers (row skipped),
 * fractional quantities of pieces. Rows that cannot be read are errors, which stop the import.
 */
export async function readCsvBom(input: ImportInput, options: AdapterOptions = {}): Promise<ImportBatch> {
  const mapping = checkMapping(options.mapping, 'The CSV mapping');
  const bytes = await input.read();
  options.onProgress?.({ bytesRead: bytes.length, bytesTotal: bytes.length });
  // Checked before decoding, because the first line of another format would read as a header without a
  // part number column, and binary content would be shown in that message.
  checkSourceFormat(bytes.subarray(0, HEAD_BYTES), input.name, IMPORT_FORMATS.csv);

  const batch = emptyBatch(mapping.system ?? 'CSV BOM', input.uri);
  batch.source.mapsAttributes = true;
  const text = decodeText(bytes, input.name, batch);

  const delimiter = mapping.delimiter ?? detectDelimiter(text);
  const parsed = parseCsv(text, delimiter);
  const { unclosedQuoteLine } = parsed;
  let records = parsed.records;
  if (unclosedQuoteLine !== undefined) {
    batch.issues.push({
      severity: 'error',
      message: 'A quoted field that starts here is never closed with a double quote, so the rest of the file is one field; close it, or export the file again if it was cut short.',
      location: { file: input.name, line: unclosedQuoteLine },
    });
    // The rows from there on would only add warnings about that one broken field.
    records = records.filter((record) => record.line < unclosedQuoteLine);
  }
  const header = records[0];
  if (header === undefined) {
    throw new ImportError(`${input.name} is empty; a CSV BOM needs a header line and data rows.`);
  }
  records = [header, ...dropRepeatedHeaders(records.slice(1), header, input.name, batch.issues)];
  const cutShort = cutShortRowIssue(records, header.fields.length, input.name);
  if (cutShort !== undefined) {
    batch.issues.push(cutShort);
    // Reading the cut row would only add warnings about its blank fields.
    records = records.slice(0, -1);
  }
  const columns = resolveColumns(header.fields, mapping, input.name);
  if (columns.fields.partNumber === undefined) {
    throw new ImportError(
      `${input.name} has no part number column among ${header.fields.map((field) => JSON.stringify(field.trim())).join(', ')}; name it "Part Number" or map it with --mapping (mapping= on the import endpoint), as in {"columns": {"partNumber": "Item No."}}.`,
    );
  }
  const layout = mapping.layout ?? (columns.fields.level !== undefined ? 'indented' : 'parent-child');
  if (layout === 'indented' && columns.fields.level === undefined) {
    throw new ImportError(`${input.name}: the indented layout needs a level column; name it "Level" or map it with {"columns": {"level": "..."}}.`);
  }
  if (layout === 'parent-child' && columns.fields.parent === undefined) {
    throw new ImportError(`${input.name} has neither a level column (indented BOM) nor a parent column (parent-child BOM); map one with --mapping (mapping= on the import endpoint), as in {"columns": {"parent": "Assembly"}}.`);
  }

  batch.source.partDescriptions = columns.fields.description !== undefined;
  const { separator, guessed } = csvDecimalSeparator(records, columns, delimiter, mapping, input.name);
  batch.source.decimalSeparator = separator;
  if (columns.massUnit !== undefined) {
    batch.source.attributeUnits = { mass: columns.massUnit };
  }
  if (guessed) {
    batch.issues.push(...guessedSeparatorWarnings(records, columns, separator, delimiter, input.name));
  }
  const reader = new RowReader(input.name, header.fields.length, columns, delimiter, separator, batch, mapping.units, new BomViewNames(mapping.views));
  const rows = records.slice(1).flatMap((record) => reader.read(record) ?? []);
  batch.issues.push(...reader.scientificPartNumbers.warnings(input.name));
  if (records.slice(1).every((record) => record.fields.every((field) => field.trim() === ''))) {
    batch.issues.push({
      severity: 'warning',
      message: `${input.name} has a header line but no data rows. If the file has rows, check that it kept its line breaks: an upload with curl -d loses them, curl --data-binary keeps them.`,
      location: { file: input.name, line: header.line },
    });
  }
  const builder = new BomBuilder(input.name, batch);
  if (layout === 'indented') {
    builder.indented(rows);
  } else {
    // The added product part is named after the source, so a dated export under the same --source updates it.
    builder.parentChild(rows, mapping, columns.fields.parentQuantity !== undefined, options.sourceName ?? input.name);
  }
  batch.issues = groupRepeatedIssues(batch.issues);
  logger.info('Read CSV BOM', { source: input.uri, layout, rows: rows.length, parts: batch.parts.length, bomLines: batch.bomLines.length, issues: batch.issues.length });
  return batch;
}

/** Returns advice for a quantity that ends in a unit, such as `2 m`: the unit goes in the unit column. */
function unitInQuantityAdvice(text: string, separator: DecimalSeparator): string {
  const match = /^([\d.,\s/]+?)\s*([A-Za-z][A-Za-z0-9²³]*\.?)$/.exec(text.trim());
  if (match === null || parseNumber(match[1]!, separator) === undefined || unitIri(match[2]!) === undefined) {
    return '';
  }
  return ` The unit ${match[2]} goes in the unit column (Unit, UOM), with ${match[1]!.trim()} as the quantity.`;
}

/** Decodes UTF-8 with or without a byte order mark; text that is not UTF-8 is read as Windows-1252, with a warning. */
function decodeText(bytes: Buffer, file: string, batch: ImportBatch): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    batch.issues.push({ severity: 'warning', message: 'The file is not valid UTF-8; it was read as Windows-1252. Save it as UTF-8 to be sure of special characters.', location: { file } });
    return decodeWindows1252(bytes);
  }
}

/** Reads data records into rows, repairing and reporting what real exports get wrong. */
class RowReader {
  public readonly scientificPartNumbers = new ScientificPartNumbers();

  public constructor(
    private readonly file: string,
    private readonly width: number,
    private readonly columns: ResolvedColumns,
    private readonly delimiter: string,
    private readonly separator: DecimalSeparator,
    private readonly batch: ImportBatch,
    private readonly units?: Readonly<Record<string, string>>,
    private readonly viewNames: BomViewNames = new BomViewNames(),
  ) {}

  public read(record: CsvRecord): BomRow | undefined {
    // A row of delimiters only, as a spreadsheet saves a cleared row, is blank like an empty line.
    if (record.fields.every((field) => field.trim() === '')) {
      return undefined;
    }

    const location: SourceLocation = { file: this.file, line: record.line };
    const fields = this.repair(record, location);
    if (fields === undefined) {
      return undefined;
    }
    const cell = (index: number | undefined): string => (index === undefined ? '' : (fields[index] ?? '').trim());
    const { fields: at } = this.columns;

    const partNumber = cell(at.partNumber);
    // A blank title stays blank: the import titles a new part with its part number and keeps a stored part's title.
    const title = cell(at.title) || cell(at.description);
    if (partNumber === '') {
      this.warn(`The part number is blank, so the row${title === '' ? '' : ` "${quotedCell(title)}"`} is skipped; give it a part number to import it.`, location);
      return undefined;
    }
    this.scientificPartNumbers.note(partNumber, record.line);

    const row: BomRow = { line: record.line, partNumber, revision: cell(at.childRevision) || cell(at.revision) || '-', title, quantity: 1, unit: PIECES, referenceDesignators: [], attributes: {} };
    const description = cell(at.description);
    if (description !== '' && description !== title) {
      row.description = description;
    }
    const unit = this.unit(cell(at.unit));
    if (unit === undefined) {
      this.error(
        `The unit of measure "${quotedCell(cell(at.unit))}" is not known; use ${KNOWN_UNIT_TEXTS}, or map it to a QUDT unit IRI with --mapping (mapping= on the import endpoint), as in {"units": {"Stk": "http://qudt.org/vocab/unit/NUM"}}.`,
        location,
      );
      return undefined;
    }
    row.unit = unit;
    const quantity = this.quantity(cell(at.quantity), at.quantity !== undefined, row, location);
    if (quantity === undefined) {
      return undefined;
    }
    row.quantity = quantity;

    if (cell(at.findNumber) !== '') {
      row.findNumber = cell(at.findNumber);
    }
    if (cell(at.referenceDesignators) !== '') {
      row.referenceDesignators = splitDesignators(cell(at.referenceDesignators));
    }
    if (cell(at.bomView) !== '') {
      const view = this.viewNames.resolve(cell(at.bomView));
      if (view === undefined) {
        this.error(
          `The BOM view "${quotedCell(cell(at.bomView))}" is not known; write EBOM or MBOM (Design and Manufacturing work too), map a site's own name with --mapping (mapping= on the import endpoint), as in {"views": {"Fertigung": "MBOM"}}, or leave the cell empty for the import's view (EBOM unless --bom-view says otherwise).`,
          location,
        );
        return undefined;
      }
      row.view = view;
    }
    if (at.parent !== undefined) {
      row.parent = cell(at.parent);
      this.scientificPartNumbers.note(row.parent, record.line);
    }
    if (cell(at.parentRevision) !== '') {
      row.parentRevision = cell(at.parentRevision);
    }
    if (at.level !== undefined) {
      const level = levelOf(cell(at.level));
      if (level === undefined) {
        this.error(`The level "${quotedCell(cell(at.level))}" is not a level; write 0 for the top assembly, 1 below it, and so on (".1", "..2" and outline numbers such as "1.2.1" work too).`, location);
        return undefined;
      }
      row.level = level;
      if (/^\d+$/.test(cell(at.level))) {
        row.plainLevel = true;
      } else if (/^\d/.test(cell(at.level))) {
        row.outlineLevel = true;
      }
    }
    if (at.parentQuantity !== undefined && cell(at.parentQuantity) !== '') {
      const parentQuantity = parseNumber(cell(at.parentQuantity), this.separator);
      if (parentQuantity === undefined || parentQuantity <= 0) {
        this.warn(`The assembly multiplier "${quotedCell(cell(at.parentQuantity))}" is not a positive number; 1 is used.${digitSpaceAdvice(cell(at.parentQuantity))}`, location);
      } else {
        row.parentQuantity = parentQuantity;
      }
    }
    for (const [name, index] of this.columns.attributes) {
      const value = cell(index);
      if (value !== '') {
        row.attributes[name] = name === 'mass' ? this.kilograms(value) : value;
      }
    }
    return row;
  }

  /**
   * Returns a mass cell in kilograms, written with the file's decimal separator as the import reads
   * attributes. A cell that is no number stays as it is, so that the import's error quotes it.
   */
  private kilograms(text: string): string {
    const factor = this.columns.massKilogramsPerUnit ?? 1;
    const value = parseNumber(text, this.separator);
    if (factor === 1 || value === undefined) {
      return text;
    }
    const kilograms = String(toKilograms(value, factor));
    return this.separator === ',' ? kilograms.replace('.', ',') : kilograms;
  }

  /**
   * Joins extra fields back into the free-text column when a row has more fields than the header,
   * which happens when a description contains the delimiter without quotes. Pads short rows.
   */
  private repair(record: CsvRecord, location: SourceLocation): string[] | undefined {
    const { fields } = record;
    if (fields.length === this.width) {
      return fields;
    }
    if (fields.length < this.width) {
      this.warn(`The row has ${fields.length} fields but the header has ${this.width}; the missing fields at the end are read as blank.`, location);
      return [...fields, ...Array<string>(this.width - fields.length).fill('')];
    }
    const freeText = this.columns.freeText;
    if (freeText === undefined) {
      this.error(`The row has ${fields.length} fields but the header has ${this.width}; quote fields that contain "${this.delimiter}".`, location);
      return undefined;
    }
    const extra = fields.length - this.width;
    const repaired = [...fields.slice(0, freeText), fields.slice(freeText, freeText + extra + 1).join(this.delimiter), ...fields.slice(freeText + extra + 1)];
    const quantity = this.columns.fields.quantity;
    if (quantity !== undefined && quantity > freeText && parseNumber(repaired[quantity]!.trim(), this.separator) === undefined && repaired[quantity]!.trim() !== '') {
      this.error(`The row has ${fields.length} fields but the header has ${this.width}, and joining the extra ones into column ${freeText + 1} does not leave a number in the quantity column; quote fields that contain "${this.delimiter}".`, location);
      return undefined;
    }
    this.warn(
      `The row has ${fields.length} fields but the header has ${this.width}: column ${freeText + 1} contains "${this.delimiter}" without quotes, so fields ${freeText + 1} to ${freeText + extra + 1} were joined into it. Quote such fields.`,
      location,
    );
    return repaired;
  }

  private quantity(text: string, hasColumn: boolean, row: BomRow, location: SourceLocation): number | undefined {
    if (text === '') {
      if (hasColumn) {
        this.warn('The quantity is blank; 1 is used.', location);
      }
      return 1;
    }
    const quantity = parseNumber(text, this.separator);
    if (quantity === undefined) {
      this.error(`The quantity "${quotedCell(text)}" is not a number; write it as 2, 0${this.separator}5 or 1/2.${digitSpaceAdvice(text)}${unitInQuantityAdvice(text, this.separator)}`, location);
      return undefined;
    }
    if (quantity <= 0) {
      this.error(`The quantity ${text} is not greater than 0; remove the row or give a positive quantity.`, location);
      return undefined;
    }
    if (row.unit === PIECES && !Number.isInteger(quantity)) {
      this.warn(`The quantity ${text} of ${row.partNumber} is fractional although it is counted in pieces; it is imported as ${quantity}.`, location);
    }
    return quantity;
  }

  /** Returns the QUDT unit of a unit text: the mapping's, by exact text and then without case, else a built-in one. */
  private unit(text: string): string | undefined {
    const units = this.units ?? {};
    if (Object.hasOwn(units, text)) {
      return units[text];
    }
    const sameText = Object.keys(units).find((name) => name.toLowerCase() === text.toLowerCase());
    return sameText === undefined ? unitIri(text) : units[sameText];
  }

  private warn(message: string, location: SourceLocation): void {
    this.batch.issues.push({ severity: 'warning', message, location });
  }

  private error(message: string, location: SourceLocation): void {
    this.batch.issues.push({ severity: 'error', message, location });
  }
}

/**
 * Reads `2`, `.2`, `..2` (dots before the number), `...` (dots only) or an outline number such as
 * `1.2.3` (its number of dots, so `1` is the top) as a level.
 */
function levelOf(text: string): number | undefined {
  if (/^\.*\d+$/.test(text)) {
    return Number(text.replace(/^\.+/, ''));
  }
  if (/^\d+(\.\d+)*\.$|^\d+(\.\d+)+$/.test(text)) {
    return text.replace(/\.$/, '').split('.').length - 1;
  }
  if (/^\.+$/.test(text)) {
    return text.length;
  }
  return undefined;
}

/** Turns rows into parts and BOM lines. */
class BomBuilder {
  private readonly parts = new Map<string, SourcePart>();

  public constructor(
    private readonly file: string,
    private readonly batch: ImportBatch,
  ) {}

  /**
   * Indented layout: each row's parent is the nearest row above it one level up. An assembly used in
   * two places may list its rows again below its second use. The repetition is checked against the
   * first listing and then skipped, so each assembly's BOM is imported once.
   */
  public indented(rows: readonly BomRow[]): void {
    // In outline numbering `2` is a top row and `2.1` is below it, so plain numbers are level 0 there.
    if (rows.some((row) => row.outlineLevel === true)) {
      for (const row of rows.filter((candidate) => candidate.plainLevel === true)) {
        row.level = 0;
      }
    }
    const stack: { row: BomRow; sourceId: string; children: SourceBomLine[] }[] = [];
    const expansions = new Map<string, { line: number; children: SourceBomLine[] }[]>();
    const top = Math.min(...rows.map((row) => row.level!));

    for (const row of rows) {
      const sourceId = this.part(row);
      const depth = row.level! - top;
      while (stack.length > depth) {
        stack.pop();
      }
      if (depth > stack.length) {
        this.batch.issues.push({
          severity: 'error',
          message: `The level ${row.level} is more than one below the row above it (level ${stack.length === 0 ? 'none' : stack[stack.length - 1]!.row.level}); every row needs a parent one level up.`,
          location: { file: this.file, line: row.line },
        });
        continue;
      }
      const parent = stack[stack.length - 1];
      if (parent !== undefined) {
        parent.children.push(this.line(parent.sourceId, sourceId, row));
      }
      const entry = { row, sourceId, children: [] as SourceBomLine[] };
      stack.push(entry);
      const list = expansions.get(sourceId) ?? [];
      list.push({ line: row.line, children: entry.children });
      expansions.set(sourceId, list);
    }

    for (const [sourceId, list] of expansions) {
      // An assembly revision has one EBOM and one MBOM, so a file may list it once under each.
      for (const view of new Set(list.flatMap((expansion) => expansion.children.map((line) => line.view)))) {
        const expanded = list
          .map((expansion) => ({ line: expansion.line, children: expansion.children.filter((line) => line.view === view) }))
          .filter((expansion) => expansion.children.length > 0);
        const first = expanded[0]!;
        this.batch.bomLines.push(...first.children);
        for (const repeat of expanded.slice(1)) {
          if (signature(repeat.children) !== signature(first.children)) {
            this.batch.issues.push({
              severity: 'error',
              message: `Assembly ${this.parts.get(sourceId)!.partNumber} is listed again with other components${view === 'MBOM' ? ' in its MBOM' : ''} than at line ${first.line}; an assembly revision has one BOM, so give the two different revisions or make them equal.`,
              location: { file: this.file, line: repeat.line },
            });
          }
        }
      }
    }
  }

  /**
   * Parent-child layout: each row names its assembly. Assemblies that are no row of their own become
   * references to parts (see SourcePart.reference), titled with the parent value when they are new. With an assembly multiplier column, a root part uses each
   * assembly that many times.
   */
  public parentChild(rows: readonly BomRow[], mapping: CsvMapping, hasMultiplier: boolean, sourceName: string): void {
    const byPartNumber = new Map<string, string>();
    const sourceIds = rows.map((row) => {
      const sourceId = this.part(row);
      if (!byPartNumber.has(row.partNumber)) {
        byPartNumber.set(row.partNumber, sourceId);
      }
      return sourceId;
    });

    const references = new ParentReferences(rows);

    // A row without a parent is a top assembly when other rows name it as their parent, as is usual.
    const parents = new Set(rows.map((row) => row.parent).filter((parent) => parent !== undefined && parent !== ''));
    // A row that the reader rejected may have been a component, so "no components" could be untrue.
    const rowsRejected = this.batch.issues.some((issue) => issue.severity === 'error');
    const multipliers = new Map<string, { value: number; line: number }>();
    for (const [index, row] of rows.entries()) {
      if (row.parent === undefined || row.parent === '') {
        if (!hasMultiplier && !rowsRejected && !parents.has(row.partNumber)) {
          this.batch.issues.push({
            severity: 'warning',
            message: `${row.partNumber} has no parent and no components, so it is imported as a part without a BOM line; give its assembly in the parent column if it belongs to one.`,
            location: { file: this.file, line: row.line },
          });
        }
        continue;
      }
      let parent = row.parentRevision === undefined ? byPartNumber.get(row.parent) : this.known(row.parent, row.parentRevision);
      references.named(row.parent, row.parentRevision, row.line);
      if (parent === undefined) {
        parent = this.part({ line: row.line, partNumber: row.parent, revision: row.parentRevision ?? '-', title: row.parent, quantity: 1, unit: PIECES, referenceDesignators: [], attributes: {} });
        this.parts.get(parent)!.reference = true;
        if (!byPartNumber.has(row.parent)) {
          byPartNumber.set(row.parent, parent);
        }
      }
      this.batch.bomLines.push(this.line(parent, sourceIds[index]!, row));

      if (hasMultiplier) {
        const multiplier = row.parentQuantity ?? 1;
        const known = multipliers.get(parent);
        if (known === undefined) {
          multipliers.set(parent, { value: multiplier, line: row.line });
        } else if (known.value !== multiplier) {
          this.batch.issues.push({
            severity: 'warning',
            message: `The assembly multiplier of ${row.parent} is ${multiplier} here but ${known.value} at line ${known.line}; ${known.value} is used.`,
            location: { file: this.file, line: row.line },
          });
        }
      }
    }

    this.batch.issues.push(...references.warnings(this.file));

    if (hasMultiplier && multipliers.size > 0) {
      const name = basename(sourceName, extname(sourceName));
      const root = this.part({ line: 1, partNumber: mapping.root?.partNumber ?? name, revision: '-', title: mapping.root?.title ?? mapping.root?.partNumber ?? name, quantity: 1, unit: PIECES, referenceDesignators: [], attributes: {} });
      if (mapping.root === undefined) {
        // The part number comes from the file name, which an upload without a source name does not have.
        this.batch.issues.push({
          severity: 'warning',
          message: `The assembly multiplier column gives how many of each top assembly the product uses, so the import adds a product part above them, numbered ${name} after the source. Name it with {"root": {"partNumber": "...", "title": "..."}} in the mapping.`,
          location: { file: this.file, line: 1 },
        });
      }
      for (const [assembly, { value, line }] of multipliers) {
        this.batch.bomLines.push({ parent: root, child: assembly, quantity: value, unit: PIECES, location: { file: this.file, line } });
      }
    }
  }

  /** Returns the source id of the part with this number and revision when a row added it. */
  private known(partNumber: string, revision: string): string | undefined {
    const sourceId = partSourceId(partNumber, revision);
    return this.parts.has(sourceId) ? sourceId : undefined;
  }

  /** Adds the row's part once per part number and revision; later rows with another title or description are reported. */
  private part(row: BomRow): string {
    const sourceId = partSourceId(row.partNumber, row.revision);
    const known = this.parts.get(sourceId);
    if (known === undefined) {
      const part: SourcePart = { sourceId, partNumber: row.partNumber, revision: row.revision, title: row.title, attributes: row.attributes, location: { file: this.file, line: row.line } };
      if (row.description !== undefined) {
        part.description = row.description;
      }
      this.parts.set(sourceId, part);
      this.batch.parts.push(part);
    } else {
      if (known.title === '') {
        known.title = row.title;
      } else if (row.title !== '' && known.title !== row.title) {
        this.batch.issues.push({
          severity: 'warning',
          message: `${row.partNumber} is titled "${quotedCell(row.title)}" here but "${quotedCell(known.title)}" at line ${known.location.line}; the first title is kept.`,
          location: { file: this.file, line: row.line },
        });
      }
      if ((known.description ?? '') !== (row.description ?? '')) {
        this.batch.issues.push({
          severity: 'warning',
          message: `${row.partNumber} has ${descriptionText(row.description)} here but ${descriptionText(known.description)} at line ${known.location.line}; the first row's is kept.`,
          location: { file: this.file, line: row.line },
        });
      }
      this.mergeAttributes(known, row);
    }
    return sourceId;
  }

  /**
   * Adds the attributes that a later row of a part gives and earlier rows left blank, because a BOM often
   * fills them in on one use of the part only. An attribute with another value is a conflicting
   * duplicate, which the import rejects when the attribute sets a Part property: one part revision
   * cannot have two masses or materials.
   */
  private mergeAttributes(known: SourcePart, row: BomRow): void {
    const attributes = (known.attributes ??= {});
    for (const [name, value] of Object.entries(row.attributes)) {
      const first = attributes[name];
      if (first === undefined) {
        attributes[name] = value;
      } else if (!sameValue(first, value)) {
        (known.conflicts ??= []).push({
          name,
          message: `${row.partNumber} rev ${row.revision} has ${name} "${quotedCell(value)}" here but "${quotedCell(first)}" at line ${known.location.line}; one part revision has one value, so make the rows agree, or give the parts different revisions.`,
          location: { file: this.file, line: row.line },
        });
      }
    }
  }

  private line(parent: string, child: string, row: BomRow): SourceBomLine {
    return {
      parent,
      child,
      quantity: row.quantity,
      unit: row.unit,
      ...(row.findNumber === undefined ? {} : { findNumber: row.findNumber }),
      ...(row.referenceDesignators.length === 0 ? {} : { referenceDesignators: row.referenceDesignators }),
      ...(row.view === undefined ? {} : { view: row.view }),
      location: { file: this.file, line: row.line },
    };
  }
}

/** Returns whether two cell values are equal, numbers by value so that "1.0" equals "1". */
function sameValue(first: string, second: string): boolean {
  if (first === second) {
    return true;
  }
  const [a, b] = [Number(first), Number(second)];
  return first.trim() !== '' && second.trim() !== '' && Number.isFinite(a) && a === b;
}

function descriptionText(description: string | undefined): string {
  return description === undefined ? 'no description' : `the description "${quotedCell(description)}"`;
}

function partSourceId(partNumber: string, revision: string): string {
  return revision === '-' ? partNumber : `${partNumber} rev ${revision}`;
}

function signature(lines: readonly SourceBomLine[]): string {
  return lines.map((line) => `${line.view ?? ''} ${line.child} ${line.quantity} ${line.unit} ${line.findNumber ?? ''} ${(line.referenceDesignators ?? []).join(',')}`).sort().join('\n');
}
