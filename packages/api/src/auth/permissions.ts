import { roles, type Role } from '@jalon/db/schema';
import type { Actor } from './sessions';
import { must } from '@jalon/domain';

/**
 * How far a role reaches with a procedure, within the caller's own organisation (never beyond):
 * - `organisation`: anything of the organisation;
 * - `programme`: what belongs to one of the caller's programmes (programme officers);
 * - `grant`: what belongs to one of the caller's grants (donor viewers; reads only).
 */
export type Reach = 'organisation' | 'programme' | 'grant';

/**
 * What a procedure touches, which decides what `authorize` needs to know:
 * - `none`: no organisation data (the built-in report templates);
 * - `collection`: a list or figures over the organisation, narrowed by an optional filter; a
 *   caller limited to programmes or grants who gives no filter is allowed, and told to narrow
 *   the query to her scope (`narrow`), which the database query must then apply;
 * - `record`: one identified record (or each of several), which must name its programme or grant.
 */
export type Target = 'none' | 'collection' | 'record';

export interface ProcedurePermission {
  /**
   * `public`: callable without a session; `read` and `write` need one, `write` is never granted by
   * `grant` reach; `self`: a change to the caller's own account alone (her password), which every
   * signed-in person makes, donor viewers included — it touches nothing of an organisation.
   */
  access: 'public' | 'read' | 'write' | 'self';
  target: Target;
  /** the roles that may call it and how far each reaches; a role not listed is refused */
  roles: Partial<Record<Role, Reach>>;
}

const everyone = {
  'network-admin': 'organisation',
  'me-officer': 'organisation',
  manager: 'organisation',
  'programme-officer': 'organisation',
  'donor-viewer': 'organisation',
} as const;
/** Everything the organisation holds, read by its staff; programme officers see their programmes, donors their grants. */
const staffAndScopedReaders = {
  'network-admin': 'organisation',
  'me-officer': 'organisation',
  manager: 'organisation',
  'programme-officer': 'programme',
  'donor-viewer': 'grant',
} as const;
/** Organisation-wide figures: staff and management, not the narrowed roles. */
const staffOnly = {
  'network-admin': 'organisation',
  'me-officer': 'organisation',
  manager: 'organisation',
} as const;
/** Recording activities: the M&E officer, the admin, and programme officers for their programmes. Managers approve, they do not edit. */
const activityWriters = {
  'network-admin': 'organisation',
  'me-officer': 'organisation',
  'programme-officer': 'programme',
} as const;
/**
 * Approving what was recorded (validate, or send back to draft): the M&E team, and management, who
 * "read everything and approve". Programme officers submit their own, they do not approve.
 */
const approvers = {
  'network-admin': 'organisation',
  'me-officer': 'organisation',
  manager: 'organisation',
} as const;
/** Setting what indicators are measured against: the M&E team only. */
const meTeam = {
  'network-admin': 'organisation',
  'me-officer': 'organisation',
} as const;

/** Importing: the M&E team, and a programme officer into her own programmes. */
const importers = { ...meTeam, 'programme-officer': 'programme' } as const;

/** The organisation's structure (places, donors, programmes, grants): the admin and the M&E officer. */
const structureWriters = {
  'network-admin': 'organisation',
  'me-officer': 'organisation',
} as const;

/** The organisation's people and their roles: the network admin alone. */
const adminOnly = { 'network-admin': 'organisation' } as const;

/**
 * THE permission of every procedure of `appRouter`, by path. A procedure missing here is refused
 * by `authorize` and fails the authorisation-matrix test; so does a path that names no procedure.
 */
