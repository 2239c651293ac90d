/** `parse` and `parse-where`: columns extracted by a pattern; values the pattern reads ambiguously are refused. */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, table } from '../helpers/table.js';

const T = table({
  s: { type: 'string', values: ['user=ann id=12 at 2024-01-02', 'user=bob id=x7 at 2024-01-03', 'junk'] },
});
const tables = { T };

describe('parse', () => {
  it.each([
    // Strict (simple): a value that does not match, or a column that does not convert, gives nulls ("" for strings).
    ['parse s with "user=" u " id=" id:long " at " d:datetime', ['u:string', 'id:long', 'd:datetime'], [
      ['ann', 12n, '2024-01-02T00:00:00.0000000Z'], ['', null, null], ['', null, null],
    ]],
    // Relaxed: only the column that does not convert is null.
    ['parse kind=relaxed s with "user=" u " id=" id:long " at " d:datetime', ['u:string', 'id:long', 'd:datetime'], [
      ['ann', 12n, '2024-01-02T00:00:00.0000000Z'], ['bob', null, '2024-01-03T00:00:00.0000000Z'], ['', null, null],
    ]],
    // A long column matches digits only, so `*` after it skips the rest.
    ['parse s with * "id=" id:int *', ['id:int'], [[12], [null], [null]]],
    // Regex mode: the delimiters are regular expressions.
    ['parse kind=regex s with @"user=" u @"\\s+id=\\w*?" id:long @"\\s.*"', ['u:string', 'id:long'], [['ann', 12n], ['bob', 7n], ['', null]]],
    ['parse kind=regex flags=i s with "USER=" u " ID=" *', ['u:string'], [['ann'], ['bob'], ['']]],
  ])('%s', async (op, columns, rows) => {
    expectTable(await run(`T | ${op} | project-away s`, tables), { columns, rows, ordered: true });
  });

  it('parse-where keeps only the rows that parse', async () => {
    expectTable(await run('T | parse-where s with "user=" u " id=" id:long * | project u, id', tables), {
      columns: ['u:string', 'id:long'],
      rows: [['ann', 12n]],
    });
  });

  it('parses the text of a non-string value', async () => {
    expectTable(await run('print n = 1234 | parse n with a:long "3" b:long', {}), {
      columns: ['n:long', 'a:long', 'b:long'],
      rows: [[1234n, 12n, 4n]],
    });
  });

  it('refuses a value the pattern reads in several ways (lazy or greedy)', async () => {
    const D = table({ s: { type: 'string', values: ['a,b,c'] } });
    expect((await queryError('D | parse s with x "," y', { D })).message).toContain('the pattern matches it in several ways');
  });

  it.each([
    ['T | parse s with a:real "x"', "Not supported: 'parse' into a column of type real."],
    ['T | parse s with a *', "Not supported: a 'parse' column followed by '*'."],
    ['T | parse s with a b', "Not supported: a 'parse' column followed by another column."],
    ['T | parse s with s "x"', "Not supported: 'parse' into the existing column 's'."],
    ['T | parse kind=regex flags=U s with a "x"', "Not supported: the regex flag 'U' (ungreedy) of 'parse'."],
    ['T | parse flags=i s with a "x"', "'flags' of 'parse' needs kind=regex."],
    ['T | parse s with "x" *', "The 'parse' pattern has no column."],
  ])('%s is refused', async (query, message) => {
    expect((await queryError(query, tables)).message).toContain(message);
  });
});
