import type { ImportIssue } from '../ImportModel.js';
import type { CsvRecord } from './CsvReader.js';

/**
 * Returns an error when the file ends inside a row that has fewer fields than the header, without a
 * line break after it. A file read while a PLM or ERP export still writes it ends that way, and reading
 * the row with blank fields would change or remove real BOM lines. A short row elsewhere in the file,
 * or a short last row that ends with a line break, is an export's own mess and only gets a warning.
 */
export function cutShortRowIssue(records: readonly CsvRecord[], width: number, file: string): ImportIssue | undefined {
  const last = records.at(-1);
  if (records.length < 2 || last === undefined || last.unterminated !== true || last.fields.length >= width) {
    return undefined;
  }
  return {
    severity: 'error',
    message:
      `The last row has ${last.fields.length} field${last.fields.length === 1 ? '' : 's'} but the header has ${width}, and the file ends inside it without a line break, ` +
      'as a file does that was read while it was still being written. Import the complete file; if this row is complete, ' +
      'end the file with a line break, and the missing fields are read as blank.',
    location: { file, line: last.line },
  };
}
