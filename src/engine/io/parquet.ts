/**
 * Parquet files as inputs and outputs, through parquet-wasm (Rust's parquet crate compiled to WebAssembly),
 * which reads only the columns asked for and hands the data over as an Arrow IPC stream. Its Node build
 * instantiates the WebAssembly module synchronously when first imported, so it is imported only when a
 * Parquet file is met: CSV runs do not pay for it.
 */
import { tableFromIPC, tableToIPC, type Table as ArrowTable } from 'apache-arrow';
import { openAsBlob } from 'node:fs';
import { InputError } from '../errors.js';
import type { ColumnarFile } from './columnar.js';

type ParquetWasm = typeof import('parquet-wasm');
let loaded: Promise<ParquetWasm> | undefined;
const parquetWasm = (): Promise<ParquetWasm> => (loaded ??= import('parquet-wasm'));

const MAGIC = Buffer.from('PAR1');

export function isParquet(head: Buffer): boolean {
  return head.subarray(0, 4).equals(MAGIC);
}

export async function openParquet(path: string): Promise<ColumnarFile> {
  const pq = await parquetWasm();
  const invalid = (e: unknown): InputError =>
    new InputError(`not a valid Parquet file (${e instanceof Error ? e.message : String(e)}); is it truncated?`, path);
  let file;
  try {
    // A Blob of the file: the footer is read now, the column chunks when asked for.
    file = await pq.ParquetFile.fromFile(await openAsBlob(path));
  } catch (e) {
    throw invalid(e);
  }
  const schema = tableFromIPC(file.schema().intoIPCStream()).schema;
  return {
    format: 'parquet',
    schema,
    rows: file.metadata().fileMetadata().numRows(),
    async read(columns, batchSize): Promise<ArrowTable> {
      try {
        return tableFromIPC((await file.read({ columns: [...columns], batchSize })).intoIPCStream());
      } catch (e) {
        throw invalid(e);
      }
    },
  };
}

/** The table as a Parquet file, Snappy-compressed; the Arrow schema (with its metadata) is kept in the file. */
export async function parquetBytes(table: ArrowTable): Promise<Uint8Array> {
  const pq = await parquetWasm();
  const properties = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.SNAPPY).build();
  return pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(table, 'stream')), properties);
}
