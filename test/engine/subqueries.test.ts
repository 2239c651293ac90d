/**
 * Tabular expressions used inside other expressions:
 * - `toscalar(T | …)`: the first column of the first row, null when there is no row (dx `query/toscalar-function.md`;
 *   conformance case toscalar-function-07);
 * - `materialize(T | …)` bound by let and read several times (dx `query/materialize-function.md`);
 * - `in`, `!in`, `in~`, `has_any` with a tabular operand — inline in double parentheses or a let-bound table — use
 *   its first column; dynamic arrays among the values are flattened (dx `query/in-operator.md`,
 *   `query/has-any-operator.md`; kql-notes §1.4, §2).
 */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, splitInTwo, table } from '../helpers/table.js';

const Clicks = table({
  AccountUpn: { type: 'string', values: ['alice@contoso.com', 'Bob@Contoso.com', 'carol@contoso.com', 'dave@fabrikam.com', 'alice@contoso.com'] },
  Url: {
    type: 'string',
    values: ['https://evil.example/login', 'https://ok.example/', 'https://bad.example/x', 'https://ok.example/', 'https://ok.example/b'],
  },
  Risk: { type: 'int', values: [50, 10, null, 100, 0] },
});
const Watch = table({
  AccountUpn: { type: 'string', values: ['alice@contoso.com', 'bob@contoso.com'] },
  Note: { type: 'string', values: ['dave@fabrikam.com', 'n/a'] },
});
const tables = { Clicks, Watch };
const users = (...u: string[]) => u.map((x) => [x]);

describe('toscalar', () => {
  it('the conformance case toscalar-function-07', async () => {
    const q = 'let Start = toscalar(print x=1);\nlet End = toscalar(range x from 1 to 9 step 1 | count);\nlet Step = toscalar(2);\nrange z from Start to End step Step | extend start=Start, end=End, step=Step';
    expectTable(await run(q), {
      columns: ['z:long', 'start:long', 'end:long', 'step:long'],
      rows: [[1n, 1n, 9n, 2n], [3n, 1n, 9n, 2n], [5n, 1n, 9n, 2n], [7n, 1n, 9n, 2n], [9n, 1n, 9n, 2n]],
    });
  });

  it('an aggregate compared with each row', async () => {
    const q = 'let Top = toscalar(Clicks | summarize max(Risk));\nClicks | where Risk == Top | project AccountUpn';
    expectTable(await run(q, tables), { columns: ['AccountUpn:string'], rows: users('dave@fabrikam.com') });
  });

  it('inline, in an extend, keeping the first column\'s type', async () => {
    expectTable(await run('Clicks | where Risk == 0 | extend Total = toscalar(Clicks | summarize count()), Users = toscalar(Clicks | summarize dcount(AccountUpn)) | project Total, Users', tables), {
      columns: ['Total:long', 'Users:long'], rows: [[5n, 4n]],
    });
  });

  it('the first column of the first row', async () => {
    expectTable(await run('print v = toscalar(Clicks | sort by Risk desc | project Url, AccountUpn)', tables), {
      columns: ['v:string'], rows: [['https://ok.example/']],
    });
  });

  it('no rows gives null (of the column\'s type)', async () => {
    expectTable(await run('print v = toscalar(Clicks | where Risk > 1000 | project Risk)', tables), { columns: ['v:int'], rows: [[null]] });
  });
});

describe('materialize', () => {
  it('a materialized let table read several times', async () => {
    const q = `let Risky = materialize(Clicks | where Risk >= 50 | project AccountUpn, Risk);
union (Risky | where Risk == 50), (Risky | where Risk == 100), (Risky | summarize n = count() | project AccountUpn = "total", Risk = toint(n))`;
    expectTable(await run(q, tables), {
      columns: ['AccountUpn:string', 'Risk:int'],
      rows: [['alice@contoso.com', 50], ['dave@fabrikam.com', 100], ['total', 2]],
    });
  });

  it('joined with itself', async () => {
    const q = 'let M = materialize(Clicks | where isnotnull(Risk) | project AccountUpn, Risk);\nM | join kind=inner (M | where Risk > 0) on AccountUpn | project AccountUpn, Risk, Risk1';
    expectTable(await run(q, tables), {
      columns: ['AccountUpn:string', 'Risk:int', 'Risk1:int'],
      rows: [
        ['alice@contoso.com', 50, 50], ['alice@contoso.com', 0, 50],
        ['Bob@Contoso.com', 10, 10], ['dave@fabrikam.com', 100, 100],
      ],
    });
  });

  it('empty when its input is empty', async () => {
    expectTable(await run('let M = materialize(Clicks | where Risk > 1000); M | count', tables), { columns: ['Count:long'], rows: [[0n]] });
  });
});

