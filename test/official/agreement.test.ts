/**
 * Agreement with Microsoft's own KQL parser and semantic analyzer (`@kusto/language-service-next`, the
 * Kusto.Language library behind the Kusto editors; see kusto-analyzer.ts).
 *
 * Queries:
 *   - corpus:  every real hunting query in ../shared/corpus/*.kql, over every known table (the built-in
 *              schemas, `builtinSchema(table)`, i.e. the Defender XDR flavour where a table has two; a table
 *              with no built-in schema from ../shared/schemas/*.json);
 *   - docs:    every example of ../shared/conformance/kusto-docs-cases.json (they define their own data);
 *   - golden:  every query of test/golden/*.kqltest, over the schemas of the data files bound at that point.
 *
 * Each query goes through the analyzer and through our `checkQuery` (Table objects with no batches, so no
 * file is read) and is classified:
 *   - refused:           our engine refuses it by name (`Not supported: …`): skipped;
 *   - agree:             the analyzer finds no error and our result schema is the same: same number of
 *                        results, and for each the same column names, in the same order, with the same types;
 *   - analyzer-invalid:  the analyzer reports errors and our engine rejects the query too;
 *   - analyzer-wrong:    docs cases only: the analyzer disagrees with us, but the kusto-docs-cases.json oracle
 *                        (what the real Kusto engine returned for that query) has exactly our schema, so the
 *                        analyzer is the one that deviates (e.g. it types getyear() as int, the engine long).
 *                        Listed in the summary, not a failure;
 *   - disagree:          anything else. When the analyzer knows a result table is open (it has columns the
 *                        analyzer cannot name, e.g. after `evaluate bag_unpack`), the columns it does name
 *                        must appear in ours, in the same order and with the same types.
 *
 * The analyzer takes ~15 ms a query (and ~3 s to warm up), so it is loaded once and not run on the queries
 * our engine refuses.
 *
 * A disagreement is a bug in our binder (or parser). There is no allow-list: the failure message lists
 * every disagreement (id, query excerpt, ours vs Microsoft's).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinSchema, readTableSchema } from '../../src/engine/io/index.js';
import { checkQuery } from '../../src/engine/run.js';
import type { Table } from '../../src/engine/batch.js';
import type { Field } from '../../src/engine/types.js';
import { analyze, kustoPackageVersion, loadKusto, type AnalyzerResult, type Column } from './kusto-analyzer.js';

const ROOT = new URL('../../', import.meta.url);
const SHARED = new URL('../shared/', ROOT);

type Source = 'corpus' | 'docs' | 'golden';
type Category = 'agree' | 'disagree' | 'refused' | 'analyzer-invalid' | 'analyzer-wrong';

interface Case {
  source: Source;
  id: string;
  query: string;
  tables: Record<string, readonly Field[]>;
  /** docs cases: the schema the real Kusto engine (the emulator) returned for the query. */
  engine?: Column[];
}

interface Outcome {
  c: Case;
  category: Category;
  /** Why the case disagrees: one line each. */
  why: string[];
  /** The analyzer's result table was open (only the columns it names were compared). */
  open: boolean;
}

// ---------------------------------------------------------------------------------------------- cases

/** Every table a corpus query may read: built-in schemas first, then ../shared/schemas for the others. */
function corpusTables(): Record<string, readonly Field[]> {
  const files = readdirSync(new URL('schemas/', SHARED)).filter((f) => f.endsWith('.json')).sort();
  const fromFiles = new Map<string, { flavor: string; columns: Field[] }[]>();
  for (const f of files) {
    const s = JSON.parse(readFileSync(new URL(`schemas/${f}`, SHARED), 'utf8')) as { table: string; flavor: string; columns: Field[] };
    fromFiles.set(s.table, [...(fromFiles.get(s.table) ?? []), { flavor: s.flavor, columns: s.columns }]);
  }
  const tables: Record<string, readonly Field[]> = {};
  for (const [name, flavors] of fromFiles) {
    tables[name] = builtinSchema(name) ?? (flavors.find((x) => x.flavor === 'defender-xdr') ?? flavors[0]).columns;
  }
  return tables;
}

function corpusCases(): Case[] {
  const tables = corpusTables();
  return readdirSync(new URL('corpus/', SHARED))
    .filter((f) => f.endsWith('.kql'))
    .sort()
    .map((f) => ({ source: 'corpus' as const, id: f, query: readFileSync(new URL(`corpus/${f}`, SHARED), 'utf8'), tables }));
}

/** The oracle's .NET type names → KQL types. */
const DOTNET_TYPES: Record<string, string> = {
  String: 'string', Int64: 'long', Int32: 'int', Double: 'real', SByte: 'bool', DateTime: 'datetime',
  TimeSpan: 'timespan', Guid: 'guid', Object: 'dynamic', SqlDecimal: 'decimal',
};

