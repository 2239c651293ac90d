/**
 * The deprecated `replace(regex, rewrite, text)` (dx `query/replace-function.md`, now `replace_regex(text, regex,
 * rewrite)`): every match of regex in text is replaced by rewrite, where `\1`…`\9` stand for capture groups.
 * Expected values worked out by hand; the first case is the conformance case replace-regex-function-00 reordered.
 */
import { describe, it } from 'vitest';
import { expectTable, run } from '../../helpers/table.js';

describe('replace(regex, rewrite, text)', () => {
  it.each([
    [`replace(@'is (\\d+)', @'was: \\1', 'Number is 1')`, 'Number was: 1'],
    [`replace(@'\\d', 'N', 'a1b22c')`, 'aNbNNc'],
    [`replace(@'\\d+', 'N', 'a1b22c')`, 'aNbNc'],
    [`replace(@'(a)(b)', @'\\2\\1', 'abab')`, 'baba'],
    [`replace('x', 'y', 'abc')`, 'abc'],
    [`replace('x', 'y', '')`, ''],
    [`replace(@'^https?://', '', 'https://a.example/x')`, 'a.example/x'],
    // ti_map_url_entity_to_urlclickevents_new.kql: the indicator type from ObservableKey "url:value".
    [`replace(@"\\[|\\]|\\""", "", tostring(split("url:value", ":", 0)))`, 'url'],
  ])('%s → %s', async (expr, expected) => {
    expectTable(await run(`print r = ${expr}`), { columns: ['r:string'], rows: [[expected]] });
  });

  it('agrees with replace_regex with the arguments reordered, row by row', async () => {
    const q = `range x from 1 to 3 step 1
| extend str = strcat('Number is ', tostring(x))
| extend a = replace(@'is (\\d+)', @'was: \\1', str), b = replace_regex(str, @'is (\\d+)', @'was: \\1')
| project a, b`;
    expectTable(await run(q), {
      columns: ['a:string', 'b:string'],
      rows: [['Number was: 1', 'Number was: 1'], ['Number was: 2', 'Number was: 2'], ['Number was: 3', 'Number was: 3']],
    });
  });
});
