/**
 * `join` of every kind and `lookup` (dx `query/join-operator.md` and the per-kind pages, `lookup-operator.md`;
 * shapes cross-checked with the conformance cases join-inner-00, join-innerunique-00…03, join-leftouter-00,
 * join-rightouter-00, join-leftanti-00, join-rightsemi-00):
 * - output columns: the left's, then the right's; a right column whose name is taken gets a suffix (`k` → `k1`);
 *   semi/anti kinds return one side only; lookup does not repeat the right key columns;
 * - innerunique (the default) keeps one left row per key — the engine keeps the first (Kusto: one, unspecified);
 * - a row without a match on an outer side gets null, or `""` in a string column;
 * - null keys never match (the engine's rule; strings have no null, see kql-notes §11);
 * - a `where` on left columns right after an innerunique join filters before the join (join-innerunique-03).
 * Every expected table below is worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, splitInTwo, table, type Cell } from '../helpers/table.js';

const L = table({
  k: { type: 'string', values: ['x', 'y', 'x', 'z'] },
  a: { type: 'long', values: [1, 2, 3, 4] },
});
const R = table({
  k: { type: 'string', values: ['x', 'x', 'y', 'v'] },
  b: { type: 'long', values: [10, 11, 20, 30] },
});
const tables = { L, R };
const BOTH = ['k:string', 'a:long', 'k1:string', 'b:long'];

// Row building blocks: a left row with its right match.
const x1x10: Cell[] = ['x', 1n, 'x', 10n];
const x1x11: Cell[] = ['x', 1n, 'x', 11n];
const y2y20: Cell[] = ['y', 2n, 'y', 20n];
const x3x10: Cell[] = ['x', 3n, 'x', 10n];
const x3x11: Cell[] = ['x', 3n, 'x', 11n];
const z4none: Cell[] = ['z', 4n, '', null];
const nonev30: Cell[] = ['', null, 'v', 30n];

describe('join kinds', () => {
  it.each([
    ['join', BOTH, [x1x10, x1x11, y2y20]],
    ['join kind=innerunique', BOTH, [x1x10, x1x11, y2y20]],
    ['join kind=inner', BOTH, [x1x10, x1x11, y2y20, x3x10, x3x11]],
    ['join kind=leftouter', BOTH, [x1x10, x1x11, y2y20, x3x10, x3x11, z4none]],
    ['join kind=rightouter', BOTH, [x1x10, x1x11, y2y20, x3x10, x3x11, nonev30]],
    ['join kind=fullouter', BOTH, [x1x10, x1x11, y2y20, x3x10, x3x11, z4none, nonev30]],
    ['join kind=leftanti', ['k:string', 'a:long'], [['z', 4n]]],
    ['join kind=anti', ['k:string', 'a:long'], [['z', 4n]]],
    ['join kind=leftantisemi', ['k:string', 'a:long'], [['z', 4n]]],
    ['join kind=rightanti', ['k:string', 'b:long'], [['v', 30n]]],
    ['join kind=rightantisemi', ['k:string', 'b:long'], [['v', 30n]]],
    ['join kind=leftsemi', ['k:string', 'a:long'], [['x', 1n], ['y', 2n], ['x', 3n]]],
    ['join kind=semi', ['k:string', 'a:long'], [['x', 1n], ['y', 2n], ['x', 3n]]],
    ['join kind=rightsemi', ['k:string', 'b:long'], [['x', 10n], ['x', 11n], ['y', 20n]]],
  ] as const)('L | %s R on k', async (join, columns, rows) => {
    expectTable(await run(`L | ${join} R on k`, tables), { columns, rows });
  });

  it('the same results when both inputs arrive in two batches', async () => {
    const split = { L: splitInTwo(L, 2), R: splitInTwo(R, 1) };
    expectTable(await run('L | join kind=inner R on k', split), { columns: BOTH, rows: [x1x10, x1x11, y2y20, x3x10, x3x11] });
    expectTable(await run('L | join R on k', split), { columns: BOTH, rows: [x1x10, x1x11, y2y20] });
    expectTable(await run('L | join kind=fullouter R on k', split), {
      columns: BOTH, rows: [x1x10, x1x11, y2y20, x3x10, x3x11, z4none, nonev30],
    });
  });

  it('the right side may be a parenthesised pipeline or a let name', async () => {
    expectTable(await run('L | join kind=inner (R | where b > 10) on k', tables), { columns: BOTH, rows: [x1x11, y2y20, x3x11] });
    expectTable(await run('let RR = R | where b < 20; L | join kind=leftsemi RR on k', tables), {
      columns: ['k:string', 'a:long'], rows: [['x', 1n], ['x', 3n]],
    });
  });

  it('$left.a == $right.b: keys with different names; both key columns are kept, no suffix needed', async () => {
    expectTable(await run('L | join kind=inner (R | project-rename rk = k) on $left.k == $right.rk', tables), {
      columns: ['k:string', 'a:long', 'rk:string', 'b:long'],
      rows: [x1x10, x1x11, y2y20, x3x10, x3x11],
    });
  });

  it('two keys, one of them written $left.x == $right.y (as in the corpus)', async () => {
    const Clicks = table({
      NetworkMessageId: { type: 'string', values: ['m1', 'm1', 'm2', 'm3'] },
      AccountUpn: { type: 'string', values: ['alice@contoso.com', 'bob@contoso.com', 'alice@contoso.com', 'carol@contoso.com'] },
      Url: { type: 'string', values: ['https://a.example/', 'https://a.example/', 'https://b.example/', 'https://c.example/'] },
    });
    const Emails = table({
      NetworkMessageId: { type: 'string', values: ['m1', 'm2', 'm3'] },
      RecipientEmailAddress: { type: 'string', values: ['bob@contoso.com', 'alice@contoso.com', 'dave@contoso.com'] },
      Subject: { type: 'string', values: ['Invoice', 'Payroll', 'Hello'] },
    });
    expectTable(await run('Clicks | join Emails on NetworkMessageId, $left.AccountUpn == $right.RecipientEmailAddress', { Clicks, Emails }), {
      columns: ['NetworkMessageId:string', 'AccountUpn:string', 'Url:string', 'NetworkMessageId1:string', 'RecipientEmailAddress:string', 'Subject:string'],
      rows: [
        ['m1', 'bob@contoso.com', 'https://a.example/', 'm1', 'bob@contoso.com', 'Invoice'],
        ['m2', 'alice@contoso.com', 'https://b.example/', 'm2', 'alice@contoso.com', 'Payroll'],
      ],
    });
  });

  it('a right column whose name is taken gets the next free suffix (Timestamp1, then Timestamp2 on a second join)', async () => {
    const A = table({ id: { type: 'long', values: [1] }, Timestamp: { type: 'long', values: [100] }, x: { type: 'string', values: ['a'] } });
    const B = table({ id: { type: 'long', values: [1] }, Timestamp: { type: 'long', values: [200] }, x: { type: 'string', values: ['b'] } });
    const C = table({ id: { type: 'long', values: [1] }, Timestamp: { type: 'long', values: [300] } });
    expectTable(await run('A | join kind=inner B on id | join kind=inner C on id', { A, B, C }), {
      columns: ['id:long', 'Timestamp:long', 'x:string', 'id1:long', 'Timestamp1:long', 'x1:string', 'id2:long', 'Timestamp2:long'],
      rows: [[1n, 100n, 'a', 1n, 200n, 'b', 1n, 300n]],
    });
  });

  it('innerunique keeps one left row per key (the first); every matching right row is kept (join-innerunique-01)', async () => {
    const t1 = table({ key: { type: 'long', values: [1, 1] }, value: { type: 'string', values: ['val1.1', 'val1.2'] } });
    const t2 = table({ key: { type: 'long', values: [1, 1] }, value: { type: 'string', values: ['val1.3', 'val1.4'] } });
    expectTable(await run('t1 | join kind=innerunique t2 on key', { t1, t2 }), {
      columns: ['key:long', 'value:string', 'key1:long', 'value1:string'],
      rows: [[1n, 'val1.1', 1n, 'val1.3'], [1n, 'val1.1', 1n, 'val1.4']],
    });
  });

  it('a join key of different types on the two sides is a semantic error', async () => {
    const N = table({ k: { type: 'long', values: [1] } });
    expect((await queryError('L | join kind=inner N on k', { L, N })).name).toBe('SemanticError');
  });

  it('an unknown key column is a semantic error', async () => {
    const e = await queryError('L | join R on nope', tables);
    expect(e.name).toBe('SemanticError');
    expect(e.spanText).toBe('nope');
  });
});

describe('join on null keys and empty inputs', () => {
  const A = table({ id: { type: 'long', values: [1, null, 2] }, a: { type: 'string', values: ['p', 'q', 'r'] } });
  const B = table({ id: { type: 'long', values: [null, 1, 3] }, b: { type: 'string', values: ['N', 'one', 'three'] } });
  const AB = ['id:long', 'a:string', 'id1:long', 'b:string'];

  it.each([
    ['join', AB, [[1n, 'p', 1n, 'one']]],
    ['join kind=inner', AB, [[1n, 'p', 1n, 'one']]],
    ['join kind=leftouter', AB, [[1n, 'p', 1n, 'one'], [null, 'q', null, ''], [2n, 'r', null, '']]],
    ['join kind=rightouter', AB, [[1n, 'p', 1n, 'one'], [null, '', null, 'N'], [null, '', 3n, 'three']]],
    ['join kind=fullouter', AB, [
      [1n, 'p', 1n, 'one'], [null, 'q', null, ''], [2n, 'r', null, ''], [null, '', null, 'N'], [null, '', 3n, 'three'],
    ]],
    ['join kind=leftanti', ['id:long', 'a:string'], [[null, 'q'], [2n, 'r']]],
    ['join kind=rightanti', ['id:long', 'b:string'], [[null, 'N'], [3n, 'three']]],
    ['join kind=leftsemi', ['id:long', 'a:string'], [[1n, 'p']]],
    ['join kind=rightsemi', ['id:long', 'b:string'], [[1n, 'one']]],
  ] as const)('null keys never match: A | %s B on id', async (join, columns, rows) => {
    expectTable(await run(`A | ${join} B on id`, { A, B }), { columns, rows });
  });

  it.each([
    ['inner', []],
    ['leftouter', [[1n, 'p', null, ''], [null, 'q', null, ''], [2n, 'r', null, '']]],
    ['rightouter', []],
    ['leftanti', null],
  ] as const)('an empty right side: kind=%s', async (kind, rows) => {
    const r = await run(`A | join kind=${kind} (B | where id > 100) on id`, { A, B });
    if (rows === null) expectTable(r, { columns: ['id:long', 'a:string'], rows: [[1n, 'p'], [null, 'q'], [2n, 'r']] });
    else expectTable(r, { columns: AB, rows });
  });

  it('an empty left side: rightouter keeps the right rows, inner gives none', async () => {
    expectTable(await run('A | where id > 100 | join kind=rightouter B on id', { A, B }), {
      columns: AB, rows: [[null, '', null, 'N'], [null, '', 1n, 'one'], [null, '', 3n, 'three']],
    });
    expectTable(await run('A | where id > 100 | join kind=inner B on id', { A, B }), { columns: AB, rows: [] });
  });
});

describe('where right after an innerunique join', () => {
  it('a predicate on left columns filters the left side before one row per key is kept (join-innerunique-03)', async () => {
    // Without the rule, innerunique would keep (x, 1) and the filter would then drop every x row.
    expectTable(await run('L | join R on k | where a == 3', tables), { columns: BOTH, rows: [x3x10, x3x11] });
    expectTable(await run('L | join R on k | where a > 1', tables), { columns: BOTH, rows: [y2y20, x3x10, x3x11] });
    expectTable(await run('L | join kind=innerunique R on k | where k == "x" and a != 1', tables), { columns: BOTH, rows: [x3x10, x3x11] });
  });

  it('the conformance case join-innerunique-03', async () => {
    const t1 = table({ key: { type: 'long', values: [1, 1] }, value: { type: 'string', values: ['val1.1', 'val1.2'] } });
    const t2 = table({ key: { type: 'long', values: [1, 1] }, value: { type: 'string', values: ['val1.3', 'val1.4'] } });
    expectTable(await run('t1 | join kind=innerunique t2 on key | where value == "val1.2"', { t1, t2 }), {
      columns: ['key:long', 'value:string', 'key1:long', 'value1:string'],
      rows: [[1n, 'val1.2', 1n, 'val1.3'], [1n, 'val1.2', 1n, 'val1.4']],
    });
  });

  it('a predicate on right columns filters the join result', async () => {
    expectTable(await run('L | join R on k | where b == 11', tables), { columns: BOTH, rows: [x1x11] });
  });

  it('after an inner join the where filters the join result', async () => {
    expectTable(await run('L | join kind=inner R on k | where a == 3', tables), { columns: BOTH, rows: [x3x10, x3x11] });
  });
});

describe('lookup', () => {
  const D = table({
    k: { type: 'string', values: ['x', 'y', 'v'] },
    b: { type: 'long', values: [10, 20, 30] },
  });

  it('default kind leftouter: every left row once per match, the right key not repeated', async () => {
    expectTable(await run('L | lookup D on k', { L, D }), {
      columns: ['k:string', 'a:long', 'b:long'],
      rows: [['x', 1n, 10n], ['y', 2n, 20n], ['x', 3n, 10n], ['z', 4n, null]],
    });
  });

  it('kind=inner drops left rows without a match', async () => {
    expectTable(await run('L | lookup kind=inner D on k', { L, D }), {
      columns: ['k:string', 'a:long', 'b:long'],
      rows: [['x', 1n, 10n], ['y', 2n, 20n], ['x', 3n, 10n]],
    });
  });

  it('$left.a == $right.b keys: the right key column is not repeated either', async () => {
    expectTable(await run('L | lookup (D | project-rename dk = k) on $left.k == $right.dk', { L, D }), {
      columns: ['k:string', 'a:long', 'b:long'],
      rows: [['x', 1n, 10n], ['y', 2n, 20n], ['x', 3n, 10n], ['z', 4n, null]],
    });
  });

  it('a null key finds nothing', async () => {
    const A = table({ id: { type: 'long', values: [1, null] }, a: { type: 'string', values: ['p', 'q'] } });
    const B = table({ id: { type: 'long', values: [null, 1] }, b: { type: 'string', values: ['N', 'one'] } });
    expectTable(await run('A | lookup B on id', { A, B }), {
      columns: ['id:long', 'a:string', 'b:string'], rows: [[1n, 'p', 'one'], [null, 'q', '']],
    });
  });

  it('an empty right side keeps every left row', async () => {
    expectTable(await run('L | lookup (D | where b > 100) on k', { L, D }), {
      columns: ['k:string', 'a:long', 'b:long'],
      rows: [['x', 1n, null], ['y', 2n, null], ['x', 3n, null], ['z', 4n, null]],
    });
  });
});
