import { listGrants, type Database } from '@jalon/db';
import { authorize } from './auth/permissions';
import { deniedError } from './errors';
import type { ProcedureContext } from './trpc';

/** What a record belongs to, for the reach check: its programme(s) and its grant(s). */
export interface RecordScope {
  programmeIds?: readonly (string | null | undefined)[];
  grantIds?: readonly (string | null | undefined)[];
}

const ids = (xs: readonly (string | null | undefined)[] | undefined) =>
  (xs ?? []).filter((x): x is string => typeof x === 'string');

/**
 * Refuses (403, in the caller's language) a record outside the caller's reach: a programme
 * officer's record of another programme, a donor's record of another grant. The record was read
 * within the caller's organisation, so another organisation's never gets this far (404).
 */
export function requireRecord(ctx: ProcedureContext, record: RecordScope): void {
  const decision = authorize(ctx.actor, ctx.procedurePath, {
    organisationId: ctx.organisationId,
    programmeIds: ids(record.programmeIds),
    grantIds: ids(record.grantIds),
  });
  if (!decision.allow) throw deniedError(decision.reason, ctx.locale);
}

/**
 * The narrowing a collection query must apply for the caller: what she filtered on when it is
 * within her reach (refused otherwise), her own programmes or grants when she filtered on nothing,
 * and nothing more for organisation-wide roles. `undefined` fields mean "no narrowing".
 */
export function scopeCollection(
  ctx: ProcedureContext,
  filter: RecordScope = {},
): { programmeIds?: string[]; grantIds?: string[] } {
  const programmeIds = ids(filter.programmeIds);
  const grantIds = ids(filter.grantIds);
  const decision = authorize(ctx.actor, ctx.procedurePath, {
    organisationId: ctx.organisationId,
    programmeIds,
    grantIds,
  });
  if (!decision.allow) throw deniedError(decision.reason, ctx.locale);
  if (decision.narrow) return decision.narrow;
  if (ctx.reach === 'programme' && programmeIds.length) return { programmeIds };
  if (ctx.reach === 'grant' && grantIds.length) return { grantIds };
  return {};
}

/**
 * The grants a narrowing reaches: the donor's own, or those funding one of the programme
 * officer's programmes. Undefined: no narrowing (the whole organisation).
 */
export async function grantsInScope(
  db: Database,
  organisationId: string,
  narrow: { programmeIds?: string[]; grantIds?: string[] },
): Promise<string[] | undefined> {
  if (narrow.grantIds) return narrow.grantIds;
  if (!narrow.programmeIds) return undefined;
  const mine = new Set(narrow.programmeIds);
  return (await listGrants(db, organisationId))
    .filter((g) => g.programmes.some((p) => mine.has(p.id)))
    .map((g) => g.id);
}

/**
 * Holds indicators to the caller's reach: an indicator belongs to its grant and to the
 * programmes that grant funds (an indicator outside any grant belongs to the organisation).
 */
export async function requireIndicators(
  ctx: ProcedureContext,
  indicators: readonly { grant: { id: string } | null }[],
): Promise<void> {
  if (ctx.reach === 'organisation') return;
  const programmesOf = new Map(
    (await listGrants(ctx.db, ctx.organisationId)).map((g) => [
      g.id,
      g.programmes.map((p) => p.id),
    ]),
  );
  for (const i of indicators)
    requireRecord(ctx, {
      grantIds: i.grant ? [i.grant.id] : [],
      programmeIds: i.grant ? (programmesOf.get(i.grant.id) ?? []) : [],
    });
}
