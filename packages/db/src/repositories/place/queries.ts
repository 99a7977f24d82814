import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../client';
import { place, type PlaceLevel } from '../../schema/index';

export interface PlaceRow {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  level: PlaceLevel;
  path: string;
}

export interface PlaceFilter {
  level?: PlaceLevel | undefined;
  /** direct children of this place only */
  parentId?: string | undefined;
  /** part of the name, ignoring case and accents ("segou" finds Ségou) */
  search?: string | undefined;
  /** `path`: the tree, parents before children; `name`: alphabetical */
  sort?: 'path' | 'name' | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export const columns = {
  id: place.id,
  parentId: place.parentId,
  code: place.code,
  name: place.name,
  level: place.level,
  path: place.path,
};

// French place names carry accents the officer does not always type.
const folded = (value: SQL) =>
  sql`translate(lower(${value}), 'àâäáãçéèêëíìîïñóòôöõúùûüÿ', 'aaaaaceeeeiiiinooooouuuuy')`;

/**
 * Place names in French order, the same on every server whatever its collation: accents and case
 * folded first (Ménaka before Mopti, as `Intl.Collator('fr')` sorts them, where a byte order puts
 * « é » after « o »), then the name itself (code-point order) between names that fold alike.
 */
export const byPlaceNameOf = (name: SQL): SQL[] => [
  asc(folded(name)),
  asc(sql`${name} collate "C"`),
];
export const byPlaceName = byPlaceNameOf(sql`${place.name}`);

/** The organisation's places, filtered, in tree or name order, a page at a time. */
export async function listPlaces(
  db: Database,
  organisationId: string,
  filter: PlaceFilter = {},
): Promise<{ items: PlaceRow[]; total: number }> {
  const conditions: (SQL | undefined)[] = [eq(place.organisationId, organisationId)];
  if (filter.level) conditions.push(eq(place.level, filter.level));
  if (filter.parentId) conditions.push(eq(place.parentId, filter.parentId));
  if (filter.search) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`${folded(sql`${place.name}`)} like ${folded(sql`${pattern}`)}`);
  }
  const where = and(...conditions);
  const order =
    filter.sort === 'name' ? [...byPlaceName, asc(place.code)] : [asc(place.path), asc(place.code)];
  const [items, total] = await Promise.all([
    db
      .select(columns)
      .from(place)
      .where(where)
      .orderBy(...order)
      .limit(filter.limit ?? 100)
      .offset(filter.offset ?? 0),
    db.$count(place, where),
  ]);
  return { items, total };
}

/** One place of the organisation, or undefined (another organisation's id reads as absent). */
export async function findPlace(
  db: Database,
  organisationId: string,
  id: string,
): Promise<PlaceRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(place)
    .where(and(eq(place.organisationId, organisationId), eq(place.id, id)));
  return row;
}
