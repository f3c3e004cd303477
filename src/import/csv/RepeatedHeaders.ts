import type { ImportIssue } from '../ImportModel.js';
import type { CsvRecord } from './CsvReader.js';

/**
 * Returns the data records without copies of the header line, with a warning for each copy. Sheets pasted
 * one below the other, and exports written page by page, repeat the header among the rows. Read as data,
 * a copy would become a part named after the part number column, or fail on the quantity column's name.
 * Cells compare without case and surrounding spaces, and blank cells at the end do not count.
 */
export function dropRepeatedHeaders(records: readonly CsvRecord[], header: CsvRecord, file: string, issues: ImportIssue[]): CsvRecord[] {
  const headerCells = comparableCells(header);
  return records.filter((record) => {
    // Most rows differ from the header in their first cell, which spares comparing the others.
    const repeats = record.fields[0]?.trim().toLowerCase() === headerCells[0] && sameCells(comparableCells(record), headerCells);
    if (repeats) {
      issues.push({ severity: 'warning', message: `The row repeats the header line (line ${header.line}), so it is skipped as a header, not read as a part.`, location: { file, line: record.line } });
    }
    return !repeats;
  });
}

function sameCells(cells: readonly string[], headerCells: readonly string[]): boolean {
  return cells.length === headerCells.length && cells.every((cell, index) => cell === headerCells[index]);
}

function comparableCells(record: CsvRecord): string[] {
  const cells = record.fields.map((field) => field.trim().toLowerCase());
  while (cells.length > 0 && cells[cells.length - 1] === '') {
    cells.pop();
  }
  return cells;
}
