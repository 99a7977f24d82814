import { m } from '$lib/paraglide/messages';

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
  // Setting up the network (donors, programmes, grants, results frameworks): one entry.
  { href: '/parametres', label: m.nav_settings, procedure: 'donor.create' },
] as const;

/** The modules a signed-in user's role opens (none for nobody). */
export function modulesFor(procedures: readonly string[] | null | undefined) {
  const allowed = new Set(procedures ?? []);
  return modules.filter((module) => allowed.has(module.procedure));
}

/**
 * Whether the signed-in user's role may call an API procedure: pages offer an action (a
 * « Nouvelle activité » button, the incident form) only to those whose save would be accepted.
 */
export function can(
  me: { procedures: readonly string[] } | null | undefined,
  procedure: string,
): boolean {
  return me?.procedures.includes(procedure) ?? false;
}
