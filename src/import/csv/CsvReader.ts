/** One record of a CSV file. */
export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts; a quoted field may continue it over more lines. */
  line: number;
  /** Set on a last record that the text ends without a line break, as a file being written may. */
  unterminated?: true;
}

/** Candidate field delimiters, tried on the header line. */
const DELIMITERS = [',', ';', '\t', '|'];

/**
 * Returns the delimiter that splits the header line into the most fields, counting only delimiters
 * outside quotes. Spreadsheets write `;` where the decimal separator is a comma.
 */
export function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n|\r/);
  const header = end < 0 ? text : text.slice(0, end);
  let best = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = parseCsv(header, delimiter).records[0]?.fields.length ?? 0;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Parses CSV text as RFC 4180 describes it, and as spreadsheets write it. Fields in double quotes may
 * contain delimiters, line breaks and doubled quotes. Lines end with CR LF, LF or CR, and the last line
 * may lack its line break. A UTF-8 byte order mark and blank lines are skipped, and a quote inside an
 * unquoted field is kept as text. Returns the records and the line of a quoted field left open at the
 * end of the text, if any.
 */
export function parseCsv(text: string, delimiter = ','): { records: CsvRecord[]; unclosedQuoteLine?: number } {
  const records: CsvRecord[] = [];
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let fields: string[] = [];
  let field = '';
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let atFieldStart = true;

  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0]!.trim() === '')) {
      records.push({ fields, line: recordLine });
    }
    fields = [];
    field = '';
    atFieldStart = true;
  };

  while (index < text.length) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        quoted = false;
        index++;
        continue;
      }
      if (character === '\n' || (character === '\r' && text[index + 1] !== '\n')) {
        line++;
      }
      field += character;
      index++;
      continue;
    }

    if (character === '"' && atFieldStart) {
      quoted = true;
      quoteLine = line;
      atFieldStart = false;
      index++;
    } else if (character === delimiter) {
      fields.push(field);
      field = '';
      atFieldStart = true;
      index++;
    } else if (character === '\r' || character === '\n') {
      endRecord();
      index += character === '\r' && text[index + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += character;
      atFieldStart = false;
      index++;
    }
  }
  if (quoted) {
    endRecord();
    return { records, unclosedQuoteLine: quoteLine };
  }
  if (field !== '' || fields.length > 0) {
    endRecord();
    const last = records.at(-1);
    if (last !== undefined && last.line === recordLine) {
      last.unterminated = true;
    }
  }
  return { records };
}
