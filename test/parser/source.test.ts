import { describe, expect, it } from 'vitest';
import { formatSourceFrame, lineColumn } from '../../src/parser/index.js';

describe('lineColumn', () => {
  const text = 'ab\ncd\r\nef\rg';
  it.each([
    [0, 1, 1],
    [1, 1, 2],
    [2, 1, 3], // the line break itself
    [3, 2, 1],
    [5, 2, 3],
    [7, 3, 1], // after \r\n
    [10, 4, 1], // after a lone \r
    [11, 4, 2], // the end of the text
    [99, 4, 2], // clamped
  ])('offset %i is %i:%i', (offset, line, column) => {
    expect(lineColumn(text, offset)).toEqual({ line, column });
  });
});

describe('formatSourceFrame', () => {
  it('underlines a span on its line', () => {
    const text = 'let a = 1;\nlet b = 2;\nT\n| where Timestmp >= TimeStart\n| count';
    const start = text.indexOf('Timestmp');
    expect(formatSourceFrame(text, { start, end: start + 8 })).toBe(
      '  4 | | where Timestmp >= TimeStart\n' + //
        '    |         ^^^^^^^^',
    );
  });

  it('shows one caret for an empty span, e.g. at the end of the query', () => {
    expect(formatSourceFrame('T\n| where', { start: 9, end: 9 })).toBe('  2 | | where\n    |        ^');
  });

  it('covers every line of a multi-line span, with a gutter as wide as the largest number', () => {
    const text = '1\n2\n3\n4\n5\n6\n7\n8\nlet x = (a\n  + b)\n';
    const start = text.indexOf('(a');
    const end = text.indexOf('b)') + 2;
    expect(formatSourceFrame(text, { start, end })).toBe(
      '   9 | let x = (a\n' + //
        '     |         ^^\n' +
        '  10 |   + b)\n' +
        '     | ^^^^^^',
    );
  });

  it('keeps tabs in the caret padding so that carets line up', () => {
    expect(formatSourceFrame('\tT | where x', { start: 11, end: 12 })).toBe('  1 | \tT | where x\n    | \t          ^');
  });

  it('does not show the next line for a span ending with a line break', () => {
    expect(formatSourceFrame('ab\ncd', { start: 0, end: 3 })).toBe('  1 | ab\n    | ^^');
  });
});