export const permissions = {
  // Who is signed in: answered to anyone (null when nobody is).
  'session.me': { access: 'public', target: 'none', roles: {} },
  // Her own password, the current one given: every signed-in person, about herself alone.
  'session.changePassword': { access: 'self', target: 'none', roles: everyone },

  'programme.list': {
    access: 'read',
    target: 'collection',
    roles: { ...staffOnly, 'programme-officer': 'programme' },
  },
  'programme.byId': {
    access: 'read',
    target: 'record',
    roles: { ...staffOnly, 'programme-officer': 'programme' },
  },
  'programme.create': { access: 'write', target: 'record', roles: structureWriters },
  'programme.update': { access: 'write', target: 'record', roles: structureWriters },
  // Removed only while nothing uses them (activities, grants, access scopes, indicator filters…).
  'programme.delete': { access: 'write', target: 'record', roles: structureWriters },

  // Places are the organisation's map: every signed-in role reads them.
  'place.list': { access: 'read', target: 'collection', roles: everyone },
  'place.byId': { access: 'read', target: 'record', roles: everyone },
  'place.create': { access: 'write', target: 'record', roles: structureWriters },
  'place.update': { access: 'write', target: 'record', roles: structureWriters },
  'place.delete': { access: 'write', target: 'record', roles: structureWriters },
  // Donors: who funds the organisation, read by every role; removed only while no grant names them.
  'donor.list': { access: 'read', target: 'collection', roles: everyone },
  'donor.byId': { access: 'read', target: 'record', roles: everyone },
  'donor.create': { access: 'write', target: 'record', roles: structureWriters },
  'donor.update': { access: 'write', target: 'record', roles: structureWriters },
  'donor.delete': { access: 'write', target: 'record', roles: structureWriters },

  'activity.list': { access: 'read', target: 'collection', roles: staffAndScopedReaders },
  'activity.byId': { access: 'read', target: 'record', roles: staffAndScopedReaders },
  // What a save would be warned about (a probable duplicate, a date to come): asked by the form.
  'activity.check': { access: 'read', target: 'record', roles: activityWriters },
  'activity.create': { access: 'write', target: 'record', roles: activityWriters },
  'activity.update': { access: 'write', target: 'record', roles: activityWriters },
  'activity.delete': { access: 'write', target: 'record', roles: activityWriters },
  // Approval: whoever records an activity submits it; the M&E team and management validate or send it back.
  'activity.submit': { access: 'write', target: 'record', roles: activityWriters },
  'activity.validate': { access: 'write', target: 'record', roles: approvers },
  'activity.reject': { access: 'write', target: 'record', roles: approvers },
  // Named participants: read like the activity, written like an edit of it.
  'attendance.list': { access: 'read', target: 'record', roles: staffAndScopedReaders },
  'attendance.set': { access: 'write', target: 'record', roles: activityWriters },
  // The register of named people: staff, and programme officers for their programmes' people; never donors.
  'person.list': {
    access: 'read',
    target: 'collection',
    roles: { ...staffOnly, 'programme-officer': 'programme' },
  },
  // Correcting a fact of a period locked by a submitted report: the network admin alone, with a reason.
  'activity.restate': {
    access: 'write',
    target: 'record',
    roles: { 'network-admin': 'organisation' },
  },

  // Values entered by hand for indicators: kept like activities, approved like them.
  'manualValue.list': { access: 'read', target: 'collection', roles: staffAndScopedReaders },
  'manualValue.set': { access: 'write', target: 'record', roles: activityWriters },
  'manualValue.submit': { access: 'write', target: 'record', roles: activityWriters },
  'manualValue.validate': { access: 'write', target: 'record', roles: approvers },
  'manualValue.reject': { access: 'write', target: 'record', roles: approvers },

  'grant.list': { access: 'read', target: 'collection', roles: staffAndScopedReaders },
  'grant.byId': { access: 'read', target: 'record', roles: staffAndScopedReaders },
  'grant.create': { access: 'write', target: 'record', roles: structureWriters },
  'grant.update': { access: 'write', target: 'record', roles: structureWriters },
  'grant.delete': { access: 'write', target: 'record', roles: structureWriters },
  // A grant's results framework is the M&E team's, like its indicators and targets.
  'grant.addNode': { access: 'write', target: 'record', roles: meTeam },
  'grant.updateNode': { access: 'write', target: 'record', roles: meTeam },
  'grant.removeNode': { access: 'write', target: 'record', roles: meTeam },
  'grant.moveNode': { access: 'write', target: 'record', roles: meTeam },

  'indicator.list': { access: 'read', target: 'collection', roles: staffAndScopedReaders },
  'indicator.byId': { access: 'read', target: 'record', roles: staffAndScopedReaders },
  'indicator.values': { access: 'read', target: 'record', roles: staffAndScopedReaders },
  // Each grant's statuses as its report states them: read like the indicators.
  'indicator.statuses': { access: 'read', target: 'collection', roles: staffAndScopedReaders },
  // Defining what is measured is the M&E team's, like targets and the results framework.
  'indicator.create': { access: 'write', target: 'record', roles: meTeam },
  // The builder's preview of a definition being written: the team that writes definitions.
  'indicator.preview': { access: 'read', target: 'record', roles: meTeam },
  'indicator.update': { access: 'write', target: 'record', roles: meTeam },
  // Removed only while nothing depends on it (targets, values, formulas, submitted reports).
  'indicator.delete': { access: 'write', target: 'record', roles: meTeam },

  // Targets and baselines are the M&E team's: programme officers and managers read them.
  'target.list': { access: 'read', target: 'record', roles: staffAndScopedReaders },
  'target.set': { access: 'write', target: 'record', roles: meTeam },
  'target.remove': { access: 'write', target: 'record', roles: meTeam },
  'target.setBaseline': { access: 'write', target: 'record', roles: meTeam },
  // The report's analysis: read like the report, written by the M&E team like its comments.
  'reportText.get': {
    access: 'read',
    target: 'record',
    roles: { ...staffOnly, 'donor-viewer': 'grant' },
  },
  'reportText.set': { access: 'write', target: 'record', roles: meTeam },
  'user.list': { access: 'read', target: 'collection', roles: adminOnly },
  'user.create': { access: 'write', target: 'record', roles: adminOnly },
  'user.setRole': { access: 'write', target: 'record', roles: adminOnly },
  'user.deactivate': { access: 'write', target: 'record', roles: adminOnly },
  'user.resetPassword': { access: 'write', target: 'record', roles: adminOnly },

  'bulletin.figures': { access: 'read', target: 'collection', roles: staffOnly },
  'assessment.scorecard': { access: 'read', target: 'collection', roles: staffOnly },

  'incident.list': {
    access: 'read',
    target: 'collection',
    roles: { ...staffOnly, 'programme-officer': 'programme' },
  },
  // Organisation-wide early-warning figures: the engine's incident filters know no programme.
  'incident.summary': { access: 'read', target: 'collection', roles: staffOnly },
  // The early-warning register is kept like activities: by the M&E team and the programme's officer.
  'incident.byId': {
    access: 'read',
    target: 'record',
    roles: { ...staffOnly, 'programme-officer': 'programme' },
  },
  // What a save would be warned about (a probable duplicate, a date to come): asked by the form.
  'incident.check': { access: 'read', target: 'record', roles: activityWriters },
  'incident.create': { access: 'write', target: 'record', roles: activityWriters },
  'incident.update': { access: 'write', target: 'record', roles: activityWriters },
  'incident.delete': { access: 'write', target: 'record', roles: activityWriters },

  'dashboard.summary': { access: 'read', target: 'collection', roles: staffAndScopedReaders },
  // The pivot table: staff read the whole organisation; a programme officer her programmes' activities,
  // a donor her grants' (the query is narrowed to them; incidents, of no programme, stay staff's).
  'pivot.query': { access: 'read', target: 'collection', roles: staffAndScopedReaders },

  'report.templates': { access: 'read', target: 'none', roles: everyone },
  // A donor report is a grant's: the funder of that grant reads it; programme officers do not write reports.
  'report.preview': {
    access: 'read',
    target: 'record',
    roles: { ...staffOnly, 'donor-viewer': 'grant' },
  },
  'report.model': {
    access: 'read',
    target: 'record',
    roles: { ...staffOnly, 'donor-viewer': 'grant' },
  },
  'report.bulletin': { access: 'read', target: 'collection', roles: staffOnly },
  // What the organisation says beside a grant's figures is the M&E team's, like its targets.
  'report.setComment': { access: 'write', target: 'record', roles: meTeam },
  // Submitting a donor report locks its grant's period: the M&E team's act, like its comments.
  'report.submit': { access: 'write', target: 'record', roles: meTeam },
  // What was sent to the donor: read like the report itself.
  'report.snapshot': {
    access: 'read',
    target: 'record',
    roles: { ...staffOnly, 'donor-viewer': 'grant' },
  },
  // DHIS2 ADX: the figures of a grant's report, read like it; the mapping is the M&E team's, like
  // the report's comments, and read by the staff who download the file.
  'adx.export': {
    access: 'read',
    target: 'record',
    roles: { ...staffOnly, 'donor-viewer': 'grant' },
  },
  // DHIS2's dataValueSet: the same figures as ADX, read like them.
  'adx.dhis2': {
    access: 'read',
    target: 'record',
    roles: { ...staffOnly, 'donor-viewer': 'grant' },
  },
  'adx.mapping': { access: 'read', target: 'record', roles: staffOnly },
  'adx.setMapping': { access: 'write', target: 'record', roles: meTeam },
  // Checks a template the caller wrote; changes nothing, reads nothing of the organisation.
  'report.validateTemplate': {
    access: 'read',
    target: 'none',
    roles: { 'network-admin': 'organisation', 'me-officer': 'organisation' },
  },

  // Who changed what, when: the network admin and the M&E officer.
  'audit.list': { access: 'read', target: 'collection', roles: meTeam },

  // Imports write many records at once, checked and all or nothing: the M&E team, and a programme
  // officer into her programmes only — each kind as she may enter it by hand (`KIND_WRITE`), each
  // row held to her programmes, her own batches only.
  'import.stage': { access: 'write', target: 'collection', roles: importers },
  'import.plan': { access: 'read', target: 'record', roles: importers },
  'import.commit': { access: 'write', target: 'record', roles: importers },
  'import.undo': { access: 'write', target: 'record', roles: importers },
  'import.list': { access: 'read', target: 'collection', roles: importers },
  'import.byId': { access: 'read', target: 'record', roles: importers },
  // The organisation's settings (separation of duties): read by its staff, set by its admin.
  'organisation.settings': { access: 'read', target: 'collection', roles: staffOnly },
  'organisation.updateSettings': {
    access: 'write',
    target: 'record',
    roles: { 'network-admin': 'organisation' },
  },
} as const satisfies Record<string, ProcedurePermission>;

