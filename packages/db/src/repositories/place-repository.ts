import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { auditLog, place, type PlaceLevel } from '../schema/index';
import { placePath } from '../seed/demo-data';
import type { CommandResult } from './activity-commands';

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

const columns = {
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
    filter.sort === 'name'
      ? [asc(place.name), asc(place.code)]
      : [asc(place.path), asc(place.code)];
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

export interface PlaceInput {
  code: string;
  name: string;
  level: PlaceLevel;
  parentId: string | null;
}

/**
 * The level a place's parent must have: the administrative tree is country → region → cercle →
 * commune; a locality (a town, a border post) hangs under any place.
 */
const parentLevels: Record<PlaceLevel, readonly PlaceLevel[] | null> = {
  country: null,
  region: ['country'],
  cercle: ['region'],
  commune: ['cercle'],
  locality: ['country', 'region', 'cercle', 'commune'],
};

const levelNames: Record<PlaceLevel, { fr: string; en: string }> = {
  country: { fr: 'un pays', en: 'a country' },
  region: { fr: 'une région', en: 'a region' },
  cercle: { fr: 'un cercle', en: 'a cercle' },
  commune: { fr: 'une commune', en: 'a commune' },
  locality: { fr: 'une localité', en: 'a locality' },
};

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

async function row(tx: Tx, organisationId: string, id: string) {
  const [r] = await tx
    .select()
    .from(place)
    .where(and(eq(place.organisationId, organisationId), eq(place.id, id)));
  return r;
}

/**
 * Records a place under its parent. Its path (`ml/mopti/bandiagara`), which indicator filters and
 * reports read, is derived from the codes, so the parent's level is checked and a path already
 * taken is refused like a duplicate code.
 */
export async function createPlace(
  db: Database,
  organisationId: string,
  input: PlaceInput,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<PlaceRow>> {
  return db.transaction(async (tx) => {
    const allowed = parentLevels[input.level];
    let parentPath: string | undefined;
    if (allowed === null) {
      if (input.parentId)
        return {
          ok: false,
          error: {
            kind: 'invalid',
            message: {
              fr: 'Un pays est à la racine : il n’a pas de lieu parent.',
              en: 'A country is a root: it has no parent place.',
            },
          },
        };
    } else {
      if (!input.parentId)
        return {
          ok: false,
          error: {
            kind: 'invalid',
            message: {
              fr: `Indiquez le lieu parent de ${levelNames[input.level].fr}.`,
              en: `Give the parent place of ${levelNames[input.level].en}.`,
            },
          },
        };
      const parent = await row(tx, organisationId, input.parentId);
      if (!parent)
        return {
          ok: false,
          error: { kind: 'unknown-reference', what: 'place', ids: [input.parentId] },
        };
      if (!allowed.includes(parent.level))
        return {
          ok: false,
          error: {
            kind: 'invalid',
            message: {
              fr: `${capitalise(levelNames[input.level].fr)} se range sous ${allowed.map((l) => levelNames[l].fr).join(' ou ')}, pas sous ${levelNames[parent.level].fr} (${parent.name}).`,
              en: `${capitalise(levelNames[input.level].en)} belongs under ${allowed.map((l) => levelNames[l].en).join(' or ')}, not under ${levelNames[parent.level].en} (${parent.name}).`,
            },
          },
        };
      parentPath = parent.path;
    }
    const path = placePath({ code: input.code, name: input.name, level: input.level }, parentPath);
    const [samePath] = await tx
      .select({ code: place.code })
      .from(place)
      .where(and(eq(place.organisationId, organisationId), eq(place.path, path)));
    if (samePath) return { ok: false, error: { kind: 'duplicate-code', code: input.code } };
    const [created] = await tx
      .insert(place)
      .values({ organisationId, ...input, path })
      .onConflictDoNothing({ target: [place.organisationId, place.code] })
      .returning(columns);
    if (!created) return { ok: false, error: { kind: 'duplicate-code', code: input.code } };
    await tx.insert(auditLog).values({
      organisationId,
      userId: actor.userId,
      action: 'create',
      entity: 'place',
      entityId: created.id,
      after: await row(tx, organisationId, created.id),
    });
    return { ok: true, value: created };
  });
}

/**
 * Renames a place. Its code, level and parent stay: its path is what stored indicator filters,
 * incidents and reports name, so moving a place is not an edit of one row.
 */
export async function updatePlace(
  db: Database,
  organisationId: string,
  id: string,
  input: { name: string },
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<PlaceRow>> {
  return db.transaction(async (tx) => {
    const before = await row(tx, organisationId, id);
    if (!before) return { ok: false, error: { kind: 'not-found' } };
    const [updated] = await tx
      .update(place)
      .set({ name: input.name, updatedAt: sql`now()` })
      .where(and(eq(place.organisationId, organisationId), eq(place.id, id)))
      .returning(columns);
    await tx.insert(auditLog).values({
      organisationId,
      userId: actor.userId,
      action: 'update',
      entity: 'place',
      entityId: id,
      before,
      after: await row(tx, organisationId, id),
    });
    return { ok: true, value: updated! };
  });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
