/**
 * `union` (dx `query/union-operator.md`; conformance cases union-operator-03/05, as-operator-00/01):
 * - kind=outer (default): every column of every operand, matched by name and type; a row gets null (`""` in a
 *   string column) where its operand lacks the column; kind=inner: only the columns every operand has;
 * - a name used with two types becomes one column per type, `name_type` (`x_long`, `x_int`);
 * - withsource=Col adds a first string column naming each row's operand (table, view or `as` name);
 * - isfuzzy=true skips operands that do not resolve. Row order is not specified: rows compare as a multiset.
 */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, splitInTwo, table } from '../helpers/table.js';

const A = table({
  x: { type: 'long', values: [1, 2] },
  s: { type: 'string', values: ['a', 'b'] },
});
const C = table({
  s: { type: 'string', values: ['c', ''] },
  x: { type: 'long', values: [3, null] },
});
const D = table({
  y: { type: 'real', values: [0.5] },
  s: { type: 'string', values: ['d'] },
});
const B = table({
  x: { type: 'string', values: ['one'] },
  t: { type: 'bool', values: [true] },
});
const tables = { A, B, C, D };

describe('union', () => {
  it.each(['union A, C', 'A | union C', 'union (A), (C)', 'union A, (C | where true)'])(
    '%s: same columns in another order are matched by name',
    async (q) => {
      expectTable(await run(q, tables), {
        columns: ['x:long', 's:string'],
        rows: [[1n, 'a'], [2n, 'b'], [3n, 'c'], [null, '']],
      });
    },
  );

  it('kind=outer (the default) keeps every column; missing values are null, or "" for strings', async () => {
    const rows = [[1n, 'a', null], [2n, 'b', null], [null, 'd', 0.5]];
    expectTable(await run('union A, D', tables), { columns: ['x:long', 's:string', 'y:real'], rows });
    expectTable(await run('union kind=outer A, D', tables), { columns: ['x:long', 's:string', 'y:real'], rows });
  });

  it('kind=inner keeps only the columns every operand has', async () => {
    expectTable(await run('union kind=inner A, D', tables), { columns: ['s:string'], rows: [['a'], ['b'], ['d']] });
    expectTable(await run('union kind=inner A, C, D', tables), { columns: ['s:string'], rows: [['a'], ['b'], ['c'], [''], ['d']] });
  });

  it('one name with two types becomes name_type columns', async () => {
    expectTable(await run('union A, B | project x_long, x_string, s, t', tables), {
      columns: ['x_long:long', 'x_string:string', 's:string', 't:bool'],
      rows: [[1n, '', 'a', null], [2n, '', 'b', null], [null, 'one', '', true]],
    });
  });

  it('the conformance case union-operator-05: views by name, withsource, x_long and x_int', async () => {
    const q = 'let View_1 = view () { print x=1 };\nlet View_2 = view () { print x=toint(2) };\nunion withsource=TableName View_1, View_2';
    expectTable(await run(q), {
      columns: ['TableName:string', 'x_long:long', 'x_int:int'],
      rows: [['View_2', null, 2], ['View_1', 1n, null]],
    });
  });

  it('withsource names each row\'s table', async () => {
    expectTable(await run('union withsource=SourceTable A, C', tables), {
      columns: ['SourceTable:string', 'x:long', 's:string'],
      rows: [['A', 1n, 'a'], ['A', 2n, 'b'], ['C', 3n, 'c'], ['C', null, '']],
    });
  });

  it('withsource names a piped table by its table name too', async () => {
    // Inference: the docs show withsource only with the tables written after `union`; a piped table reference is an
    // operand like the others (the common `SecurityEvent | union withsource=TableName Syslog` idiom), and the engine
    // already names a piped operand by its `as` name (as-operator-00).
    expectTable(await run('A | union withsource=SourceTable C', tables), {
      columns: ['SourceTable:string', 'x:long', 's:string'],
      rows: [['A', 1n, 'a'], ['A', 2n, 'b'], ['C', 3n, 'c'], ['C', null, '']],
    });
  });

  it('withsource uses the name given by as (the conformance cases as-operator-00/01)', async () => {
    expectTable(await run('union withsource=S (A | as First), (C | where x > 2 | as Second)', tables), {
      columns: ['S:string', 'x:long', 's:string'],
      rows: [['First', 1n, 'a'], ['First', 2n, 'b'], ['Second', 3n, 'c']],
    });
    expectTable(await run('range x from 1 to 2 step 1 | as T1 | union withsource=TableName (range x from 1 to 2 step 1 | as T2)'), {
      columns: ['TableName:string', 'x:long'],
      rows: [['T1', 1n], ['T1', 2n], ['T2', 1n], ['T2', 2n]],
    });
  });

  it('isfuzzy=true skips an operand that does not resolve (union-operator-03)', async () => {
    expectTable(await run('union isfuzzy=true A, Missing', tables), {
      columns: ['x:long', 's:string'], rows: [[1n, 'a'], [2n, 'b']],
    });
    const q = 'let View_1 = view () { print x=1 };\nlet View_2 = view () { print x=1 };\nunion isfuzzy=true\n(View_1 | where x > 0),\n(View_2 | where x > 0),\n(View_3 | where x > 0)\n| count';
    expectTable(await run(q), { columns: ['Count:long'], rows: [[2n]] });
  });

  it('without isfuzzy an unknown table is a semantic error at its name', async () => {
    const e = await queryError('union A, Missing', tables);
    expect(e.name).toBe('SemanticError');
    expect(e.spanText).toBe('Missing');
  });

  it('empty operands give no rows but keep the columns', async () => {
    expectTable(await run('union (A | where x > 10), (D | where y > 10)', tables), { columns: ['x:long', 's:string', 'y:real'], rows: [] });
    expectTable(await run('union (A | where x > 10), C', tables), { columns: ['x:long', 's:string'], rows: [[3n, 'c'], [null, '']] });
  });

  it('takes every batch of every operand', async () => {
    expectTable(await run('union A, C | count', { A: splitInTwo(A, 1), C: splitInTwo(C, 1) }), { columns: ['Count:long'], rows: [[4n]] });
  });

  it('the union can be piped on, and the same let table used twice', async () => {
    expectTable(await run('let Small = A | where x < 2; union Small, Small | summarize n = count() by s', tables), {
      columns: ['s:string', 'n:long'], rows: [['a', 2n]],
    });
  });
});
