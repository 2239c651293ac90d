import { describe, expect, it } from 'vitest';
import { KqlParser } from '../../src/parser/parser.js';

// The CLI's parser skips Chevrotain's grammar validations at start-up; they run here on the same grammar.
describe('the grammar', () => {
  it('passes Chevrotain\'s validations (no ambiguity, no left recursion, no duplicate rule)', () => {
    expect(() => new KqlParser(true)).not.toThrow();
  });
});
