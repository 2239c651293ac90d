// Public surface of the loaders.
export { detectFormat, loadTable, readTableSchema, type DataFormat, type LoadOptions } from './load.js';
export { builtinSchema, builtinSchemaFor, type SchemaFlavor } from './table-schemas.js';
