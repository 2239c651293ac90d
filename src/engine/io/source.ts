/** Reading an input file's bytes as UTF-8 text, and mapping offsets to line numbers for messages. */
import { isUtf8 } from 'node:buffer';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../errors.js';

/** A file's bytes, checked to be UTF-8 text with something other than white space. */
export class Source {
  private decoded?: string;

  constructor(
    /** The file's bytes without a UTF-8 BOM. */
    readonly bytes: Buffer,
    /** Only a prefix was read (cut after a line break); the last record may be incomplete. */
    readonly truncated: boolean,
    /** The first character that is not white space. */
    readonly first: string,
  ) {}

  /** The bytes decoded, on first use: the CSV reader works on the bytes and never needs it. */
  get text(): string {
    return (this.decoded ??= new TextDecoder().decode(this.bytes));
  }
}

/** Reads the whole file, or its first `maxBytes` bytes cut after the last line break they hold. */
export async function readSource(path: string, maxBytes?: number): Promise<Source> {
  let read: { bytes: Buffer; truncated: boolean };
  try {
    read = await readBytes(path, maxBytes);
  } catch (e) {
    throw new InputError(fileErrorMessage(e), path);
  }
  let bytes = read.bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    // gzip (by its magic bytes, whatever the name): decompressed whole, however little is wanted.
    try {
      bytes = gunzipSync(read.truncated ? await readFile(path) : bytes);
    } catch {
      throw new InputError('not a valid gzip file (is it truncated?).', path);
    }
    read = { bytes, truncated: false };
  }
  if (hasBom(bytes)) bytes = bytes.subarray(3);
  checkText(bytes, path);
  const first = firstNonSpace(bytes);
  if (first === undefined) throw new InputError('file is empty.', path);
  return new Source(bytes, read.truncated, first);
}

/**
 * The first character of the UTF-8 bytes that is not white space as /\s/ means it, found without
 * decoding them when it is ASCII, as it is in every CSV or JSON file.
 */
function firstNonSpace(bytes: Buffer): string | undefined {
  let p = 0;
  while (p < bytes.length && (bytes[p] === 0x20 || (bytes[p] >= 0x09 && bytes[p] <= 0x0d))) p++;
  if (p === bytes.length) return undefined;
  if (bytes[p] < 0x80) return String.fromCharCode(bytes[p]);
  return /\S/.exec(new TextDecoder().decode(bytes.subarray(p)))?.[0];
}

async function readBytes(path: string, maxBytes?: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  if (maxBytes !== undefined) {
    const f = await open(path);
    try {
      const { bytesRead, buffer } = await f.read(Buffer.alloc(maxBytes + 1), 0, maxBytes + 1, 0);
      if (bytesRead <= maxBytes) return { bytes: buffer.subarray(0, bytesRead), truncated: false };
      const nl = buffer.lastIndexOf(10, maxBytes - 1);
      if (nl >= 0) return { bytes: buffer.subarray(0, nl + 1), truncated: true };
    } finally {
      await f.close();
    }
  }
  // Also when the first line is longer than maxBytes: then the prefix holds no whole record.
  return { bytes: await readFile(path), truncated: false };
}

export function fileErrorMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file.';
  if (code === 'EISDIR') return 'is a directory, not a file.';
  return `cannot read the file (${code ?? String(e)}).`;
}

export const hasBom = (bytes: Uint8Array): boolean => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

/**
 * Refuses bytes that are not UTF-8 text: NUL bytes (a binary or UTF-16 file) or invalid UTF-8. The bytes
 * may be a part of the file after `linesBefore()` lines, cut after a line break.
 */
export function checkText(bytes: Buffer, path: string, linesBefore = (): number => 0): void {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const line = lineCounter((from) => bytes.indexOf(0x0a, from))(nul) + linesBefore();
    throw new InputError('a binary file (it holds NUL bytes), not CSV or JSON text; UTF-16 text must be saved as UTF-8.', path, line);
  }
  if (!isUtf8(bytes)) {
    // The lenient decoding puts U+FFFD at the first bad byte: report its line.
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const line = lineCounter((from) => lossy.indexOf('\n', from))(lossy.indexOf('\uFFFD')) + linesBefore();
    throw new InputError('not valid UTF-8 text (save the file as UTF-8, e.g. Excel\'s "CSV UTF-8").', path, line);
  }
}

/**
 * Maps offsets, asked for in increasing order, to 1-based line numbers. `nextNewline(from)` is the offset
 * of the first line feed at or after `from`, or -1 (string or Buffer `indexOf`).
 */
export function lineCounter(nextNewline: (from: number) => number): (offset: number) => number {
  let line = 1;
  let next = nextNewline(0);
  return (offset) => {
    while (next >= 0 && next < offset) {
      line++;
      next = nextNewline(next + 1);
    }
    return line;
  };
}

/** Whether the path is a folder. */
export async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Every file under a folder, recursively, sorted by path (`y=…/m=…/d=…/h=…` folders sort by time). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = (await readdir(d, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  await walk(dir);
  return out;
}
