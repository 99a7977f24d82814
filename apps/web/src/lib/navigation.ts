import { m } from '$lib/paraglide/messages';

/** The modules of Jalon, in the order of the main navigation. `href` is the French route. */
export const modules = [
  { href: '/tableau-de-bord', label: m.nav_dashboard },
  { href: '/activites', label: m.nav_activities },
  { href: '/indicateurs', label: m.nav_indicators },
  { href: '/subventions', label: m.nav_grants },
  { href: '/alerte-precoce', label: m.nav_early_warning },
  { href: '/score-institutionnel', label: m.nav_scorecard },
  { href: '/rapports', label: m.nav_reports },
] as const;
