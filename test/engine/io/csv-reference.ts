/**
 * The CSV reader as it was on csv-parse, kept as the reference that src/engine/io/csv.ts must agree
 * with: the same records, lines, and errors with the same messages and lines.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { InputError } from '../../../src/engine/errors.js';
import { lineCounter } from '../../../src/engine/io/source.js';

export interface ReferenceRecords {
  names: string[];
  rows: string[][];
  lines: number[];
}

export function referenceCsv(bytes: Buffer, file: string, maxRows = Infinity, truncated = false): ReferenceRecords {
  const lineAt = lineCounter((from) => bytes.indexOf(10, from));
  let end = 0; // where the last record read ends; the next one starts after any blank lines
  const nextStartLine = (): number => {
    let p = end;
    while (bytes[p] === 10 || bytes[p] === 13) p++;
    return lineAt(p);
  };
  let header: string[] | undefined;
  const rows: string[][] = [];
  const lines: number[] = [];
  try {
    parse(bytes, {
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n'],
      on_record: (record: string[], info) => {
        const line = nextStartLine();
        end = info.bytes;
        if (!header) {
          header = checkHeader(record, file, line);
        } else if (rows.length < maxRows) {
          if (record.length !== header.length) {
            throw new InputError(`expected ${header.length} fields as in the header, found ${record.length}.`, file, line);
          }
          rows.push(record);
          lines.push(line);
        }
        return null;
      },
    });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    if (!(truncated && e.code === 'CSV_QUOTE_NOT_CLOSED')) throw new InputError(csvMessage(e), file, nextStartLine());
  }
  return { names: header ?? [], rows, lines };
}

function checkHeader(names: string[], file: string, line: number): string[] {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === '') throw new InputError(`column ${i + 1} of the header has no name.`, file, line);
    if (seen.has(name)) throw new InputError(`column '${name}' appears twice in the header.`, file, line);
    seen.add(name);
  });
  return names;
}

function csvMessage(e: CsvError): string {
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'unterminated quoted field: the file ends inside quotes.';
    case 'INVALID_OPENING_QUOTE':
      return 'a \'"\' inside an unquoted field; a field holding \'"\' must be quoted and the \'"\' doubled.';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a character follows a closing quote; a \'"\' inside a quoted field must be doubled.';
    default:
      return `invalid CSV: ${e.message}`;
  }
}
