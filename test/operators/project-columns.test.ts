/**
 * `project-away`, `project-keep`, `project-reorder`, `project-rename` (dx `query/project-away-operator.md`,
 * `project-keep-operator.md`, `project-reorder-operator.md`, `project-rename-operator.md`): names or `*` wildcards;
 * project-away and project-keep keep the input order; project-reorder puts the named columns first (a pattern's
 * matches in input order unless `asc`/`desc`), the others after in input order; project-rename renames in place.
 */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, splitInTwo, table } from '../helpers/table.js';

const T = table({
  Timestamp: { type: 'datetime', values: ['2026-07-20T09:00:00Z', null, '2026-07-20T11:00:00Z'] },
  Url: { type: 'string', values: ['https://a.example/', 'https://b.example/', ''] },
  UrlDomain: { type: 'string', values: ['a.example', 'b.example', ''] },
  ActionType: { type: 'string', values: ['ClickAllowed', 'ClickBlocked', 'UrlErrorPage'] },
  UrlChain: { type: 'string', values: ['["https://a.example/"]', '[]', ''] },
  Count: { type: 'long', values: [1, null, 3] },
});
const tables = { T };
const TS = ['2026-07-20T09:00:00.0000000Z', null, '2026-07-20T11:00:00.0000000Z'];

/** Rows of T restricted to the given columns, in that order. */
function rowsOf(...names: string[]): (string | bigint | null)[][] {
  const data: Record<string, (string | bigint | null)[]> = {
    Timestamp: TS,
    Url: ['https://a.example/', 'https://b.example/', ''],
    UrlDomain: ['a.example', 'b.example', ''],
    ActionType: ['ClickAllowed', 'ClickBlocked', 'UrlErrorPage'],
    UrlChain: ['["https://a.example/"]', '[]', ''],
    Count: [1n, null, 3n],
  };
  return [0, 1, 2].map((i) => names.map((n) => data[n][i]));
}
const TYPES: Record<string, string> = {
  Timestamp: 'datetime', Url: 'string', UrlDomain: 'string', ActionType: 'string', UrlChain: 'string', Count: 'long',
};
const columnsOf = (...names: string[]) => names.map((n) => `${n}:${TYPES[n]}`);

describe('project-away', () => {
  it.each([
    ['UrlDomain', ['Timestamp', 'Url', 'ActionType', 'UrlChain', 'Count']],
    ['Count, Timestamp', ['Url', 'UrlDomain', 'ActionType', 'UrlChain']],
    ['Url*', ['Timestamp', 'ActionType', 'Count']],
    ['*Type', ['Timestamp', 'Url', 'UrlDomain', 'UrlChain', 'Count']],
    ['Url*, Count', ['Timestamp', 'ActionType']],
    ['*Domain*', ['Timestamp', 'Url', 'ActionType', 'UrlChain', 'Count']],
    ['Nothing*', ['Timestamp', 'Url', 'UrlDomain', 'ActionType', 'UrlChain', 'Count']],
  ])('project-away %s', async (args, kept) => {
    expectTable(await run(`T | project-away ${args}`, tables), { columns: columnsOf(...kept), rows: rowsOf(...kept) });
  });

  it('an unknown plain name is a semantic error', async () => {
    const e = await queryError('T | project-away Nope', tables);
    expect(e.name).toBe('SemanticError');
    expect(e.spanText).toBe('Nope');
  });

  it('works across batches and on an empty input', async () => {
    expectTable(await run('T | project-away Url*', { T: splitInTwo(T, 1) }), {
      columns: columnsOf('Timestamp', 'ActionType', 'Count'), rows: rowsOf('Timestamp', 'ActionType', 'Count'),
    });
    expectTable(await run('T | where Count > 10 | project-away Url*', tables), {
      columns: columnsOf('Timestamp', 'ActionType', 'Count'), rows: [],
    });
  });
});

describe('project-keep', () => {
  it.each([
    // The input order wins over the order written.
    ['Count, Url', ['Url', 'Count']],
    ['Url*', ['Url', 'UrlDomain', 'UrlChain']],
    ['*Type, Timestamp', ['Timestamp', 'ActionType']],
    ['Url, Url*', ['Url', 'UrlDomain', 'UrlChain']],
  ])('project-keep %s', async (args, kept) => {
    expectTable(await run(`T | project-keep ${args}`, tables), { columns: columnsOf(...kept), rows: rowsOf(...kept) });
  });

  it('an unknown plain name is a semantic error', async () => {
    expect((await queryError('T | project-keep Url, Nope', tables)).name).toBe('SemanticError');
  });
});

describe('project-reorder', () => {
  it.each([
    ['Count', ['Count', 'Timestamp', 'Url', 'UrlDomain', 'ActionType', 'UrlChain']],
    ['ActionType, Count', ['ActionType', 'Count', 'Timestamp', 'Url', 'UrlDomain', 'UrlChain']],
    ['Url*', ['Url', 'UrlDomain', 'UrlChain', 'Timestamp', 'ActionType', 'Count']],
    ['Url* asc', ['Url', 'UrlChain', 'UrlDomain', 'Timestamp', 'ActionType', 'Count']],
    ['Url* desc', ['UrlDomain', 'UrlChain', 'Url', 'Timestamp', 'ActionType', 'Count']],
    // A column matched by two patterns takes the first place it matches.
    ['UrlChain, Url*', ['UrlChain', 'Url', 'UrlDomain', 'Timestamp', 'ActionType', 'Count']],
  ])('project-reorder %s', async (args, order) => {
    expectTable(await run(`T | project-reorder ${args}`, tables), { columns: columnsOf(...order), rows: rowsOf(...order) });
  });

  it('the documentation examples', async () => {
    expectTable(await run("print a='a', b='b', c='c' | project-reorder b"), {
      columns: ['b:string', 'a:string', 'c:string'], rows: [['b', 'a', 'c']],
    });
    expectTable(await run("print b = 'b', a2='a2', a3='a3', a1='a1' | project-reorder a* asc"), {
      columns: ['a1:string', 'a2:string', 'a3:string', 'b:string'], rows: [['a1', 'a2', 'a3', 'b']],
    });
  });
});

describe('project-rename', () => {
  it('renames in place, keeping types and values', async () => {
    expectTable(await run('T | project-rename Domain = UrlDomain, Clicks = Count', tables), {
      columns: ['Timestamp:datetime', 'Url:string', 'Domain:string', 'ActionType:string', 'UrlChain:string', 'Clicks:long'],
      rows: rowsOf('Timestamp', 'Url', 'UrlDomain', 'ActionType', 'UrlChain', 'Count'),
    });
  });

  it('the documentation example', async () => {
    expectTable(await run("print a='alpha', b='bravo', c='charlie' | project-rename new_a=a, new_b=b, new_c=c"), {
      columns: ['new_a:string', 'new_b:string', 'new_c:string'], rows: [['alpha', 'bravo', 'charlie']],
    });
  });

  it('the new name can be used by later operators, the old one no longer', async () => {
    expectTable(await run('T | project-rename TI_Url = Url | where TI_Url != "" | project TI_Url', tables), {
      columns: ['TI_Url:string'], rows: [['https://a.example/'], ['https://b.example/']],
    });
    const e = await queryError('T | project-rename TI_Url = Url | project Url', tables);
    expect(e.name).toBe('SemanticError');
    expect(e.spanText).toBe('Url');
  });

  it('an unknown old name is a semantic error', async () => {
    const e = await queryError('T | project-rename X = Nope', tables);
    expect(e.name).toBe('SemanticError');
    expect(e.spanText).toBe('Nope');
  });
});
