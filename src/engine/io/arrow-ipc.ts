/** Arrow IPC files (`ARROW1` file format) and streams as inputs, read with apache-arrow; and writing the file format. */
import { RecordBatchReader, tableFromIPC, tableToIPC, type Table as ArrowTable } from 'apache-arrow';
import { open, readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import type { ColumnarFile } from './columnar.js';

const FILE_MAGIC = Buffer.from('ARROW1');
/** A stream ends with the continuation marker and a zero length; without it the stream may be cut off. */
const END_OF_STREAM = Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/** Whether the first bytes of a file are those of an Arrow IPC file, or of an IPC stream (a continuation marker). */
export function arrowIpcFormat(head: Buffer): 'arrow' | 'arrow-stream' | undefined {
  if (head.subarray(0, 6).equals(FILE_MAGIC)) return 'arrow';
  return head.length >= 4 && head.readUInt32LE(0) === 0xffffffff ? 'arrow-stream' : undefined;
}

export async function openArrowIpc(path: string, format: 'arrow' | 'arrow-stream'): Promise<ColumnarFile> {
  const what = format === 'arrow' ? 'Arrow IPC file' : 'Arrow IPC stream';
  const invalid = (e: unknown): InputError => new InputError(`not a valid ${what} (${e instanceof Error ? e.message : String(e)}); is it truncated?`, path);
  const handle = await open(path);
  let schema;
  try {
    // The file format's footer, or the stream's first message: the data is not read.
    const reader = await RecordBatchReader.from(handle);
    schema = (await reader.open()).schema;
    if (!schema) throw new Error('no schema');
  } catch (e) {
    throw invalid(e);
  } finally {
    await handle.close();
  }
  return {
    format,
    schema,
    async read(): Promise<ArrowTable> {
      const bytes = await readFile(path);
      const end = format === 'arrow' ? FILE_MAGIC : END_OF_STREAM;
      if (!bytes.subarray(bytes.length - end.length).equals(end)) throw invalid(new Error(`it does not end with the ${format === 'arrow' ? 'ARROW1 magic' : 'end-of-stream marker'}`));
      try {
        return tableFromIPC(bytes);
      } catch (e) {
        throw invalid(e);
      }
    },
  };
}

/** The table in the Arrow IPC file format. */
export function arrowIpcBytes(table: ArrowTable): Uint8Array {
  return tableToIPC(table, 'file');
}
