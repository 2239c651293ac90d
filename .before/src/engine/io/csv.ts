/**
 * CSV with a header row (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; CRLF or
 * LF, mixed; blank lines skipped). The only module that knows the CSV parser, so that a faster reader can
 * replace csv-parse without touching the rest of the loader.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import { RawRecords, type Records } from './records.js';
import { lineCounter } from './source.js';
import { textCodec } from './values.js';

/**
 * Reads the header and up to `maxRows` records of CSV bytes (valid UTF-8, no BOM). With `truncated`, the
 * bytes are a prefix of the file, so a quoted field still open at their end is not an error.
 */
export function readCsv(bytes: Buffer, file: string, maxRows = Infinity, truncated = false): Records {
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
      relax_column_count: true, // checked below, to report the line where the record starts
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
        return null; // records are kept above, not in csv-parse's result array
      },
    });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    if (!(truncated && e.code === 'CSV_QUOTE_NOT_CLOSED')) throw new InputError(csvMessage(e), file, nextStartLine());
  }
  return new RawRecords(header ?? [], rows, lines, textCodec);
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
