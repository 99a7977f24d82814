import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS } from './index';

describe('reports package', () => {
  it('declares the formats the CLI and API will offer', () => {
    expect(new Set(REPORT_FORMATS).size).toBe(REPORT_FORMATS.length);
    expect(REPORT_FORMATS).toContain('xlsx');
  });
});
