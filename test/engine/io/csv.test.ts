import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tableRows } from '../../../src/engine/batch.js';
import { InputError } from '../../../src/engine/errors.js';
import { readCsv, type CsvOptions } from '../../../src/engine/io/csv.js';
import { loadTable } from '../../../src/engine/io/index.js';
import { builtinSchemaFor } from '../../../src/engine/io/table-schemas.js';
import { textCodec } from '../../../src/engine/io/values.js';
// @ts-expect-error: a JS module shared with the benchmark, without types (its seeded mulberry32
// PRNG also makes the random cases below the same on every run)
import { csvHeader, csvLine, prng, randomMs, reseed, row } from '../../../scripts/urlclick-rows.mjs';
import { referenceCsv, type ReferenceRecords } from './csv-reference.js';

type Outcome = ReferenceRecords | { error: string };

function outcome(read: () => ReferenceRecords): Outcome {
  try {
    return read();
  } catch (e) {
    if (e instanceof InputError) return { error: e.message };
    throw e;
  }
}

/** What readCsv gives, in the reference's shape; string columns are also built from the bytes and checked. */
function ours(bytes: Buffer, options: CsvOptions = {}): Outcome {
  return outcome(() => {
    const r = readCsv(bytes, 'f.csv', options);
    const rows = Array.from({ length: r.count }, (_, i) => r.names.map((_, j) => r.show(i, j)));
    r.names.forEach((_, j) => {
      const column = r.column(j, 'string', r.count);
      column.append(0, r.count);
      expect(column.finish().toArray()).toEqual(rows.map((row) => row[j]));
    });
    return { names: [...r.names], rows, lines: Array.from({ length: r.count }, (_, i) => r.line(i)) };
  });
}

function reference(bytes: Buffer, options: CsvOptions = {}): Outcome {
  return outcome(() => referenceCsv(bytes, 'f.csv', options.maxRows, options.truncated));
}

function agree(text: string | Buffer, options: CsvOptions = {}): Outcome {
  const bytes = Buffer.from(text);
  const expected = reference(bytes, options);
  expect(ours(bytes, options)).toEqual(expected);
  return expected;
}


