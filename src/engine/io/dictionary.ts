import { makeData, makeVector, Utf8, type Dictionary, type Int32 } from 'apache-arrow';
import { arrowType, Column } from '../column.js';

/**
 * Builds a string column straight from UTF-8 byte ranges of a file: equal values are found by a hash of
 * their bytes and each distinct value is copied once into the Arrow dictionary, so no JS string is made
 * per row (the Column decodes its entries when they are first read).
 */
export class ByteDictionary {
  /** Open addressing with linear probing: entry + 1 per slot, 0 when free; kept at most half full. */
  private slots = new Int32Array(256);
  private hashes = new Int32Array(128);
  /** Entry k is bytes[offsets[k] .. offsets[k + 1]). */
  private offsets = new Int32Array(129);
  private bytes = new Uint8Array(4096);
  private view = new DataView(this.bytes.buffer);
  private size = 0;

  /** The entry holding the bytes of `src` from `start` to `end`, added if new. */
  intern(src: DataView, start: number, end: number): number {
    const h = hash(src, start, end);
    const mask = this.slots.length - 1;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const k = this.slots[at] - 1;
      if (k < 0) return this.add(src, start, end, h, at);
      if (this.hashes[k] === h && this.holds(k, src, start, end)) return k;
    }
  }

  /** A string column of the given entry keys, one per row. */
  column(keys: Int32Array): Column {
    const n = this.size;
    const dictionary = makeData({
      type: new Utf8(), length: n, nullCount: 0,
      valueOffsets: this.offsets.slice(0, n + 1), data: this.bytes.slice(0, this.offsets[n]),
    });
    const type = arrowType('string') as Dictionary<Utf8, Int32>;
    return new Column('string', makeData({ type, length: keys.length, nullCount: 0, data: keys, dictionary: makeVector(dictionary) }));
  }

  private holds(k: number, src: DataView, start: number, end: number): boolean {
    const o = this.offsets[k];
    const length = end - start;
    if (this.offsets[k + 1] - o !== length) return false;
    const v = this.view;
    let i = 0;
    for (; i + 4 <= length; i += 4) if (v.getInt32(o + i) !== src.getInt32(start + i)) return false;
    for (; i < length; i++) if (v.getUint8(o + i) !== src.getUint8(start + i)) return false;
    return true;
  }

  private add(src: DataView, start: number, end: number, h: number, at: number): number {
    const k = this.size++;
    if (this.size === this.hashes.length) {
      this.hashes = grown(this.hashes, this.size * 2);
      this.offsets = grown(this.offsets, this.size * 2 + 1);
    }
    const from = this.offsets[k];
    const to = from + end - start;
    if (to > this.bytes.length) {
      this.bytes = grown(this.bytes, Math.max(to, this.bytes.length * 2));
      this.view = new DataView(this.bytes.buffer);
    }
    for (let i = start, o = from; i < end; i++, o++) this.bytes[o] = src.getUint8(i);
    this.offsets[k + 1] = to;
    this.hashes[k] = h;
    this.slots[at] = k + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    return k;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let k = 0; k < this.size; k++) {
      let at = this.hashes[k] & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = k + 1;
    }
    this.slots = slots;
  }
}

/** A copy of `a` with room for `length` elements. */
export function grown<T extends Int32Array | Uint8Array>(a: T, length: number): T {
  const out = new (a.constructor as new (n: number) => T)(length);
  out.set(a);
  return out;
}

/**
 * A hash of src[start..end), four bytes per step (DataView reads them unaligned in one load). The steps
 * only multiply and fold; murmur3's finaliser then spreads every bit into the low bits that are probed.
 */
function hash(src: DataView, start: number, end: number): number {
  let h = end - start;
  let i = start;
  for (; i + 4 <= end; i += 4) h = Math.imul(h ^ src.getInt32(i), 0x01000193) ^ (h >>> 15);
  for (; i < end; i++) h = Math.imul(h ^ src.getUint8(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
