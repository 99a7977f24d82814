import { z } from 'zod';
import { formatFigure, formatNumber, type Figure, type Locale } from '@jalon/domain';
import { checkedInput, figureSchema } from './input';
import { escapeXml } from './render';
import type { DataTable } from './table';
import { chartWords } from './messages';

/**
 * Mali's regions after the 2023 reform (19 regions and the District of Bamako) as a tile grid:
 * one square per region, placed by hand from the regions' relative positions (west to east,
 * north to south). No boundary file is shipped: none with an open licence could be downloaded
 * here, and equal tiles keep a small region (Bamako) as visible as a vast one (Taoudénit). The
 * key is the region's slug, the last segment of its place path (`ml/nioro-du-sahel`).
 */
export const MALI_TILES: readonly { slug: string; name: string; col: number; row: number }[] = [
  { slug: 'taoudenit', name: 'Taoudénit', col: 2, row: 0 },
  { slug: 'kidal', name: 'Kidal', col: 4, row: 0 },
  { slug: 'nioro-du-sahel', name: 'Nioro du Sahel', col: 0, row: 1 },
  { slug: 'nara', name: 'Nara', col: 1, row: 1 },
  { slug: 'tombouctou', name: 'Tombouctou', col: 2, row: 1 },
  { slug: 'gao', name: 'Gao', col: 3, row: 1 },
  { slug: 'menaka', name: 'Ménaka', col: 4, row: 1 },
  { slug: 'kayes', name: 'Kayes', col: 0, row: 2 },
  { slug: 'koulikoro', name: 'Koulikoro', col: 1, row: 2 },
  { slug: 'segou', name: 'Ségou', col: 2, row: 2 },
  { slug: 'mopti', name: 'Mopti', col: 3, row: 2 },
  { slug: 'douentza', name: 'Douentza', col: 4, row: 2 },
  { slug: 'kita', name: 'Kita', col: 0, row: 3 },
  { slug: 'bamako', name: 'Bamako', col: 1, row: 3 },
  { slug: 'dioila', name: 'Dioïla', col: 2, row: 3 },
  { slug: 'san', name: 'San', col: 3, row: 3 },
  { slug: 'bandiagara', name: 'Bandiagara', col: 4, row: 3 },
  { slug: 'bougouni', name: 'Bougouni', col: 1, row: 4 },
  { slug: 'sikasso', name: 'Sikasso', col: 2, row: 4 },
  { slug: 'koutiala', name: 'Koutiala', col: 3, row: 4 },
];

/** `ml/nioro-du-sahel` or `Nioro du Sahel` → `nioro-du-sahel`. */
export function regionSlug(codeOrName: string): string {
  const last = codeOrName.split('/').pop() ?? codeOrName;
  return last
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * One region's value: its place path or code, its name, and a count — exact (`value`), or the
 * engine's figure when it may be approximate, open or a range (`figure`, as `pivot.query` gives
 * it): the tile is then coloured by what is certain (the lower bound) and says the figure in
 * words (« au moins 179 », « entre 0 et 50 »), never a point.
 */
export type RegionValue = { code: string; label: string; value: number; figure?: Figure };

export type TileMapInput = {
  title: string;
  /** What is counted (« Incidents »), the header of the table's value column. */
  measure: string;
  regionHeader: string;
  regions: RegionValue[];
};

const tileMapSchema = z.object({
  title: z.string().trim().min(1).max(200),
  measure: z.string().trim().min(1).max(100),
  regionHeader: z.string().trim().min(1).max(100),
  regions: z
    .array(
      z.object({
        code: z.string().min(1).max(200),
        label: z.string().trim().min(1).max(200),
        value: z.number().int().min(0),
        figure: figureSchema.optional(),
      }),
    )
    .max(500),
});

/** Five classes, light to dark (a sequential blue that stays readable in grey). */
const RAMP = ['#eef3f8', '#c6d8ea', '#8fb3d6', '#4f83b5', '#1f4e79'];
const NO_DATA = '#f4f4f4';

/**
 * The class limits of a choropleth: zero, then four classes of equal width up to the largest value,
 * and zero a class of its own (the lightest), so a region with no incident never looks like one
 * with a few. Returns the upper limit of each class.
 */
export function classLimits(max: number): number[] {
  if (max <= 0) return [0];
  const step = Math.max(1, Math.ceil(max / 4));
  return [0, step, 2 * step, 3 * step, 4 * step];
}

const TILE = 110;
const GAP = 6;
const TOP = 40;
const LEGEND = 56;

/**
 * A choropleth of Mali's regions on a tile grid, as an SVG written here (every text escaped),
 * with the same numbers as a table. A region of the input that is not on the grid (another
 * country's place) is kept in the table, marked « hors carte »; a tile without a value is grey,
 * « sans donnée », never zero.
 */
