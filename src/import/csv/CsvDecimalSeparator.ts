import { decimalSeparatorOf, type DecimalSeparator, type NumberCell } from '../DecimalNumbers.js';
import { ImportError } from '../ImportErrors.js';
import type { CsvMapping, ResolvedColumns } from './CsvMapping.js';
import type { CsvRecord } from './CsvReader.js';

/**
 * Returns the decimal separator of a CSV BOM's numbers: the mapping's, else the one that the
 * quantities and attribute columns show. Without either, it is the comma in a file separated by
 * semicolons, as spreadsheets write them where the comma is the decimal separator, and else the point.
 * Throws ImportError when the numbers show both, because either reading would be wrong for some of them.
 */
export function csvDecimalSeparator(records: readonly CsvRecord[], columns: ResolvedColumns, delimiter: string, mapping: CsvMapping, file: string): DecimalSeparator {
  if (mapping.decimalSeparator !== undefined) {
    return mapping.decimalSeparator;
  }

  const evidence = decimalSeparatorOf(numberCells(records, columns));
  if (evidence.conflict !== undefined) {
    const { point, comma } = evidence.conflict;
    throw new ImportError(
      `${file} has numbers with a decimal point (${shown(point)}) and with a decimal comma (${shown(comma)}); ` +
        'write every number with one decimal separator, or name it in the mapping, as in {"decimalSeparator": ","}.',
    );
  }
  return evidence.separator ?? (delimiter === ';' ? ',' : '.');
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
