/**
 * Arrow IPC files (`ARROW1` file format) and streams as inputs, read with apache-arrow; and writing the file
 * format. A file's footer locates every message, so only the buffers of the wanted columns are read.
 */
import {
  DataType, Message, MessageReader, tableFromIPC, type Dictionary, type Schema,
  type Table as ArrowTable,
} from 'apache-arrow';
import { Footer } from 'apache-arrow/ipc/metadata/file';
import type { DictionaryBatch, RecordBatch as BatchHeader } from 'apache-arrow/ipc/metadata/message';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import type { ColumnarFile } from './columnar.js';

const FILE_MAGIC = Buffer.from('ARROW1');
/** A stream ends with the continuation marker and a zero length; without it the stream may be cut off. */
const END_OF_STREAM = Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
/** A stream's schema message is read from this many first bytes (the whole file when it is longer). */
const SCHEMA_PREFIX = 1 << 16;

/** Whether the first bytes of a file are those of an Arrow IPC file, or of an IPC stream (a continuation marker). */
export function arrowIpcFormat(head: Buffer): 'arrow' | 'arrow-stream' | undefined {
  if (head.subarray(0, 6).equals(FILE_MAGIC)) return 'arrow';
  return head.length >= 4 && head.readUInt32LE(0) === 0xffffffff ? 'arrow-stream' : undefined;
}

export async function openArrowIpc(path: string, format: 'arrow' | 'arrow-stream'): Promise<ColumnarFile> {
  const what = format === 'arrow' ? 'Arrow IPC file' : 'Arrow IPC stream';
  const invalid = (e: unknown): InputError => new InputError(`not a valid ${what} (${e instanceof Error ? e.message : String(e)}); is it truncated?`, path);
  if (format === 'arrow') {
    let footer: Footer;
    try {
      const fd = openSync(path, 'r');
      try {
        footer = readFooter(fd);
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      throw invalid(e);
    }
    return {
      format,
      schema: footer.schema,
      async read(columns) {
        try {
          return readColumns(path, footer, columns);
        } catch (e) {
          throw invalid(e);
        }
      },
    };
  }
  const handle = await open(path);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(SCHEMA_PREFIX), 0, SCHEMA_PREFIX, 0);
    let schema: Schema;
    try {
      schema = streamSchema(buffer.subarray(0, bytesRead)) ?? streamSchema(await readFile(path))!;
    } catch (e) {
      throw invalid(e);
    }
    return {
      format,
      schema,
      async read(): Promise<ArrowTable> {
        const bytes = await readFile(path);
        if (!bytes.subarray(bytes.length - END_OF_STREAM.length).equals(END_OF_STREAM)) {
          throw invalid(new Error('it does not end with the end-of-stream marker'));
        }
        try {
          return tableFromIPC(bytes);
        } catch (e) {
          throw invalid(e);
        }
      },
    };
  } finally {
    await handle.close();
  }
}

/** The schema of the stream's first message, or undefined when the bytes do not hold all of it. */
function streamSchema(bytes: Uint8Array): Schema | undefined {
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(4, true);
  if (8 + length > bytes.length) return undefined;
  const schema = new MessageReader(bytes).readSchema(true);
  if (!schema) throw new Error('no schema');
  return schema;
}

/** The footer at the end of an IPC file: `footer, its int32 length, ARROW1`. */
function readFooter(fd: number): Footer {
  const { size } = fstatSync(fd);
  if (size < 2 * FILE_MAGIC.length + 4) throw new Error('too short');
  const tail = readAt(fd, size - 10, 10);
  if (!tail.subarray(4).equals(FILE_MAGIC)) throw new Error('it does not end with the ARROW1 magic');
  const length = tail.readInt32LE(0);
  if (length <= 0 || length > size - 10) throw new Error('bad footer length');
  return Footer.decode(readAt(fd, size - 10 - length, length));
}

/** `length` bytes of the file from `position`, read into `into` at the same position (or a buffer of their own). */
function readAt(fd: number, position: number, length: number, into?: Buffer): Buffer {
  const target = into ?? Buffer.alloc(length);
  const at = into ? position : 0;
  for (let done = 0; done < length;) {
    const n = readSync(fd, target, at + done, length - done, position + done);
    if (n === 0) throw new Error('unexpected end of file');
    done += n;
  }
  return target.subarray(at, at + length);
}

/** The message at a block: its metadata, after the continuation marker (absent before format 0.15) and length. */
function decodeMessage(bytes: Buffer): Message {
  const skip = bytes.readInt32LE(0) === -1 ? 8 : 4;
  return Message.decode(bytes.subarray(skip, skip + bytes.readInt32LE(skip - 4)));
}

