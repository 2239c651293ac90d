/**
 * `let` functions and views (dx `query/let-statement.md`, `query/functions/user-defined-functions.md`,
 * `query/view-function.md`; kql-notes §5; conformance cases let-statement-01…04, union-operator-03/05):
 * - scalar functions with typed parameters, default values for trailing parameters;
 * - tabular parameters `T:(*)` or `T:(col:type, ...)`, tabular results, functions calling functions;
 * - lets inside a function body;
 * - a view (`view () { ... }`, or a function without parameters) used by its bare name like a table.
 */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, table } from '../helpers/table.js';

const Clicks = table({
  AccountUpn: { type: 'string', values: ['Alice@Contoso.com', 'bob@contoso.com', 'carol@fabrikam.com', 'alice@contoso.com'] },
  Clicks: { type: 'long', values: [3, null, 1, 4] },
  Workload: { type: 'string', values: ['Email', 'Teams', 'Email', 'Teams'] },
});
const tables = { Clicks };

describe('scalar let functions', () => {
  it('let-statement-02: two long parameters', async () => {
    expectTable(await run('let MultiplyByN = (val:long, n:long) { val * n };\nrange x from 1 to 5 step 1\n| extend result = MultiplyByN(x, 5)'), {
      columns: ['x:long', 'result:long'],
      rows: [[1n, 5n], [2n, 10n], [3n, 15n], [4n, 20n], [5n, 25n]],
    });
  });

  it('let-statement-03: a string parameter', async () => {
    expectTable(await run('let TrimOnes = (s:string) { trim("1", s) };\nrange x from 10 to 15 step 1\n| extend result = TrimOnes(tostring(x))'), {
      columns: ['x:long', 'result:string'],
      rows: [[10n, '0'], [11n, ''], [12n, '2'], [13n, '3'], [14n, '4'], [15n, '5']],
    });
  });

  it('applied to column values, a null propagates', async () => {
    expectTable(await run('let Double = (n:long) { n * 2 }; Clicks | project AccountUpn, d = Double(Clicks)', tables), {
      columns: ['AccountUpn:string', 'd:long'],
      rows: [['Alice@Contoso.com', 6n], ['bob@contoso.com', null], ['carol@fabrikam.com', 2n], ['alice@contoso.com', 8n]],
    });
  });

  it('default values for trailing parameters', async () => {
    const q = 'let Scale = (x:long, k:long = 10) { x * k };\nprint a = Scale(2), b = Scale(2, 3)';
    expectTable(await run(q), { columns: ['a:long', 'b:long'], rows: [[20n, 6n]] });
    const s = 'let Domain = (upn:string, sep:string = "@") { tostring(split(upn, sep)[1]) };\nClicks | project d = Domain(tolower(AccountUpn))';
    expectTable(await run(s, tables), {
      columns: ['d:string'], rows: [['contoso.com'], ['contoso.com'], ['fabrikam.com'], ['contoso.com']],
    });
  });

  it('a function calling another function, and lets inside the body', async () => {
    const q = `let Inc = (x:long) { x + 1 };
let Twice = (x:long) { let y = Inc(x); y * 2 };
print r = Twice(4)`;
    expectTable(await run(q), { columns: ['r:long'], rows: [[10n]] });
  });

  it('used in where and summarize', async () => {
    const q = 'let IsTeams = (w:string) { w == "Teams" };\nClicks | where IsTeams(Workload) | summarize n = count(), total = sum(Clicks)';
    expectTable(await run(q, tables), { columns: ['n:long', 'total:long'], rows: [[2n, 4n]] });
  });

  it('a scalar let and an escaped name (let-statement-01)', async () => {
    expectTable(await run("let ['some number'] = 20;\nrange y from 0 to ['some number'] step 5"), {
      columns: ['y:long'], rows: [[0n], [5n], [10n], [15n], [20n]],
    });
  });

  it('too many arguments is a semantic error', async () => {
    expect((await queryError('let F = (x:long) { x }; print F(1, 2)')).name).toBe('SemanticError');
  });

  it('a missing argument without default is a semantic error', async () => {
    expect((await queryError('let F = (x:long, y:long) { x + y }; print F(1)')).name).toBe('SemanticError');
  });

  it('an argument of the wrong type is a semantic error', async () => {
    expect((await queryError('let F = (x:long) { x + 1 }; print F("a")')).name).toBe('SemanticError');
  });
});

