/**
 * A bool compared with a string, as Microsoft's own hunting queries write it (`IsClickedThrough != "0"`).
 * kql-notes §8 leaves this open; the engine's rule (src/engine/functions/operators.ts, README) is an inference:
 * the text is read as a bool ("0", "1", "true", "false"); other text compares as null, so with a non-null bool
 * `==` is false and `!=` true (kql-notes §11: exactly one null side). A null bool against a text that is a bool is
 * likewise one null side: `==` false, `!=` true. Null against null is not pinned (kql-notes §14).
 */
import { describe, it } from 'vitest';
import { expectTable, run, table } from '../../helpers/table.js';

const T = table({
  id: { type: 'string', values: ['t', 'f', 'n'] },
  IsClickedThrough: { type: 'bool', values: [true, false, null] },
});
const tables = { T };

describe('bool compared with a string', () => {
  it.each([
    ['"0"', [false, true, false], [true, false, true]],
    ['"1"', [true, false, false], [false, true, true]],
    ['"true"', [true, false, false], [false, true, true]],
    ['"false"', [false, true, false], [true, false, true]],
  ])('IsClickedThrough == %s and != %s', async (text, eq, ne) => {
    expectTable(await run(`T | project id, eq = IsClickedThrough == ${text}, ne = IsClickedThrough != ${text}`, tables), {
      columns: ['id:string', 'eq:bool', 'ne:bool'],
      rows: [['t', eq[0], ne[0]], ['f', eq[1], ne[1]], ['n', eq[2], ne[2]]],
    });
  });

  it.each(['"yes"', '""', '"2.5"'])('text that is no bool: == is false and != is true for a non-null bool (%s)', async (text) => {
    expectTable(await run(`T | where isnotnull(IsClickedThrough) | project id, eq = IsClickedThrough == ${text}, ne = IsClickedThrough != ${text}`, tables), {
      columns: ['id:string', 'eq:bool', 'ne:bool'],
      rows: [['t', false, true], ['f', false, true]],
    });
  });

  it('the string may be on the left', async () => {
    expectTable(await run('T | project id, eq = "1" == IsClickedThrough, ne = "0" != IsClickedThrough', tables), {
      columns: ['id:string', 'eq:bool', 'ne:bool'],
      rows: [['t', true, true], ['f', false, false], ['n', false, true]],
    });
  });

  it('where IsClickedThrough != "0" keeps true and null, drops false (the corpus pattern)', async () => {
    expectTable(await run('T | where IsClickedThrough != "0" | project id', tables), { columns: ['id:string'], rows: [['t'], ['n']] });
  });

  it('combined with or, as in user_clicked_through_events.kql', async () => {
    const C = table({
      ActionType: { type: 'string', values: ['ClickAllowed', 'ClickBlocked', 'ClickBlocked', 'UrlErrorPage'] },
      IsClickedThrough: { type: 'bool', values: [false, true, false, false] },
    });
    expectTable(await run('C | where ActionType == "ClickAllowed" or IsClickedThrough != "0"', { C }), {
      columns: ['ActionType:string', 'IsClickedThrough:bool'],
      rows: [['ClickAllowed', false], ['ClickBlocked', true]],
    });
  });
});