export type ProcedurePath = keyof typeof permissions;

/** What a call touches: its organisation, and the programmes and grants it belongs to (or is filtered to). */
export interface Resource {
  organisationId: string;
  /** the record's programme(s), or the programmes a collection is filtered to (none: the whole organisation) */
  programmeIds?: readonly string[];
  /** the grants the record belongs to, or the grants a collection is filtered to (none: the whole organisation) */
  grantIds?: readonly string[];
}

export type DenyReason =
  | 'undeclared'
  | 'unauthenticated'
  | 'role'
  | 'no-resource'
  | 'other-organisation'
  | 'other-programme'
  | 'other-grant'
  | 'read-only'
  /** a temporary password not yet replaced: only changing it (and public calls) is allowed */
  | 'password-change';

export type Decision =
  | { allow: true; narrow?: { programmeIds?: string[]; grantIds?: string[] } }
  | { allow: false; reason: DenyReason };

/** A declaration that breaks the rules the data must keep; thrown at load, so it cannot ship. */
export function checkDeclarations(declared: Record<string, ProcedurePermission>): string[] {
  const problems: string[] = [];
  for (const [path, p] of Object.entries(declared)) {
    for (const [role, reach] of Object.entries(p.roles)) {
      if (!(roles as readonly string[]).includes(role))
        problems.push(`${path}: unknown role ${role}`);
      if (p.access === 'write' && (reach === 'grant' || role === 'donor-viewer'))
        problems.push(`${path}: donor viewers only read`);
    }
    if (p.access === 'public' && Object.keys(p.roles).length > 0)
      problems.push(`${path}: a public procedure lists no roles`);
    if (p.access === 'self' && p.target !== 'none')
      problems.push(`${path}: a change to one's own account touches no organisation data`);
  }
  return problems;
}