describe('tabular let functions', () => {
  it('let-statement-04: functions returning tables, one calling the other', async () => {
    const q = 'let foo1 = (_start:long, _end:long, _step:long) { range x from _start to _end step _step};\nlet foo2 = (_step:long) { foo1(1, 100, _step)};\nfoo2(2) | count';
    expectTable(await run(q), { columns: ['Count:long'], rows: [[50n]] });
  });

  it('a tabular parameter T:(*) accepts any table', async () => {
    const q = 'let CountRows = (T:(*)) { T | summarize Rows = count() };\nCountRows(Clicks)';
    expectTable(await run(q, tables), { columns: ['Rows:long'], rows: [[4n]] });
  });

  it('a tabular parameter with a declared column, and a scalar parameter', async () => {
    const q = `let Busy = (T:(AccountUpn:string, Clicks:long), atLeast:long) {
  T | where Clicks >= atLeast | project User = tolower(AccountUpn)
};
Busy(Clicks, 3)`;
    expectTable(await run(q, tables), { columns: ['User:string'], rows: [['alice@contoso.com'], ['alice@contoso.com']] });
  });

  it('the tabular argument may be a pipeline, and the result piped on', async () => {
    const q = 'let Users = (T:(*)) { T | distinct AccountUpn };\nUsers(Clicks | where Workload == "Email") | count';
    expectTable(await run(q, tables), { columns: ['Count:long'], rows: [[2n]] });
  });

  it('a tabular function with a default scalar parameter', async () => {
    const q = 'let Recent = (T:(*), w:string = "Teams") { T | where Workload == w | project AccountUpn };\nunion (Recent(Clicks)), (Recent(Clicks, "Email") | where AccountUpn startswith "c")';
    expectTable(await run(q, tables), {
      columns: ['AccountUpn:string'], rows: [['bob@contoso.com'], ['alice@contoso.com'], ['carol@fabrikam.com']],
    });
  });
});

describe('views used by their bare name', () => {
  const VIEW = 'let EmailClicks = view () { Clicks | where Workload == "Email" | project AccountUpn, Clicks };\n';
  const EMAIL_ROWS = [['Alice@Contoso.com', 3n], ['carol@fabrikam.com', 1n]];

  it('piped on', async () => {
    expectTable(await run(`${VIEW}EmailClicks | count`, tables), { columns: ['Count:long'], rows: [[2n]] });
  });

  it('as the whole query', async () => {
    expectTable(await run(`${VIEW}EmailClicks`, tables), { columns: ['AccountUpn:string', 'Clicks:long'], rows: EMAIL_ROWS });
  });

  it('a function without parameters is a view too', async () => {
    const q = 'let EmailClicks = () { Clicks | where Workload == "Email" | project AccountUpn, Clicks };\nEmailClicks';
    expectTable(await run(q, tables), { columns: ['AccountUpn:string', 'Clicks:long'], rows: EMAIL_ROWS });
  });

  it('called with empty parentheses', async () => {
    expectTable(await run(`${VIEW}EmailClicks()`, tables), { columns: ['AccountUpn:string', 'Clicks:long'], rows: EMAIL_ROWS });
  });

  it('in union and join', async () => {
    expectTable(await run(`${VIEW}union EmailClicks, EmailClicks | count`, tables), { columns: ['Count:long'], rows: [[4n]] });
    expectTable(await run(`${VIEW}Clicks | join kind=leftsemi EmailClicks on AccountUpn | project AccountUpn`, tables), {
      columns: ['AccountUpn:string'], rows: [['Alice@Contoso.com'], ['carol@fabrikam.com']],
    });
  });

  it('as the operand of in', async () => {
    expectTable(await run(`${VIEW}Clicks | where AccountUpn in (EmailClicks) | project Workload`, tables), {
      columns: ['Workload:string'], rows: [['Email'], ['Email']],
    });
  });
});

describe('let functions see the names of their definition point', () => {
  it('a later let of the same name does not change the function (lexical scope)', async () => {
    expectTable(await run('let x = 5; let f = (y:long) { x + y }; let x = 100; print f(1)', tables), {
      columns: ['print_0:long'], rows: [[6n]],
    });
  });
});
