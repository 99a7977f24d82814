import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../client';
import { indicator, place, type PlaceLevel } from '../../schema/index';
import { placePath } from '../../seed/demo-data';
import { type CommandResult, writeAudit, type Tx } from '../../command';
import { placeUses, removeUnlessUsed } from '../record-uses';
import { type PlaceRow, columns } from './queries';
import { must } from '@jalon/domain';
import { refused } from '../../messages/index';

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

async function row(tx: Tx, organisationId: string, id: string) {
  const [r] = await tx
    .select()
    .from(place)
    .where(and(eq(place.organisationId, organisationId), eq(place.id, id)));
  return r;
}

/** The row, locked until the transaction ends: no one moves, removes or refers to it meanwhile. */
async function lockedRow(tx: Tx, organisationId: string, id: string) {
  const [r] = await tx
    .select()
    .from(place)
    .where(and(eq(place.organisationId, organisationId), eq(place.id, id)))
    .for('update');
  return r;
}

type PlaceRecord = NonNullable<Awaited<ReturnType<typeof row>>>;

/**
 * The parent a place of `level` may hang under: none for a country, one of the right level
 * otherwise (a cercle under a region), of the same organisation.
 */
async function parentFor(
  tx: Tx,
  organisationId: string,
  level: PlaceLevel,
  parentId: string | null,
): Promise<CommandResult<PlaceRecord | undefined>> {
  const allowed = parentLevels[level];
  if (allowed === null) {
    if (parentId) return refused('place-country-is-root');
    return { ok: true, value: undefined };
  }
  if (!parentId) return refused('place-parent-missing', level);
  const parent = await row(tx, organisationId, parentId);
  if (!parent)
    return { ok: false, error: { kind: 'unknown-reference', what: 'place', ids: [parentId] } };
  if (!allowed.includes(parent.level))
    return refused('place-wrong-parent', level, allowed, parent.level, parent.name);
  return { ok: true, value: parent };
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
    const parent = await parentFor(tx, organisationId, input.level, input.parentId);
    if (!parent.ok) return parent;
    const parentPath = parent.value?.path;
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
    await writeAudit(tx, {
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

/** Where `path` lies, as the indicator filters read it: the place itself or below it. */
const within = (path: string) =>
  sql`(${place.path} = ${path} or starts_with(${place.path}, ${`${path}/`}))`;

/**
 * The earliest period lock holding a fact of the place or of a place within it: an activity held
 * there for a grant whose submitted period holds its date, or an incident located there of a
 * programme funded by such a grant. Moving the place would change what that report counted.
 */
async function lockHoldingPlace(
  tx: Tx,
  organisationId: string,
  path: string,
): Promise<{ grant: string; period: string } | undefined> {
  const inside = sql`(p.path = ${path} or starts_with(p.path, ${`${path}/`}))`;
  const [lock] = await queryRows<{ grant: string; period: string }>(
    tx,
    sql`select g.code as grant, l.period_code as period
          from period_lock l join grant_agreement g on g.id = l.grant_id
         where l.organisation_id = ${organisationId}
           and (exists (select 1 from activity_grant ag
                          join activity a on a.id = ag.activity_id
                          join activity_place ap on ap.activity_id = a.id
                          join place p on p.id = ap.place_id
                         where ag.grant_id = l.grant_id and ${inside}
                           and a.start_date between l.period_start and l.period_end)
             or exists (select 1 from incident i
                          join place p on p.id = i.place_id
                          join grant_programme gp on gp.programme_id = i.programme_id
                         where gp.grant_id = l.grant_id and ${inside}
                           and i.date between l.period_start and l.period_end))
         order by l.period_start, g.code limit 1`,
  );
  return lock;
}

/**
 * Renames a place, or moves it under another parent (of the right level, never under itself or a
 * place it contains). Its path (`ml/mopti/bandiagara`) is what indicator filters and reports test
 * "within Mopti" on, so a move rewrites, in one transaction, its path, every descendant's path and
 * the indicator filters that named any of them (the same places, at their new address); each row
 * changed is audited. Code and level stay. A place holding a fact of a locked period does not move
 * (a report already sent counted it where it was).
 */
export async function updatePlace(
  db: Database,
  organisationId: string,
  id: string,
  input: { name?: string | undefined; parentId?: string | null | undefined },
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<PlaceRow>> {
  return db.transaction(async (tx): Promise<CommandResult<PlaceRow>> => {
    const before = await lockedRow(tx, organisationId, id);
    if (!before) return { ok: false, error: { kind: 'not-found' } };
    let path = before.path;
    const moving = input.parentId !== undefined && input.parentId !== before.parentId;
    if (moving) {
      // Filters "within a region" would count the subtree's facts elsewhere, in reports already sent.
      const lock = await lockHoldingPlace(tx, organisationId, before.path);
      if (lock)
        return { ok: false, error: { kind: 'locked', grant: lock.grant, period: lock.period } };
      const target = input.parentId ?? null;
      if (target) {
        const parent = await row(tx, organisationId, target);
        if (parent && (parent.id === id || isWithin(parent.path, before.path)))
          return refused('place-under-itself', parent.name, parent.path, before.name, before.path);
      }
      const parent = await parentFor(tx, organisationId, before.level, target);
      if (!parent.ok) return parent;
      const segment = before.path.slice(before.path.lastIndexOf('/') + 1);
      path = parent.value ? `${parent.value.path}/${segment}` : segment;
    }
    if (path !== before.path) {
      const [taken] = await tx
        .select({ name: place.name, path: place.path })
        .from(place)
        .where(
          and(
            eq(place.organisationId, organisationId),
            within(path),
            sql`not ${within(before.path)}`,
          ),
        )
        .limit(1);
      if (taken) return refused('place-path-taken', path, taken.name, taken.path);
    }
    const subtree =
      path !== before.path
        ? await tx
            .select()
            .from(place)
            .where(and(eq(place.organisationId, organisationId), within(before.path)))
            .orderBy(asc(place.path))
            .for('update')
        : [before];
    if (path !== before.path)
      await tx
        .update(place)
        .set({
          path: sql`${path}::text || substr(${place.path}, length(${before.path}::text) + 1)`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(place.organisationId, organisationId), within(before.path)));
    await tx
      .update(place)
      .set({
        name: input.name ?? before.name,
        parentId: moving ? (input.parentId ?? null) : before.parentId,
        updatedAt: sql`now()`,
      })
      .where(and(eq(place.organisationId, organisationId), eq(place.id, id)));
    const reason = `moved with ${before.code}: ${before.path} → ${path}`;
    for (const old of subtree)
      await writeAudit(tx, {
        organisationId,
        userId: actor.userId,
        action: 'update',
        entity: 'place',
        entityId: old.id,
        before: old,
        after: await row(tx, organisationId, old.id),
        reason: old.id === id ? null : reason,
      });
    if (path !== before.path) await readdressFilters(tx, organisationId, before.path, path, actor);
    const [updated] = await tx
      .select(columns)
      .from(place)
      .where(and(eq(place.organisationId, organisationId), eq(place.id, id)));
    return { ok: true, value: must(updated, 'the place just updated') };
  });
}

/** Whether `path` is `ancestor` or lies below it. */
function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

/**
 * Indicator filters that named a moved place or one below it by path now name it at its new
 * address: the same places, so what the indicator means does not change. Audited per indicator.
 */
async function readdressFilters(
  tx: Tx,
  organisationId: string,
  from: string,
  to: string,
  actor: { userId: string | null },
) {
  const named = await tx
    .select()
    .from(indicator)
    .where(
      and(
        eq(indicator.organisationId, organisationId),
        sql`jsonb_typeof(${indicator.source} -> 'filter' -> 'places') = 'array'`,
      ),
    );
  for (const before of named) {
    const filter = before.source.filter as { places: unknown[] } & Record<string, unknown>;
    const places = filter.places.map((p) =>
      typeof p === 'string' && isWithin(p, from) ? `${to}${p.slice(from.length)}` : p,
    );
    if (places.every((p, i) => p === filter.places[i])) continue;
    await tx
      .update(indicator)
      .set({ source: { ...before.source, filter: { ...filter, places } }, updatedAt: sql`now()` })
      .where(and(eq(indicator.organisationId, organisationId), eq(indicator.id, before.id)));
    const [after] = await tx
      .select()
      .from(indicator)
      .where(and(eq(indicator.organisationId, organisationId), eq(indicator.id, before.id)));
    await writeAudit(tx, {
      organisationId,
      userId: actor.userId,
      action: 'update',
      entity: 'indicator',
      entityId: before.id,
      before,
      after,
      reason: `place moved: ${from} → ${to}`,
    });
  }
}

/**
 * Removes a place recorded by mistake. One that anything still uses — places under it, activities
 * held or incidents located there, indicator filters naming its path — is refused with what uses
 * it and how many; nothing is removed then.
 */
export async function deletePlace(
  db: Database,
  organisationId: string,
  id: string,
  actor: { userId: string | null } = { userId: null },
): Promise<CommandResult<{ id: string }>> {
  return removeUnlessUsed(db, organisationId, id, actor, 'place', {
    lock: (tx) => lockedRow(tx, organisationId, id),
    uses: (tx, before) => placeUses(tx, organisationId, before),
    remove: async (tx, before) => {
      await tx.delete(place).where(and(eq(place.organisationId, organisationId), eq(place.id, id)));
      return before;
    },
  });
}