/**
 * The buffers each top-level field of the schema has in a record batch (its children's included), or
 * undefined when a field's count is not fixed by its type (views, unions: the whole file is then read).
 */
function bufferCounts(schema: Schema): number[] | undefined {
  const count = (t: DataType): number | undefined => {
    if (DataType.isNull(t)) return 0;
    if (DataType.isUtf8(t) || DataType.isLargeUtf8(t) || DataType.isBinary(t) || DataType.isLargeBinary(t)) return 3;
    if (DataType.isDictionary(t)) return 2; // validity and keys; the values come in dictionary batches
    // Validity (and offsets for lists and maps), then the children's buffers.
    const own = DataType.isStruct(t) || DataType.isFixedSizeList(t) ? 1 : DataType.isList(t) || DataType.isMap(t) ? 2 : undefined;
    const fields = t.children ?? []; // null for primitive types
    if (own === undefined) return fields.length === 0 && !DataType.isUnion(t) && t.typeId !== 23 && t.typeId !== 24 ? 2 : undefined;
    const children = fields.map((f) => count(f.type));
    return children.some((c) => c === undefined) ? undefined : own + children.reduce((a: number, c) => a + c!, 0);
  };
  const counts = schema.fields.map((f) => count(f.type));
  return counts.some((c) => c === undefined) ? undefined : (counts as number[]);
}

/** Ranges closer than this are read as one. */
const READ_GAP = 1 << 16;

/**
 * The file with only the wanted columns' bytes read: an image of the whole file, zero-filled (so its
 * pages take no memory until written), into which the footer, the record batches' metadata, the wanted
 * columns' buffers and their dictionary batches are read; apache-arrow then reads the image as the file
 * (the other dictionary batches, all zeros, read as absent) and only the wanted columns are looked at.
 */
function readColumns(path: string, footer: Footer, columns: readonly string[]): ArrowTable {
  const counts = bufferCounts(footer.schema);
  const wanted = footer.schema.fields.map((f) => columns.includes(f.name));
  if (!counts || wanted.every(Boolean)) return tableFromIPC(readFileSync(path));
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    const image = Buffer.from(new Uint8Array(size).buffer);
    const footerLength = readAt(fd, size - 10, 10, image).readInt32LE(0);
    readAt(fd, 0, 8, image);
    readAt(fd, size - 10 - footerLength, footerLength, image);
    const dictionaryIds = new Set(footer.schema.fields.flatMap((f, k) => (wanted[k] && DataType.isDictionary(f.type) ? [(f.type as Dictionary).id] : [])));
    const ranges: [number, number][] = [];
    for (const block of footer.dictionaryBatches()) {
      // The id is in the metadata: read it aside, and into the image only when wanted.
      const metadata = readAt(fd, block.offset, block.metaDataLength);
      const message = decodeMessage(metadata);
      if (!message.isDictionaryBatch()) throw new Error('a dictionary block that is not a dictionary batch');
      if (message.compression != null) return tableFromIPC(readFileSync(path));
      if (dictionaryIds.has((message.header() as DictionaryBatch).id)) {
        metadata.copy(image, block.offset);
        ranges.push([block.offset + block.metaDataLength, block.bodyLength]);
      }
    }
    for (const block of footer.recordBatches()) {
      const message = decodeMessage(readAt(fd, block.offset, block.metaDataLength, image));
      if (!message.isRecordBatch()) throw new Error('a record batch block that is not a record batch');
      if (message.compression != null) return tableFromIPC(readFileSync(path));
      const body = block.offset + block.metaDataLength;
      const buffers = (message.header() as BatchHeader).buffers;
      let next = 0;
      footer.schema.fields.forEach((_, k) => {
        if (wanted[k]) for (const b of buffers.slice(next, next + counts[k])) ranges.push([body + b.offset, b.length]);
        next += counts[k];
      });
      if (next !== buffers.length) throw new Error(`a record batch has ${buffers.length} buffers where its schema has ${next}`);
    }
    ranges.sort((a, b) => a[0] - b[0]);
    for (let k = 0; k < ranges.length;) {
      const from = ranges[k][0];
      let to = from + ranges[k][1];
      while (++k < ranges.length && ranges[k][0] <= to + READ_GAP) to = Math.max(to, ranges[k][0] + ranges[k][1]);
      readAt(fd, from, to - from, image);
    }
    return tableFromIPC(image);
  } finally {
    closeSync(fd);
  }
}
