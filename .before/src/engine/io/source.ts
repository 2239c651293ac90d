/** Reading an input file's bytes as UTF-8 text, and mapping offsets to line numbers for messages. */
import { open, readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';

export interface Source {
  /** The file's bytes without a UTF-8 BOM. */
  readonly bytes: Buffer;
  readonly text: string;
  /** Only a prefix was read (cut after a line break); the last record may be incomplete. */
  readonly truncated: boolean;
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
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  const text = decodeUtf8(bytes, path);
  if (!/\S/.test(text)) throw new InputError('file is empty.', path);
  return { bytes, text, truncated: read.truncated };
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

function fileErrorMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file.';
  if (code === 'EISDIR') return 'is a directory, not a file.';
  return `cannot read the file (${code ?? String(e)}).`;
}

function decodeUtf8(bytes: Uint8Array, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The lenient decoding puts U+FFFD at the first bad byte: report its line.
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const line = lineCounter((from) => lossy.indexOf('\n', from))(lossy.indexOf('\uFFFD'));
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
