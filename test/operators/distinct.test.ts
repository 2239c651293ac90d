/**
 * `distinct a, b` / `distinct *` (dx `query/distinct-operator.md`): one row per distinct combination of the named
 * columns, in the order named; a null is a value like any other; `""` is its own value (strings have no null).
 */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, splitInTwo, table } from '../helpers/table.js';

const T = table({
  AccountUpn: { type: 'string', values: ['alice@contoso.com', 'bob@contoso.com', 'alice@contoso.com', '', 'bob@contoso.com', 'alice@contoso.com'] },
  Workload: { type: 'string', values: ['Email', 'Teams', 'Email', 'Email', 'Teams', 'Teams'] },
  IsClickedThrough: { type: 'bool', values: [false, true, false, null, true, null] },
  Risk: { type: 'long', values: [10, null, 10, null, 50, null] },
});
const tables = { T };

describe('distinct', () => {
  it('one column: its distinct values, "" included', async () => {
    expectTable(await run('T | distinct AccountUpn', tables), {
      columns: ['AccountUpn:string'],
      rows: [['alice@contoso.com'], ['bob@contoso.com'], ['']],
    });
  });

  it('two columns: distinct pairs, columns in the order written', async () => {
    expectTable(await run('T | distinct Workload, AccountUpn', tables), {
      columns: ['Workload:string', 'AccountUpn:string'],
      rows: [
        ['Email', 'alice@contoso.com'], ['Teams', 'bob@contoso.com'], ['Email', ''], ['Teams', 'alice@contoso.com'],
      ],
    });
  });

  it('nulls form one value of their own (bool and long)', async () => {
    expectTable(await run('T | distinct IsClickedThrough', tables), {
      columns: ['IsClickedThrough:bool'], rows: [[false], [true], [null]],
    });
    expectTable(await run('T | distinct Risk', tables), {
      columns: ['Risk:long'], rows: [[10n], [null], [50n]],
    });
  });

  it('distinct *: distinct whole rows, every column in input order', async () => {
    expectTable(await run('T | distinct *', tables), {
      columns: ['AccountUpn:string', 'Workload:string', 'IsClickedThrough:bool', 'Risk:long'],
      rows: [
        ['alice@contoso.com', 'Email', false, 10n],
        ['bob@contoso.com', 'Teams', true, null],
        ['', 'Email', null, null],
        ['bob@contoso.com', 'Teams', true, 50n],
        ['alice@contoso.com', 'Teams', null, null],
      ],
    });
  });

  it('values repeated across batches are kept once', async () => {
    expectTable(await run('T | distinct AccountUpn', { T: splitInTwo(T, 2) }), {
      columns: ['AccountUpn:string'],
      rows: [['alice@contoso.com'], ['bob@contoso.com'], ['']],
    });
  });

  it('reads the rows a where selected', async () => {
    expectTable(await run('T | where Workload == "Teams" | distinct AccountUpn', tables), {
      columns: ['AccountUpn:string'], rows: [['bob@contoso.com'], ['alice@contoso.com']],
    });
  });

  it('an empty input gives no rows', async () => {
    expectTable(await run('T | where Risk > 100 | distinct AccountUpn, Risk', tables), {
      columns: ['AccountUpn:string', 'Risk:long'], rows: [],
    });
  });

  it('count after distinct counts the distinct values', async () => {
    expectTable(await run('T | distinct AccountUpn | count', tables), { columns: ['Count:long'], rows: [[3n]] });
  });

  it('an unknown column is a semantic error', async () => {
    const e = await queryError('T | distinct AccountUpn, Nope', tables);
    expect(e.name).toBe('SemanticError');
    expect(e.spanText).toBe('Nope');
  });
});
