export * from './table.js';
export * from './names.js';
export * from './read/index.js';
export * from './read/limits.js';
export { readCsv, decodeText, detectDelimiter } from './read/csv.js';
export { readXlsx, loadWorkbook, toCellValue } from './read/xlsx.js';
export { gridToTable, type GridRow, type HeaderOptions } from './read/grid.js';
export { checkZip, readCentralDirectory, type ZipEntry } from './read/zip.js';
