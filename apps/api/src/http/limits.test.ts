import { describe, expect, it } from 'vitest';
import { bodyLimitFor, defaultBodyLimits } from './limits';

describe('body limits per address', () => {
  it('lets the import page’s form carry a 5 MB file, and every other page 512 KB', () => {
    const mb5 = 5 * 1024 * 1024;
    for (const path of ['/importer', '/en/import', '/importer/'])
      expect(bodyLimitFor(path, defaultBodyLimits), path).toBeGreaterThan(mb5);
    for (const path of ['/activites/nouvelle', '/en/import/x', '/importers'])
      expect(bodyLimitFor(path, defaultBodyLimits), path).toBe(512 * 1024);
    expect(bodyLimitFor('/api/import/upload', defaultBodyLimits)).toBe(50 * 1024 * 1024);
    expect(bodyLimitFor('/trpc/import.stage', defaultBodyLimits)).toBe(2 * 1024 * 1024);
  });
});