const problems = checkDeclarations(permissions);
if (problems.length) throw new Error(`permissions: ${problems.join('; ')}`);

function permissionOf(path: string): ProcedurePermission | undefined {
  return Object.prototype.hasOwnProperty.call(permissions, path)
    ? (permissions as Record<string, ProcedurePermission>)[path]
    : undefined;
}

const mustChangePassword = (actor: Actor) =>
  'mustChangePassword' in actor && actor.mustChangePassword === true;

/**
 * The check a middleware makes before a procedure runs, when the resource is not known yet: the
 * procedure is declared, the caller signed in (unless public) and her role is listed. The reach
 * tells the procedure what `authorize` will hold its resources to.
 */
export function authorizeProcedure(
  actor: Actor | null,
  path: string,
): { allow: true; reach: Reach | null } | { allow: false; reason: DenyReason } {
  const permission = permissionOf(path);
  if (!permission) return { allow: false, reason: 'undeclared' };
  if (permission.access === 'public') return { allow: true, reach: null };
  if (!actor) return { allow: false, reason: 'unauthenticated' };
  // A temporary password given by an admin: nothing else until she has chosen her own.
  if (mustChangePassword(actor) && permission.access !== 'self')
    return { allow: false, reason: 'password-change' };
  const reach = permission.roles[actor.role];
  if (!reach)
    return {
      allow: false,
      reason: actor.role === 'donor-viewer' && permission.access === 'write' ? 'read-only' : 'role',
    };
  return { allow: true, reach };
}

