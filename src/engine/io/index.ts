// Public surface of the loaders.
export {
  detectFormat, loadTable, loadTableInfo, readTableInfo, readTableSchema,
  type DataFormat, type LoadOptions, type TableInfo, type TypeOrigin,
} from './load.js';
export { builtinSchema, builtinSchemaFor, readSchemaFile, type SchemaFlavor } from './table-schemas.js';
export { writeColumnar, type ColumnarFormat } from './columnar.js';
export { zoneConverter, type DateOrder } from './display-time.js';
