/**
 * RFC 4180 CSV, both ways. Writing: CRLF after every record, a field is quoted when it holds
 * a comma, a double quote, CR or LF (or starts/ends with a space, which some spreadsheet
 * programs would trim), quotes inside are doubled. Reading accepts what we write and what
 * spreadsheet programs commonly write back (LF line ends, a UTF-8 byte-order mark), and
 * says where a malformed file goes wrong.
 */

export const BOM = '\uFEFF';

export interface CsvWriteOptions {
  /**
   * Prefix a UTF-8 byte-order mark: some spreadsheet programs only read Thai and
   * Vietnamese text correctly from a CSV file that starts with one.
   */
  bom?: boolean;
}

// A leading byte-order mark is quoted too: readers strip one from the start of the file.
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$|^\uFEFF/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function writeCsv(rows: readonly (readonly string[])[], options: CsvWriteOptions = {}) {
  const body = rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
  return options.bom ? BOM + body : body;
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line of the file where the record starts (a quoted field may span lines). */
  line: number;
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    readonly column: number,
    readonly line: number,
    detail: string,
  ) {
    super(`row ${row}, column ${column} (line ${line}): ${detail}`);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Parses CSV text into records. An empty line is a record of one empty field (RFC 4180); a
 * final line end does not make an empty last record.
 */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let atFieldStart = true;
  // The current field was quoted and is closed: only a separator may follow.
  let closedQuote = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const fail = (detail: string, at = line): never => {
    throw new CsvSyntaxError(records.length + 1, fields.length + 1, at, detail);
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === ',' || ch === '\r' || ch === '\n') {
      fields.push(field);
      field = '';
      atFieldStart = true;
      closedQuote = false;
      if (ch === ',') {
        i++;
        continue;
      }
      records.push({ fields, line: recordLine });
      fields = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (closedQuote)
      fail('text after the closing " of a quoted field (quotes inside a field must be doubled)');
    if (ch === '"') {
      if (!atFieldStart) fail('a " inside an unquoted field (quote the field and double the ")');
      const startLine = line;
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) fail('a quoted field is never closed (a " is missing)', startLine);
        const chunk = text.slice(i, quote);
        for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', at + 1)) line++;
        field += chunk;
        if (text[quote + 1] === '"') {
          field += '"';
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      atFieldStart = false;
      closedQuote = true;
      continue;
    }
    // An unquoted run: up to the next separator, line end or quote.
    let end = i;
    while (end < text.length) {
      const c = text[end];
      if (c === ',' || c === '\r' || c === '\n' || c === '"') break;
      end++;
    }
    field += text.slice(i, end);
    atFieldStart = false;
    i = end;
  }
  if (!atFieldStart || fields.length > 0) {
    fields.push(field);
    records.push({ fields, line: recordLine });
  }
  return records;
}