describe('readCsv agrees with csv-parse', () => {
  it.each([
    ['one field, no final line break', 'a\n1'],
    ['one field with a final line break', 'a\n1\n'],
    ['an empty last field', 'a,b\n1,\n2,'],
    ['empty fields everywhere', 'a,b,c\n,,\n,,'],
    ['CRLF inside quotes, CRLF records', 'a,b\r\n"x\r\ny",2\r\n"",3\r\n'],
    ['an empty quoted field alone on a line', 'a\n""\n'],
    ['blank lines, LF and CRLF, before and after records', '\n\r\na\n\n\r\n1\n\n\r\n'],
    ['a lone CR is data', 'a,b\nx\ry,\r\n\r,2\r'],
    ['a record of a lone CR (reported on the next line)', 'a\n\r\r\n1\n'],
    ['doubled quotes at the start, middle and end', 'a\n"""x"""\n"x""y"\n""""\n"x"",""y"\n'],
    ['a quoted field then EOF', 'a,b\n1,"x"'],
    ['quoted fields holding delimiters', 'a,b\n",",\n"\n",""\n'],
    ['UTF-8 text', 'é,b\n"ü,""ñ""",日本😀\n'],
    ['a quoted header with a line break', '"a\nb",c\n1,2\n'],
    ['too few fields', 'a,b\n1,2\n\n3\n'],
    ['too many fields, reported after a quoted line break', 'a\n"1\n2"\n3,4\n'],
    ['an unterminated quote', 'a,b\n1,2\n3,"open\n4,5\n'],
    ['a quote inside an unquoted field', 'a,b\n1,x"y\n'],
    ['a space before an opening quote', 'a\n "x"\n'],
    ['a character after a closing quote', 'a,b\n1,"x"y\n'],
    ['a space after a closing quote', 'a\n"x" \n'],
    ['a lone CR after a closing quote', 'a\n"x"\r'],
    ['a CR and a letter after a closing quote', 'a\n"x"\ry\n'],
    ['an empty header name', 'a,,b\n1,2,3\n'],
    ['a duplicate header name', 'a,b,a\n'],
    ['only a header', 'a,b\n'],
    ['only blank lines after the header', 'a\n\n\n'],
  ])('%s', (_, text) => {
    agree(text);
  });

  it('finds delimiters and quotes at every offset from a 4-byte word boundary', () => {
    // The scanner reads four bytes at a time, so put each special byte at every position of a word.
    for (let pad = 0; pad < 9; pad++) {
      for (let len = 0; len < 13; len++) {
        const x = 'x'.repeat(len);
        const p = 'p'.repeat(pad);
        agree(`${p}a,b\n${x},${x}\n"${x}",${x} \n"${x}""${x}","${x}\n${x}"\r\n${x}\r${x},\n`);
        agree(`${p}a,b\n${x}"${x},1\n`);
        agree(`${p}a,b\n"${x}"${x},1\n`);
        agree(`${p}a\n"${x}`, { truncated: true });
      }
    }
  });

  it('agrees on random inputs, whole, truncated and with at most 2 rows', () => {
    // No NUL: csv-parse takes a NUL after a closing quote as a delimiter, which the reader does not.
    const pieces = ['a', 'bc', 'é', '😀', ',', ',', '"', '""', '\n', '\n', '\r\n', '\r', ' '];
    const random = prng(20260720);
    const pick = (): string => pieces[Math.floor(random() * pieces.length)];
    const counts = { records: 0, errors: 0 };
    for (let n = 0; n < 3000; n++) {
      const header = random() < 0.9 ? ['h', 'h,i', 'h,i,j'][n % 3] + '\n' : '';
      const body = Array.from({ length: Math.floor(random() * 30) }, pick).join('');
      for (const options of [{}, { truncated: true }, { maxRows: 2 }]) {
        const result = agree(header + body, options);
        counts['error' in result ? 'errors' : 'records']++;
      }
    }
    // The cases test both outcomes.
    expect(counts.records).toBeGreaterThan(1000);
    expect(counts.errors).toBeGreaterThan(1000);
  });

  it('reads very long fields, quoted and not', () => {
    const quoted = `"${'ab""\r\n,'.repeat(200_000)}"`;
    const result = agree(`a,b,c\n${quoted},${'x'.repeat(3_000_000)},\n1,${quoted},2`);
    expect((result as ReferenceRecords).rows[0][0]).toHaveLength(6 * 200_000);
  });

  it('keeps maxRows records, and still reports a syntax error after them, but not a field count', () => {
    expect(agree('a\n1\n2\n3\n', { maxRows: 2 })).toMatchObject({ rows: [['1'], ['2']] });
    expect(agree('a\n1\n2\n3,4\n', { maxRows: 2 })).toMatchObject({ rows: [['1'], ['2']] });
    expect(agree('a\n1\n2\nx"\n', { maxRows: 2 })).toEqual({ error: expect.stringContaining('f.csv:4: a \'"\' inside') });
  });
});

describe('loadTable on an export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kql-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the values csv-parse and the text converters give', async () => {
    reseed(7);
    const lines = Array.from({ length: 3000 }, () => csvLine(row(randomMs())));
    const path = join(dir, 'clicks.csv');
    writeFileSync(path, csvHeader() + lines.join(''));
    const t = await loadTable(path, { tableName: 'UrlClickEvents', batchSize: 1000 });

    const ref = referenceCsv(Buffer.from(csvHeader() + lines.join('')), path);
    const schema = builtinSchemaFor('UrlClickEvents', ref.names)!;
    const converters = ref.names.map((name) => textCodec.converter(schema.find((f) => f.name === name)!.type));
    const expected = ref.rows.map((r) => r.map((v, j) => converters[j](v)));
    expect(tableRows(t).map((r) => r.slice(0, ref.names.length))).toEqual(expected);
  });
});
