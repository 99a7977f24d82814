/**
 * Donor reports: templates as data, exceljs workbooks, IATI 2.03 XML and the quarterly bulletin,
 * all rendered as pure functions of a {@link ReportModel} the engine has already computed.
 */
export const REPORT_FORMATS = ['xlsx', 'iati', 'bulletin', 'json'] as const;
/** One of {@link REPORT_FORMATS}. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export * from './model/index.js';
export * from './template/index.js';
export * from './xlsx/render-workbook.js';
export * from './iati/render-iati.js';
export * from './bulletin/render-bulletin.js';
export * from './bulletin/bulletin-figures.js';
export * from './bulletin/bulletin-charts.js';
export { XML_FORBIDDEN } from './iati/xml-builder.js';
export * from './render-report-file.js';
