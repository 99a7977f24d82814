/**
 * Donor reports: templates as data, exceljs workbooks, IATI 2.03 XML and the quarterly bulletin,
 * all rendered as pure functions of a {@link ReportModel} the engine has already computed.
 */
export const REPORT_FORMATS = ['xlsx', 'iati', 'adx', 'bulletin', 'json'] as const;
/** One of {@link REPORT_FORMATS}. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export * from './model/index';
export * from './template/index';
export * from './xlsx/render-workbook';
export { svgToPng } from './xlsx/chart-png';
export * from './iati/render-iati';
export * from './adx/adx-mapping';
export * from './adx/mapping-issues';
export * from './adx/render-adx';
export * from './adx/read-adx';
export * from './adx/adx-data-set-schema';
export * from './dhis2/dhis2-mapping';
export * from './dhis2/dhis2-period';
export * from './dhis2/dhis2-data-value-set';
export * from './dhis2/render-dhis2';
export * from './dhis2/regional-parts';
export * from './bulletin/render-bulletin';
export * from './bulletin/bulletin-figures';
export * from './bulletin/bulletin-charts';
export { XML_FORBIDDEN } from './iati/xml-builder';
export * from './render-report-file';
export * from './lists/render-list';
