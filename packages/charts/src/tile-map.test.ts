import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classLimits, MALI_TILES, maliTileMap, regionSlug } from './tile-map';
import { svgTexts, xmlError } from './test-support/svg';

const input = {
  title: 'Incidents par région',
  measure: 'Incidents',
  regionHeader: 'Région',
  regions: [
    { code: 'ml/mopti', label: 'Mopti', value: 41 },
    { code: 'ml/nioro-du-sahel', label: 'Nioro du Sahel', value: 0 },
    { code: 'ml/taoudenit', label: 'Taoudénit', value: 1234 },
    { code: 'sn/saly', label: 'Saly <Sénégal>', value: 2 },
  ],
};

describe('maliTileMap', () => {
  const { svg, table } = maliTileMap(input, 'fr');

  it('places the 19 regions of the 2023 reform and Bamako, each once, on distinct tiles', () => {
    expect(MALI_TILES).toHaveLength(20);
    expect(new Set(MALI_TILES.map((t) => `${t.col},${t.row}`)).size).toBe(20);
    expect(new Set(MALI_TILES.map((t) => t.slug)).size).toBe(20);
    // The regions the bulletin names for the CCS-C sessions are all there.
    for (const name of [
      'Bandiagara',
      'Mopti',
      'San',
      'Ségou',
      'Koutiala',
      'Nara',
      'Nioro du Sahel',
      'Kayes',
    ])
      expect(MALI_TILES.map((t) => t.slug)).toContain(regionSlug(name));
  });

  it('is well-formed, scalable SVG whose tiles carry the values', () => {
    expect(xmlError(svg)).toBeNull();
    expect(svg).toMatch(/^<svg role="img" aria-label="Incidents par région" width="100%" /);
    expect(svg).toContain('<g data-region="mopti" data-value="41">');
    expect(svg).toContain('<g data-region="nioro-du-sahel" data-value="0">');
    // Regions without a value say so: never a zero.
    expect(svg).toContain('<g data-region="kidal" data-value="">');
    const texts = svgTexts(svg);
    expect(texts).toContain(`1\u202f234`);
    expect(texts.filter((t) => t === 'sans donnée')).toHaveLength(17);
    expect(svg).not.toContain('Saly');
  });

  it('lists every region in its table, largest first, the one off the map said so', () => {
    expect(table.columns).toEqual(['Région', 'Incidents']);
    expect(table.rows).toEqual([
      { header: 'Taoudénit', cells: [`1\u202f234`] },
      { header: 'Mopti', cells: ['41'] },
      { header: 'Saly <Sénégal> (hors carte)', cells: ['2'] },
      { header: 'Nioro du Sahel', cells: ['0'] },
    ]);
  });

  it('keeps zero a class of its own, and every value inside a class (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (a, b) => {
          const max = Math.max(a, b);
          const limits = classLimits(max);
          expect(limits[0]).toBe(0);
          expect(limits.at(-1)).toBeGreaterThanOrEqual(max);
          const v = Math.min(a, b);
          expect(limits.some((l) => v <= l)).toBe(true);
          for (let i = 1; i < limits.length; i++)
            expect(limits[i]).toBeGreaterThan(limits[i - 1] ?? 0);
        },
      ),
      { seed: 1618, numRuns: 200 },
    );
  });
});
