import { describe, expect, it } from 'vitest';
import { fixedWriter, textCodec } from '../../../src/engine/io/values.js';

/** Reads the text through the bytes writer, with bytes around it that it must not read; undefined when it declines. */
function fromBytes(type: 'bool' | 'datetime', text: string): unknown {
  const bytes = Buffer.from(`,${text}"`);
  const writer = fixedWriter(type, 2)!;
  if (!writer.write(bytes, 1, bytes.length - 1, 1)) return undefined;
  const v = writer.values[1];
  return type === 'bool' ? v === 1 : v;
}

describe('fixedWriter', () => {
  it('reads export datetimes to the tick, and agrees with the text parser on every shape', () => {
    const text = textCodec.converter('datetime');
    const pad = (n: number, w: number): string => String(n).padStart(w, '0');
    let fast = 0;
    for (let i = 0; i < 20000; i++) {
      // Mostly valid parts, some out of range (month 13, day 31 of a short month, hour 24, second 60).
      const y = [1, 1600, 1900, 2000, 2024, 2026, 9999][i % 7];
      const mo = 1 + (i % 13);
      const d = 1 + ((i * 7) % 31);
      const h = (i * 5) % 25;
      const mi = (i * 11) % 60;
      const s = (i * 13) % 61;
      const digits = i % 10; // 0 to 9 fraction digits
      const fraction = digits === 0 ? '' : '.' + pad((i * 7919) % 10 ** Math.min(digits, 9), digits);
      const iso = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${fraction}`;
      const exported = iso + 'Z';
      for (const candidate of [exported, iso, iso + 'z', iso.replace('T', ' ') + 'Z', iso.replace('T', 't') + 'Z', `${iso}+01:00`]) {
        const got = fromBytes('datetime', candidate);
        if (got !== undefined) {
          fast++;
          expect(got).toBe(text(candidate));
        }
      }
      // The export shape of a valid datetime never falls back to the text parser.
      if (digits <= 7 && typeof text(exported) === 'bigint') expect(fromBytes('datetime', exported)).toBe(text(exported));
    }
    expect(fast).toBeGreaterThan(5000);
  });

  it.each([
    ['0001-01-01T00:00:00Z', 0n],
    ['2024-03-01T10:00:00.5Z', 638448840005000000n],
    ['2026-07-19T17:02:06.1314605Z', 639200773261314605n],
    ['2024-02-29T23:59:59.9999999Z', 638448479999999999n],
    ['9999-12-31T23:59:59.9999999Z', 3155378975999999999n],
  ])('reads %s as %d ticks', (s, ticks) => {
    expect(fromBytes('datetime', s)).toBe(ticks);
  });

  it('leaves other shapes to the text parser', () => {
    for (const s of ['2024-03-01T10:00:00.Z', '2024-03-01T10:00:00.12345678Z', '2024-3-01T10:00:00Z', '2024-03-01T10:00Z',
      ' 2024-03-01T10:00:00Z', '2024-03-01T10:00:00Z ', '2024-03-01T1x:00:00Z', '2024-03-01T10:00:00+00:00', '+024-03-01T10:00:00Z',
      '2024-02-30T00:00:00Z']) {
      expect(fromBytes('datetime', s)).toBeUndefined();
    }
  });

  it('reads true and false in any case, and leaves the rest to the text parser', () => {
    const text = textCodec.converter('bool');
    for (const s of ['true', 'TRUE', 'True', 'tRuE', 'false', 'FALSE', 'False']) expect(fromBytes('bool', s)).toBe(text(s));
    for (const s of ['1', '0', 'yes', 'tru', 'truee', 'trUE ', 'f@lse', 'TRUF']) expect(fromBytes('bool', s)).toBeUndefined();
  });
});
