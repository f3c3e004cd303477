import { decimalSeparatorOf, parseNumber, type DecimalSeparator, type NumberCell } from '../DecimalNumbers.js';
import { ImportError } from '../ImportErrors.js';
import type { ImportIssue } from '../ImportModel.js';
import type { CsvMapping, ResolvedColumns } from './CsvMapping.js';
import type { CsvRecord } from './CsvReader.js';

/** Number of cells that the warning about a guessed separator names. It counts the rest. */
const CELLS_NAMED = 3;

/** A number that either separator reads: one `.` or `,` followed by exactly three digits, as `1.250`. */
const AMBIGUOUS = /^[+-]?\d{1,3}[.,]\d{3}$/;

/**
 * Attributes that set a decimal property of the Part shape (shapes/Part.ttl), so the import reads them
 * as numbers. NOTE: listed by hand, so a new decimal Part property needs adding here.
 */
const NUMBER_ATTRIBUTES = ['mass'];

/** A CSV BOM's decimal separator, and whether the delimiter decided it because no number shows one. */
export interface CsvSeparator {
  separator: DecimalSeparator;
  guessed: boolean;
}

/**
 * Returns the decimal separator of a CSV BOM's numbers: the mapping's, else the one that the
 * quantities and attribute columns show. Without either, it is the comma in a file separated by
 * semicolons, as spreadsheets write them where the comma is the decimal separator, and else the point.
 * Throws ImportError when the numbers show both, because either reading would be wrong for some of them.
 */
export function csvDecimalSeparator(records: readonly CsvRecord[], columns: ResolvedColumns, delimiter: string, mapping: CsvMapping, file: string): CsvSeparator {
  if (mapping.decimalSeparator !== undefined) {
    return { separator: mapping.decimalSeparator, guessed: false };
  }

  const evidence = decimalSeparatorOf(numberCells(records, columns));
  if (evidence.conflict !== undefined) {
    const { point, comma } = evidence.conflict;
    throw new ImportError(
      `${file} has numbers with a decimal point (${shown(point)}) and with a decimal comma (${shown(comma)}); ` +
        'write every number with one decimal separator, or name it in the mapping, as in {"decimalSeparator": ","}.',
    );
  }
  if (evidence.separator !== undefined) {
    return { separator: evidence.separator, guessed: false };
  }
  return { separator: delimiter === ';' ? ',' : '.', guessed: true };
}

/**
 * Returns a warning naming the numbers that the guessed separator reads one way and the other
 * separator another way, such as `1.250` (1250 under the decimal comma, 1.25 under the point), or none.
 */
export function guessedSeparatorWarnings(records: readonly CsvRecord[], columns: ResolvedColumns, separator: DecimalSeparator, delimiter: string, file: string): ImportIssue[] {
  const header = records[0]?.fields ?? [];
  const indexes = [columns.fields.quantity, columns.fields.parentQuantity, ...NUMBER_ATTRIBUTES.map((name) => columns.attributes.get(name))].filter((index): index is number => index !== undefined);
  const cells: string[] = [];
  let firstLine: number | undefined;
  for (const record of records.slice(1)) {
    for (const index of indexes) {
      const text = record.fields[index]?.trim() ?? '';
      const value = parseNumber(text, separator);
      if (!AMBIGUOUS.test(text) || value === undefined) {
        continue;
      }
      firstLine ??= record.line;
      cells.push(`"${text}" on line ${record.line}, column ${header[index]?.trim() ?? index + 1}, as ${value}`);
    }
  }
  if (firstLine === undefined) {
    return [];
  }

  const other = separator === ',' ? '.' : ',';
  const named = cells.slice(0, CELLS_NAMED).join('; ');
  const more = cells.length > CELLS_NAMED ? `; and ${cells.length - CELLS_NAMED} more` : '';
  const reason = delimiter === ';' ? 'because the file is separated by semicolons' : 'because the file is not separated by semicolons';
  return [
    {
      severity: 'warning',
      message:
        `No number of the file shows which decimal separator it uses, so the import takes "${separator}" ${reason}. It reads ${named}${more}. ` +
        `If "${other}" is the decimal separator, set {"decimalSeparator": "${other}"} in the mapping (--mapping, or mapping= on the import endpoint), as the CSV mapping table in README.md describes.`,
      location: { file, line: firstLine },
    },
  ];
}

/** Yields the cells that hold numbers: quantities, assembly multipliers and attributes such as a mass. */
function* numberCells(records: readonly CsvRecord[], columns: ResolvedColumns): Generator<NumberCell> {
  const indexes = [columns.fields.quantity, columns.fields.parentQuantity, ...columns.attributes.values()].filter((index): index is number => index !== undefined);
  for (const record of records.slice(1)) {
    for (const index of indexes) {
      const text = record.fields[index];
      if (text !== undefined && text.trim() !== '') {
        yield { text, line: record.line };
      }
    }
  }
}

function shown(cell: NumberCell): string {
  return `"${cell.text.trim()}" on line ${cell.line ?? '?'}`;
}