export function maliTileMap(
  input: TileMapInput,
  locale: Locale,
): { svg: string; table: DataTable } {
  const data = checkedInput(tileMapSchema, input, 'input');
  const w = chartWords[locale];
  const n = (v: number) => formatNumber(v, locale);
  // What the tile and the table say: an exact count as a number, any other figure in words.
  const said = (r: RegionValue, uncounted = true) =>
    r.figure && !isPlain(r.figure) ? formatFigure(r.figure, locale, { uncounted }) : n(shade(r));
  const bySlug = new Map(data.regions.map((r) => [regionSlug(r.code), r]));
  const max = Math.max(0, ...data.regions.map(shade));
  const limits = classLimits(max);
  const classOf = (v: number) => {
    const i = limits.findIndex((l) => v <= l);
    return i < 0 ? limits.length - 1 : i;
  };
  const cols = 5;
  const rows = 5;
  const width = cols * (TILE + GAP) + GAP;
  const height = TOP + rows * (TILE + GAP) + GAP + LEGEND;
  const title = escapeXml(data.title);
  const parts: string[] = [
    `<svg role="img" aria-label="${title}" width="100%" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<title>${title}</title>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold" fill="#222222">${title}</text>`,
  ];
  for (const t of MALI_TILES) {
    const r = bySlug.get(t.slug);
    const x = GAP + t.col * (TILE + GAP);
    const y = TOP + GAP + t.row * (TILE + GAP);
    const cls = r ? classOf(shade(r)) : -1;
    const fill = r ? (RAMP[cls] ?? NO_DATA) : NO_DATA;
    const ink = cls >= 3 ? '#ffffff' : '#222222';
    const name = escapeXml(r?.label ?? t.name);
    parts.push(
      `<g data-region="${escapeXml(t.slug)}" data-value="${r ? shade(r) : ''}"${r?.figure && !isPlain(r.figure) ? ` data-figure="${escapeXml(said(r, false))}"` : ''}>`,
      `<rect x="${x}" y="${y}" width="${TILE}" height="${TILE}" rx="6" fill="${fill}" stroke="#7a7a7a" stroke-width="1"${r ? '' : ' stroke-dasharray="4,3"'}/>`,
      `<text x="${x + TILE / 2}" y="${y + 30}" text-anchor="middle" font-size="14" fill="${ink}">${name}</text>`,
      ...tileValue(r ? said(r, false) : w.noData, x + TILE / 2, y, r !== undefined, ink),
      `</g>`,
    );
  }
  // The legend: one swatch per class with its range.
  const legendY = TOP + rows * (TILE + GAP) + GAP + 12;
  const swatch = (width - 2 * GAP) / Math.max(limits.length, 1);
  limits.forEach((upper, i) => {
    const lower = i === 0 ? 0 : (limits[i - 1] ?? 0) + 1;
    const text = lower === upper ? n(upper) : `${n(lower)}–${n(upper)}`;
    const x = GAP + i * swatch;
    parts.push(
      `<rect x="${x}" y="${legendY}" width="${swatch - 8}" height="14" fill="${RAMP[i] ?? NO_DATA}" stroke="#7a7a7a" stroke-width="1"/>`,
      `<text x="${x}" y="${legendY + 34}" font-size="14" fill="#222222">${escapeXml(text)}</text>`,
    );
  });
  parts.push('</svg>');
  const onMap = new Set(MALI_TILES.map((t) => t.slug));
  return {
    svg: parts.join(''),
    table: {
      caption: data.title,
      columns: [data.regionHeader, data.measure],
      rows: [...data.regions]
        .sort((a, b) => shade(b) - shade(a) || a.label.localeCompare(b.label, locale))
        .map((r) => ({
          header: onMap.has(regionSlug(r.code)) ? r.label : `${r.label} (${w.outside})`,
          cells: [said(r)],
        })),
    },
  };
}

/** An exact, closed count: said as a bare number. */
const isPlain = (f: Figure) =>
  f.qualifier === 'exact' && !f.atLeast && !f.bounds && f.uncounted === 0;

/** The number a region is coloured by: what is certain of it (a figure's lower bound). */
const shade = (r: RegionValue) =>
  r.figure ? Math.max(0, Math.floor(r.figure.bounds?.lower ?? r.figure.value)) : r.value;

/**
 * A tile's value: a number large on one line; words (« au moins 179 », « entre 0 et 50 ») on two
 * smaller lines, the last word (the number) in bold below the others.
 */
function tileValue(text: string, cx: number, y: number, known: boolean, ink: string): string[] {
  const t = (dy: number, size: number, bold: boolean, s: string) =>
    `<text x="${cx}" y="${y + dy}" text-anchor="middle" font-size="${size}"${bold ? ' font-weight="bold"' : ''} fill="${ink}">${escapeXml(s)}</text>`;
  if (!known) return [t(74, 14, true, text)];
  const words = text.split(' ');
  if (words.length === 1) return [t(74, 28, true, text)];
  const last = words.pop() ?? '';
  return [t(62, 13, false, words.join(' ')), t(90, 22, true, last)];
}