/**
 * Whether `actor` may call the procedure at `path` on `resource`, and why not.
 *
 *   authorize(officerOfFps, 'activity.update', { organisationId, programmeIds: [fps] }) → { allow: true }
 *   authorize(officerOfFps, 'activity.update', { organisationId, programmeIds: [news] }) → { allow: false, reason: 'other-programme' }
 */
export function authorize(actor: Actor | null, path: string, resource?: Resource | null): Decision {
  const gate = authorizeProcedure(actor, path);
  if (!gate.allow) return gate;
  const permission = must(permissionOf(path), 'the permission of a procedure');
  if (permission.access === 'public' || permission.target === 'none') return { allow: true };
  if (!resource) return { allow: false, reason: 'no-resource' };
  if (resource.organisationId !== must(actor, 'the signed-in user').organisationId)
    return { allow: false, reason: 'other-organisation' };
  if (gate.reach === 'organisation') return { allow: true };
  const named = gate.reach === 'programme' ? resource.programmeIds : resource.grantIds;
  const mine =
    gate.reach === 'programme'
      ? must(actor, 'the signed-in user').programmeIds
      : must(actor, 'the signed-in user').grantIds;
  const reason = gate.reach === 'programme' ? 'other-programme' : 'other-grant';
  if (named && named.length > 0) {
    // A record belonging to several grants is reached through any of them; a collection filtered
    // to several must be the caller's in each, or the filter would widen her reach.
    const reached =
      permission.target === 'record'
        ? named.some((id) => mine.includes(id))
        : named.every((id) => mine.includes(id));
    return reached ? { allow: true } : { allow: false, reason };
  }
  // Nothing named: a whole collection, which the query must narrow to the caller's scope; a record always names its own.
  if (permission.target === 'collection' && mine.length > 0) {
    return {
      allow: true,
      narrow: gate.reach === 'programme' ? { programmeIds: [...mine] } : { grantIds: [...mine] },
    };
  }
  return { allow: false, reason };
}
