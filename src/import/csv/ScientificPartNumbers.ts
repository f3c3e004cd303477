import type { ImportIssue } from '../ImportModel.js';
import { linesText } from './CsvValues.js';

/** Number of part numbers that the warning names. It counts the rest. */
const VALUES_NAMED = 3;

/**
 * A number in Excel's scientific format, such as `1.23E+05`. Excel shows a long numeric part number
 * this way and saves the shown text to CSV, so the digits that the short form leaves out are lost.
 */
const SCIENTIFIC = /^\d(\.\d+)?E[+-]\d{2,}$/i;

/** Collects part numbers (and parent values) that Excel may have converted to scientific notation. */
export class ScientificPartNumbers {
  /** Lines of each such value, in row order. */
  private readonly lines = new Map<string, number[]>();

  /** Notes a part number or parent cell, which counts only when it is in scientific notation. */
  public note(partNumber: string, line: number): void {
    if (!SCIENTIFIC.test(partNumber)) {
      return;
    }
    const lines = this.lines.get(partNumber) ?? [];
    if (!lines.includes(line)) {
      lines.push(line);
    }
    this.lines.set(partNumber, lines);
  }

  /** Returns one warning that names the values and their lines, or none. */
  public warnings(file: string): ImportIssue[] {
    const entries = [...this.lines];
    const first = entries[0];
    if (first === undefined) {
      return [];
    }
    const named = entries.slice(0, VALUES_NAMED).map(([value, lines]) => `${value} (${linesText(lines)})`);
    const more = entries.length - named.length;
    const values = more > 0 ? `${named.join(', ')} and ${more} more` : new Intl.ListFormat('en', { type: 'conjunction' }).format(named);
    return [
      {
        severity: 'warning',
        message:
          `The part numbers ${values} are in scientific notation, as Excel shows long numbers, so Excel may have converted them and dropped digits. ` +
          'Check them in the PLM system, and export the part number and parent columns as text (in Excel, format those columns as Text before saving the CSV).',
        location: { file, line: first[1][0]! },
      },
    ];
  }
}
