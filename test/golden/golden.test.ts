/**
 * Runs every `test/golden/*.kqltest` file (style.md §3 rule 10c).
 *
 * File format, line by line:
 *   # comment                      ignored (outside query text)
 *   table NAME = PATH              binds a table to a data file (PATH relative to the project root); applies to
 *                                  the cases that follow, until NAME is bound again
 *   now 2024-03-31T15:00:00Z       the instant now() returns for the cases that follow
 *   query NAME                     starts a case; the query text follows, up to a line `----`
 *   ----                           then the expected outcome, up to the next `query`/`table`/`now` line:
 *     a table      a header of `name:type` cells, then one line per row; cells are separated by two or more
 *                  spaces (or tabs). Rows are compared as a multiset (Kusto promises no order).
 *                  Cells: `null` is null (any type but string); strings are taken as written, or JSON-parsed
 *                  when they start with `"` (so `""` is the empty string); long/int/real as numbers (`NaN`);
 *                  bool `true`/`false`; datetime ISO-8601 (compared at 100-ns precision); timespan
 *                  `[-][d.]hh:mm:ss[.fffffff]`; dynamic as compact JSON with reals keeping `.0`.
 *     error: MSG   the query fails with exactly this message; an optional next line `at LINE:COLUMN` gives the
 *                  position where the error's span starts.
 *     plan:        the `explainPlan` text of the (first) result, verbatim on the following lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/engine/batch.js';
import { bindQuery } from '../../src/engine/bind.js';
import { explainPlan } from '../../src/engine/execute.js';
import { loadTable } from '../../src/engine/io/index.js';
import type { KqlType } from '../../src/engine/types.js';
import { parseQuery } from '../../src/parser/index.js';
import { expectTable, isoOfTicks, queryError, run, ticks, type Cell } from '../helpers/table.js';

const DIR = 'test/golden';

type Expected =
  | { kind: 'table'; columns: string[]; rows: Cell[][] }
  | { kind: 'error'; message: string; at?: string }
  | { kind: 'plan'; text: string };

interface GoldenCase {
  name: string;
  line: number;
  query: string;
  tables: Record<string, string>;
  now: string;
  expected: Expected;
}

function parseCell(text: string, type: KqlType): Cell {
  if (type === 'string' || type === 'guid') return text.startsWith('"') ? (JSON.parse(text) as string) : text;
  if (text === 'null') return null;
  switch (type) {
    case 'long':
      return BigInt(text);
    case 'int':
    case 'real':
    case 'decimal':
      return Number(text);
    case 'bool':
      if (text !== 'true' && text !== 'false') throw new Error(`bad bool cell ${text}`);
      return text === 'true';
    case 'datetime':
      return isoOfTicks(ticks(text));
    default: // timespan, dynamic: as written
      return text;
  }
}

function parseExpected(lines: string[], where: string): Expected {
  const body = lines.filter((l) => l.trim() !== '' && !l.startsWith('#'));
  if (body.length === 0) throw new Error(`${where}: no expected outcome after ----`);
  if (body[0].startsWith('error: ')) {
    const at = body[1]?.match(/^at (\d+:\d+)$/)?.[1];
    if (body.length > (at ? 2 : 1)) throw new Error(`${where}: unexpected lines after the error`);
    return { kind: 'error', message: body[0].slice('error: '.length), at };
  }
  if (body[0] === 'plan:') return { kind: 'plan', text: body.slice(1).join('\n') };
  const split = (l: string): string[] => l.trim().split(/ {2,}|\t+/);
  const columns = split(body[0]);
  const types = columns.map((c) => c.slice(c.lastIndexOf(':') + 1) as KqlType);
  const rows = body.slice(1).map((l, i) => {
    const cells = split(l);
    if (cells.length !== columns.length) throw new Error(`${where}: row ${i + 1} has ${cells.length} cells, not ${columns.length}`);
    return cells.map((c, j) => parseCell(c, types[j]));
  });
  return { kind: 'table', columns, rows };
}

function parseGolden(file: string, text: string): GoldenCase[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const cases: GoldenCase[] = [];
  const tables: Record<string, string> = {};
  let now = '2024-03-31T15:00:00Z';
  let i = 0;
  const isDirective = (l: string): boolean => /^(query|table|now) /.test(l);
  while (i < lines.length) {
    const line = lines[i];
    let m: RegExpMatchArray | null;
    if (line.trim() === '' || line.startsWith('#')) {
      i++;
    } else if ((m = line.match(/^table (\w+) = (.+)$/))) {
      tables[m[1]] = m[2].trim();
      i++;
    } else if ((m = line.match(/^now (\S+)$/))) {
      now = m[1];
      i++;
    } else if ((m = line.match(/^query (.+)$/))) {
      const start = i + 1;
      const where = `${file}:${start}`;
      const sep = lines.indexOf('----', start);
      if (sep < 0) throw new Error(`${where}: query without ----`);
      let end = sep + 1;
      while (end < lines.length && !isDirective(lines[end])) end++;
      cases.push({
        name: m[1], line: start, query: lines.slice(start, sep).join('\n'), tables: { ...tables }, now,
        expected: parseExpected(lines.slice(sep + 1, end), where),
      });
      i = end;
    } else {
      throw new Error(`${file}:${i + 1}: unexpected line: ${line}`);
    }
  }
  return cases;
}

async function planOf(c: GoldenCase): Promise<string> {
  const loaded = new Map<string, Table>();
  for (const [name, path] of Object.entries(c.tables)) loaded.set(name, await loadTable(path, { tableName: name }));
  const catalog = { schemaOf: (n: string) => loaded.get(n)?.schema, tableNames: () => [...loaded.keys()] };
  return explainPlan(bindQuery(parseQuery(c.query), catalog, { now: ticks(c.now.replace(/Z$/, '')) }).results[0].plan);
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.kqltest')).sort();

describe('golden files', () => {
  it('there are golden files with cases in them', () => {
    expect(files.length).toBeGreaterThanOrEqual(2); // errors, operators (the seed cases are test/seed/*.kqltest.yaml)
  });
});

for (const file of files) {
  const cases = parseGolden(file, readFileSync(`${DIR}/${file}`, 'utf8'));
  describe(file, () => {
    it.each(cases.map((c) => [`${c.name} (line ${c.line})`, c] as const))('%s', async (_name, c) => {
      const e = c.expected;
      switch (e.kind) {
        case 'table':
          expectTable(await run(c.query, c.tables, c.now), { columns: e.columns, rows: e.rows });
          break;
        case 'error': {
          const err = await queryError(c.query, c.tables, c.now);
          expect(err.message).toBe(e.message);
          if (e.at) expect(err.at).toBe(e.at);
          break;
        }
        case 'plan':
          expect(await planOf(c)).toBe(e.text);
          break;
      }
    });
  });
}