describe('in / !in / in~ with a tabular operand', () => {
  it.each([
    ['AccountUpn in (Watch)', users('alice@contoso.com', 'alice@contoso.com')],
    ['AccountUpn !in (Watch)', users('Bob@Contoso.com', 'carol@contoso.com', 'dave@fabrikam.com')],
    ['AccountUpn in~ (Watch)', users('alice@contoso.com', 'Bob@Contoso.com', 'alice@contoso.com')],
    ['AccountUpn !in~ (Watch)', users('carol@contoso.com', 'dave@fabrikam.com')],
    // Only the first column counts: dave is in Watch's second column only.
    ['AccountUpn in ((Watch | project Note, AccountUpn))', users('dave@fabrikam.com')],
    ['AccountUpn in ((Watch | where AccountUpn startswith "b"))', []],
    ['AccountUpn in~ ((Watch | where AccountUpn startswith "b"))', users('Bob@Contoso.com')],
  ])('Clicks | where %s', async (predicate, expected) => {
    expectTable(await run(`Clicks | where ${predicate} | project AccountUpn`, tables), { columns: ['AccountUpn:string'], rows: expected });
  });

  it('a let-bound table needs no extra parentheses', async () => {
    const q = 'let Known = Watch | project AccountUpn;\nClicks | where AccountUpn in (Known) | project Url';
    expectTable(await run(q, tables), { columns: ['Url:string'], rows: [['https://evil.example/login'], ['https://ok.example/b']] });
  });

  it('a let-bound table from distinct, compared with in~ (as the device-code phishing query does)', async () => {
    const q = 'let Upns = Clicks | where isnotempty(AccountUpn) | extend AccountUpn = tolower(AccountUpn) | distinct AccountUpn;\nWatch | where AccountUpn in~ (Upns) | project AccountUpn';
    expectTable(await run(q, tables), { columns: ['AccountUpn:string'], rows: users('alice@contoso.com', 'bob@contoso.com') });
  });

  it('numbers: an int column against a long column', async () => {
    const q = 'let Levels = datatable(l:long)[10, 50];\nClicks | where Risk in (Levels) | project AccountUpn';
    expectTable(await run(q, tables), { columns: ['AccountUpn:string'], rows: users('alice@contoso.com', 'Bob@Contoso.com') });
  });

  it('dynamic arrays in the first column are flattened (a make_list result, as in the TI-map rules)', async () => {
    const q = 'let Listed = Watch | summarize make_list(AccountUpn);\nClicks | where AccountUpn in (Listed) | project Url';
    expectTable(await run(q, tables), { columns: ['Url:string'], rows: [['https://evil.example/login'], ['https://ok.example/b']] });
    const mixed = 'let L = datatable(d:dynamic)[dynamic(["carol@contoso.com", "x"]), dynamic("dave@fabrikam.com")];\nClicks | where AccountUpn in (L) | project AccountUpn';
    expectTable(await run(mixed, tables), { columns: ['AccountUpn:string'], rows: users('carol@contoso.com', 'dave@fabrikam.com') });
  });

  it('a let-bound dynamic array works like a list', async () => {
    const q = 'let Bad = dynamic(["https://bad.example/x", "https://evil.example/login"]);\nClicks | where Url in (Bad) | project AccountUpn';
    expectTable(await run(q, tables), { columns: ['AccountUpn:string'], rows: users('alice@contoso.com', 'carol@contoso.com') });
  });

  it('an empty tabular operand: in matches nothing, !in everything', async () => {
    expectTable(await run('Clicks | where AccountUpn in ((Watch | where false)) | count', tables), { columns: ['Count:long'], rows: [[0n]] });
    expectTable(await run('Clicks | where AccountUpn !in ((Watch | where false)) | count', tables), { columns: ['Count:long'], rows: [[5n]] });
  });

  it('the operand\'s rows are evaluated in full, not just the first batch', async () => {
    expectTable(await run('Clicks | where AccountUpn in (Watch) | count', { Clicks, Watch: splitInTwo(Watch, 1) }), {
      columns: ['Count:long'], rows: [[2n]],
    });
  });

  it('an unknown table as operand is a semantic error', async () => {
    expect((await queryError('Clicks | where AccountUpn in ((Nope | project x))', tables)).name).toBe('SemanticError');
  });
});

describe('has_any with a tabular operand', () => {
  const Terms = table({ term: { type: 'string', values: ['evil', 'fabrikam'] }, other: { type: 'string', values: ['ok', 'ok'] } });

  it('a let-bound table: the first column\'s values as terms', async () => {
    const q = 'let T2 = Terms;\nClicks | where Url has_any (T2) or AccountUpn has_any (T2) | project AccountUpn';
    expectTable(await run(q, { ...tables, Terms }), { columns: ['AccountUpn:string'], rows: users('alice@contoso.com', 'dave@fabrikam.com') });
  });

  it('inline in double parentheses', async () => {
    expectTable(await run('Clicks | where Url has_any ((Terms | project term)) | project AccountUpn', { ...tables, Terms }), {
      columns: ['AccountUpn:string'], rows: users('alice@contoso.com'),
    });
  });

  it('term matching, not substrings: "ok" is a term of https://ok.example/ but "o" is not', async () => {
    const q = 'let Words = datatable(w:string)["o", "ok"];\nClicks | where Url has_any (Words) | project Url';
    expectTable(await run(q, tables), {
      columns: ['Url:string'], rows: [['https://ok.example/'], ['https://ok.example/'], ['https://ok.example/b']],
    });
  });

  it('a let-bound dynamic array of strings built with pack_array (as in the device-code query)', async () => {
    const q = 'let Hosts = pack_array(strcat("bad.", "example/x"), "nothing.example");\nClicks | where Url has_any (Hosts) | project AccountUpn';
    expectTable(await run(q, tables), { columns: ['AccountUpn:string'], rows: users('carol@contoso.com') });
  });

  it('an empty operand matches nothing', async () => {
    expectTable(await run('Clicks | where Url has_any ((Terms | where false | project term)) | count', { ...tables, Terms }), {
      columns: ['Count:long'], rows: [[0n]],
    });
  });
});
