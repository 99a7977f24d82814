import type { ProcedurePath } from '@jalon/api';
import { m } from '$lib/paraglide/messages';

/** Who is signed in, as `session.me` says: the API procedures her role may call. */
type Me = { procedures: readonly string[] } | null | undefined;

/**
 * The modules of Jalon, in the order of the main navigation. `href` is the French route;
 * `procedure` is the API call the page is built on: a role that may not call it does not see
 * the module (the API refuses it anyway).
 */
export const modules = [
  { href: '/tableau-de-bord', label: m.nav_dashboard, procedure: 'dashboard.summary' },
  { href: '/activites', label: m.nav_activities, procedure: 'activity.list' },
  { href: '/indicateurs', label: m.nav_indicators, procedure: 'indicator.list' },
  { href: '/subventions', label: m.nav_grants, procedure: 'grant.list' },
  { href: '/alerte-precoce', label: m.nav_early_warning, procedure: 'incident.list' },
  { href: '/score-institutionnel', label: m.nav_scorecard, procedure: 'assessment.scorecard' },
  { href: '/rapports', label: m.nav_reports, procedure: 'report.preview' },
  { href: '/journal', label: m.nav_audit, procedure: 'audit.list' },
  // Importing files: the roles that may stage a batch (the upload route asks the same).
  { href: '/importer', label: m.nav_import, procedure: 'import.stage' },
  // Setting up the network (donors, programmes, grants, results frameworks): one entry.
  { href: '/parametres', label: m.nav_settings, procedure: 'donor.create' },
] as const satisfies readonly { href: string; label: () => string; procedure: ProcedurePath }[];

/**
 * The modules a signed-in user's role opens (none for nobody). A validator's « Activités » says
 * how many await her validation (`queue`, counted by the root layout).
 */
export function modulesFor(
  procedures: readonly string[] | null | undefined,
  counts: { queue?: number | null } = {},
) {
  const allowed = new Set(procedures ?? []);
  const queue = counts.queue ?? 0;
  return modules
    .filter((module) => allowed.has(module.procedure))
    .map((module) =>
      module.href === '/activites' && queue > 0
        ? { ...module, label: () => `${module.label()} (${m.nav_queue({ count: queue })})` }
        : module,
    );
}

/** The approval statuses a list may be filtered on (`?status=submitted`: « À valider »). */
const statuses = ['draft', 'submitted', 'validated'] as const;

/** The status filter of a list's address, or null when none (or not one). */
export function parseStatus(value: string | null): (typeof statuses)[number] | null {
  return (statuses as readonly string[]).includes(value ?? '')
    ? (value as (typeof statuses)[number])
    : null;
}

/**
 * Whether the signed-in user's role may call an API procedure: pages offer an action (a
 * « Nouvelle activité » button, the incident form) only to those whose save would be accepted.
 */
export function can(me: Me, procedure: ProcedurePath): boolean {
  return me?.procedures.includes(procedure) ?? false;
}

/**
 * Asks the API only when the role may call the procedure, else answers null: a page never makes
 * a call the API would refuse (the refusal would show as « Code : FORBIDDEN »).
 * @example await whenAllowed(me, 'incident.summary', () => api.incident.summary.query(q)) // null for a programme officer
 */
export function whenAllowed<T>(
  me: Me,
  procedure: ProcedurePath,
  call: () => Promise<T>,
): Promise<T | null> {
  return can(me, procedure) ? call() : Promise.resolve(null);
}

/**
 * The procedure behind each download of `/api/reports/…` (apps/api/src/routes/reports.ts): a
 * link is offered only to a role that may call it, so no download answers 403.
 */
export const downloadProcedures = {
  xlsx: 'report.model',
  iati: 'report.model',
  adx: 'adx.export',
  dhis2: 'adx.dhis2',
  snapshot: 'report.snapshot',
  bulletin: 'report.bulletin',
} as const satisfies Record<string, ProcedurePath>;

/** Whether the signed-in user may download a file of `/api/reports/<file>`. */
export function canDownload(me: Me, file: keyof typeof downloadProcedures): boolean {
  return can(me, downloadProcedures[file]);
}