function docsCases(): Case[] {
  const { cases } = JSON.parse(readFileSync(new URL('conformance/kusto-docs-cases.json', SHARED), 'utf8')) as {
    cases: { id: string; kql: string; expected: { columns: string[]; column_types: string[] } }[];
  };
  return cases.map((c) => ({
    source: 'docs' as const, id: c.id, query: c.kql, tables: {},
    engine: c.expected.columns.map((name, i) => ({ name, type: DOTNET_TYPES[c.expected.column_types[i]] ?? `?${c.expected.column_types[i]}` })),
  }));
}

/** The queries of test/golden/*.kqltest (format: see test/golden/golden.test.ts) with the data files bound to them. */
async function goldenCases(): Promise<Case[]> {
  const dir = new URL('test/golden/', ROOT);
  const out: Case[] = [];
  const schemaCache = new Map<string, readonly Field[]>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.kqltest')).sort()) {
    const lines = readFileSync(new URL(file, dir), 'utf8').replace(/\r\n/g, '\n').split('\n');
    const bound: Record<string, string> = {};
    for (let i = 0; i < lines.length; i++) {
      let m: RegExpMatchArray | null;
      if ((m = lines[i].match(/^table (\w+) = (.+)$/))) {
        bound[m[1]] = m[2].trim();
      } else if (lines[i].startsWith('query ')) {
        const sep = lines.indexOf('----', i + 1);
        if (sep < 0) throw new Error(`${file}:${i + 1}: query without ----`);
        const tables: Record<string, readonly Field[]> = {};
        for (const [name, path] of Object.entries(bound)) {
          const key = `${name}=${path}`;
          let schema = schemaCache.get(key);
          if (!schema) {
            schema = await readTableSchema(fileURLToPath(new URL(path, ROOT)), { tableName: name });
            schemaCache.set(key, schema);
          }
          tables[name] = schema;
        }
        out.push({ source: 'golden', id: `${file}:${i + 2} ${lines[i].slice(6)}`, query: lines.slice(i + 1, sep).join('\n'), tables });
        i = sep;
      }
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------ compare

const fmt = (cols: readonly Column[]): string => cols.map((c) => `${c.name}:${c.type}`).join(', ');

/** Why two schemas differ, in one line ('' when equal). */
function schemaDiff(ours: readonly Column[], theirs: readonly Column[]): string {
  const same = ours.length === theirs.length && ours.every((c, i) => c.name === theirs[i].name && c.type === theirs[i].type);
  if (same) return '';
  if (ours.length + theirs.length <= 16) return `ours (${fmt(ours)}) vs Microsoft's (${fmt(theirs)})`;
  const parts: string[] = [`ours ${ours.length} columns vs Microsoft's ${theirs.length}`];
  const theirByName = new Map(theirs.map((c) => [c.name, c]));
  const ourByName = new Map(ours.map((c) => [c.name, c]));
  const onlyOurs = ours.filter((c) => !theirByName.has(c.name));
  const onlyTheirs = theirs.filter((c) => !ourByName.has(c.name));
  const typeDiffs = ours.filter((c) => theirByName.has(c.name) && theirByName.get(c.name)!.type !== c.type);
  if (onlyOurs.length) parts.push(`only ours: ${fmt(onlyOurs)}`);
  if (onlyTheirs.length) parts.push(`only Microsoft's: ${fmt(onlyTheirs)}`);
  if (typeDiffs.length) parts.push(`types: ${typeDiffs.map((c) => `${c.name} ours ${c.type} vs ${theirByName.get(c.name)!.type}`).join(', ')}`);
  if (!onlyOurs.length && !onlyTheirs.length && !typeDiffs.length) {
    const i = ours.findIndex((c, k) => c.name !== theirs[k].name);
    parts.push(`order differs from #${i}: ours ${fmt(ours.slice(i, i + 4))}… vs Microsoft's ${fmt(theirs.slice(i, i + 4))}…`);
  }
  return parts.join('; ');
}

/** For an open analyzer table: the columns it names must appear in ours, in order, with their types. */
function openDiff(ours: readonly Column[], theirs: readonly Column[]): string {
  let k = 0;
  const missing: string[] = [];
  for (const c of theirs) {
    const j = ours.findIndex((o, idx) => idx >= k && o.name === c.name);
    if (j < 0) missing.push(`${c.name}:${c.type}`);
    else if (ours[j].type !== c.type) missing.push(`${c.name} ours ${ours[j].type} vs ${c.type}`);
    else k = j + 1;
  }
  return missing.length ? `open table; ours (${fmt(ours)}) lacks or differs from Microsoft's known ${missing.join(', ')}` : '';
}

/** Runs our engine, then (unless it refuses the query) Microsoft's analyzer, and compares. */
async function classify(c: Case): Promise<Outcome> {
  const tables: Record<string, Table> = {};
  for (const [name, schema] of Object.entries(c.tables)) tables[name] = { schema, batches: [] };
  let ours: Column[][] | undefined;
  let error: string | undefined;
  try {
    ours = (await checkQuery(c.query, { tables })).map((r) => r.schema.map((f) => ({ name: f.name, type: f.type })));
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const out = (category: Category, why: string[] = [], open = false): Outcome => ({ c, category, why, open });
  // Refused queries are skipped, so the (slow) analyzer is not even run on them.
  if (error !== undefined && error.startsWith('Not supported:')) return out('refused');

  const ms: AnalyzerResult = analyze(c.query, c.tables);
  const why: string[] = [];
  let open = false;
  if (!ms.valid) {
    if (error !== undefined) return out('analyzer-invalid');
    why.push(`Microsoft's analyzer rejects it (${ms.errors.join(' | ')}); ours accepts it: ${ours!.map((s) => `(${fmt(s)})`).join('; ')}`);
  } else if (error !== undefined) {
    why.push(`ours rejects a query Microsoft's analyzer accepts (Microsoft's: ${(ms.statements ?? []).map((s) => `(${fmt(s.columns)})`).join('; ')}): ${error}`);
  } else {
    const theirs = ms.statements ?? [];
    if (theirs.length !== ours!.length) {
      why.push(`ours has ${ours!.length} results vs Microsoft's ${theirs.length}: ours ${ours!.map((s) => `(${fmt(s)})`).join('; ')} vs Microsoft's ${theirs.map((s) => `(${fmt(s.columns)})`).join('; ')}`);
    } else {
      theirs.forEach((t, i) => {
        const d = t.open ? openDiff(ours![i], t.columns) : schemaDiff(ours![i], t.columns);
        open ||= t.open;
        if (d) why.push(theirs.length > 1 ? `result ${i}: ${d}` : d);
      });
    }
  }
  if (why.length === 0) return out('agree', [], open);
  // A docs case carries the schema the real Kusto engine returned. When ours is exactly that schema, the
  // disagreement is the analyzer's, not ours: reported apart, not a failure.
  if (c.engine && ours?.length === 1 && schemaDiff(ours[0], c.engine) === '') {
    return out('analyzer-wrong', [...why, `the real Kusto engine (the oracle) returned ours: (${fmt(c.engine)})`], open);
  }
  if (c.engine) why.push(`the real Kusto engine (the oracle) returned (${fmt(c.engine)})`);
  return out('disagree', why, open);
}

// ------------------------------------------------------------------------------------------- tests

const excerpt = (q: string): string => {
  const flat = q.replace(/\/\/[^\n]*/g, '').replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
};

let outcomes: Outcome[] = [];

function summary(list: Outcome[]): string {
  const n = (cat: Category): number => list.filter((o) => o.category === cat).length;
  const open = list.filter((o) => o.open).length;
  return `agree ${n('agree')}, disagree ${n('disagree')}, refused ${n('refused')}, analyzer-invalid ${n('analyzer-invalid')}, analyzer-wrong ${n('analyzer-wrong')}` +
    ` (${list.length} queries${open ? `; ${open} with an open analyzer schema` : ''})`;
}

function listOf(source: Source | undefined, category: Category): string {
  return outcomes
    .filter((o) => (source === undefined || o.c.source === source) && o.category === category)
    .map((o) => `  ${o.c.id}: ${excerpt(o.c.query)}\n      ${o.why.join('\n      ')}`)
    .join('\n');
}

beforeAll(async () => {
  const t0 = Date.now();
  loadKusto();
  const cases = [...corpusCases(), ...docsCases(), ...(await goldenCases())];
  outcomes = [];
  for (const c of cases) outcomes.push(await classify(c));
  const lines = [`agreement with Microsoft's analyzer (@kusto/language-service-next ${kustoPackageVersion()}, ${((Date.now() - t0) / 1000).toFixed(1)} s)`];
  for (const s of ['corpus', 'docs', 'golden'] as const) lines.push(`  ${s}: ${summary(outcomes.filter((o) => o.c.source === s))}`);
  lines.push(`  all: ${summary(outcomes)}`);
  const wrong = listOf(undefined, 'analyzer-wrong');
  if (wrong) lines.push(`analyzer-wrong (the real Kusto engine's recorded result sides with ours; not failures):\n${wrong}`);
  console.log(lines.join('\n'));
}, 120_000);

describe("agreement with Microsoft's KQL analyzer", () => {
  it('covers every corpus query, every docs case and the golden queries', () => {
    const count = (s: Source): number => outcomes.filter((o) => o.c.source === s).length;
    expect(count('corpus')).toBe(34);
    expect(count('docs')).toBe(530);
    expect(count('golden')).toBeGreaterThan(0);
  });

  it('the analyzer sees the declared tables (a sanity check of the wrapper)', () => {
    const ok = analyze('UrlClickEvents | project Timestamp, Url | extend n = strlen(Url)', corpusTables());
    expect(ok).toMatchObject({ valid: true, columns: [{ name: 'Timestamp', type: 'datetime' }, { name: 'Url', type: 'string' }, { name: 'n', type: 'long' }] });
    expect(analyze('UrlClickEvents | where NoSuchColumn == 1', corpusTables()).valid).toBe(false);
  });

  for (const source of ['corpus', 'docs', 'golden'] as const) {
    it(`${source}: no disagreement`, () => {
      const list = outcomes.filter((o) => o.c.source === source);
      const bad = list.filter((o) => o.category === 'disagree');
      expect(bad.length, `${source}: ${summary(list)}\ndisagreements:\n${listOf(source, 'disagree')}\n`).toBe(0);
    });
  }
});
