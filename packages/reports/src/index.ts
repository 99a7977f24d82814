/**
 * Donor reports (exceljs workbooks, IATI 2.03 XML, the quarterly bulletin). The renderers land
 * with the donor-reports issue; this module is wired into the workspace so they have a home.
 */
export const REPORT_FORMATS = ['xlsx', 'iati', 'bulletin', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
