/**
 * Paraglide compiler options, shared by the Vite plugin (dev, build, tests) and by
 * `scripts/compile-i18n.js` (typecheck on a clean clone, where Vite has not run yet).
 * One place, so the runtime type-checked is the runtime shipped.
 */

/** French slug (the SvelteKit route) → English slug. */
export const localizedPaths = {
  '/activites': '/activities',
  '/tableau-de-bord': '/dashboard',
  '/tableau-croise': '/pivot',
  '/tableau-croise/export': '/pivot/export',
  '/indicateurs': '/indicators',
  '/subventions': '/grants',
  '/alerte-precoce': '/early-warning',
  '/score-institutionnel': '/institutional-score',
  '/rapports': '/reports',
  '/journal': '/audit-trail',
  '/importer': '/import',
  '/participants': '/participants',
  '/connexion': '/sign-in',
  '/deconnexion': '/sign-out',
  '/mot-de-passe': '/password',
  '/parametres': '/settings',
  '/parametres/bailleurs': '/settings/donors',
  '/parametres/programmes': '/settings/programmes',
  '/parametres/subventions': '/settings/grants',
  '/parametres/lieux': '/settings/places',
  '/parametres/utilisateurs': '/settings/users',
  '/parametres/indicateurs': '/settings/indicators',
  '/parametres/organisation': '/settings/organisation',
};

/** @type {import('@inlang/paraglide-js').CompilerOptions} */
export const i18nOptions = {
  project: './project.inlang',
  outdir: './src/lib/paraglide',
  // French lives at the bare path, English under /en: the URL alone says which language a
  // page is in, so links can be shared and the server renders the right language first time.
  strategy: ['url', 'baseLocale'],
  urlPatterns: [
    ...Object.entries(localizedPaths).map(([fr, en]) => ({
      pattern: fr,
      localized: /** @type {[string, string][]} */ ([
        ['en', `/en${en}`],
        ['fr', fr],
      ]),
    })),
    // Activity entry: `/activites/nouvelle` before `/activites/:id`, which would take it for an id.
    {
      pattern: '/activites/nouvelle',
      localized: /** @type {[string, string][]} */ ([
        ['en', '/en/activities/new'],
        ['fr', '/activites/nouvelle'],
      ]),
    },
    {
      pattern: '/activites/:id/modifier',
      localized: /** @type {[string, string][]} */ ([
        ['en', '/en/activities/:id/edit'],
        ['fr', '/activites/:id/modifier'],
      ]),
    },
    {
      pattern: '/activites/:id/supprimer',
      localized: /** @type {[string, string][]} */ ([
        ['en', '/en/activities/:id/delete'],
        ['fr', '/activites/:id/supprimer'],
      ]),
    },
    {
      pattern: '/activites/:id',
      localized: /** @type {[string, string][]} */ ([
        ['en', '/en/activities/:id'],
        ['fr', '/activites/:id'],
      ]),
    },
    // An incident's page (its correction and its deletion): `/alerte-precoce/<id>` ↔
    // `/en/early-warning/<id>`, never the French slug under /en.
    {
      pattern: '/alerte-precoce/:id',
      localized: /** @type {[string, string][]} */ ([
        ['en', '/en/early-warning/:id'],
        ['fr', '/alerte-precoce/:id'],
      ]),
    },
    // A grant's page: `/subventions/<id>` ↔ `/en/grants/<id>`.
    {
      pattern: '/subventions/:id',
      localized: /** @type {[string, string][]} */ ([
        ['en', '/en/grants/:id'],
        ['fr', '/subventions/:id'],
      ]),
    },
    // A grant's targets, then its results framework (`/parametres/subventions/<id>`).
    {
      pattern: '/parametres/subventions/:id/valeurs',
      localized: /** @type {[string, string][]} */ ([
        ['en', '/en/settings/grants/:id/values'],
        ['fr', '/parametres/subventions/:id/valeurs'],
      ]),
    },
    {
      pattern: '/parametres/subventions/:id/echange',
      localized: /** @type {[string, string][]} */ ([
        ['en', '/en/settings/grants/:id/exchange'],
        ['fr', '/parametres/subventions/:id/echange'],
      ]),
    },
    {
      pattern: '/parametres/subventions/:id/cibles',
      localized: /** @type {[string, string][]} */ ([
        ['en', '/en/settings/grants/:id/targets'],
        ['fr', '/parametres/subventions/:id/cibles'],
      ]),
    },
    {
      pattern: '/parametres/subventions/:id',
      localized: /** @type {[string, string][]} */ ([
        ['en', '/en/settings/grants/:id'],
        ['fr', '/parametres/subventions/:id'],
      ]),
    },
    {
      pattern: '/:path(.*)?',
      localized: /** @type {[string, string][]} */ ([
        ['en', '/en/:path(.*)?'],
        ['fr', '/:path(.*)?'],
      ]),
    },
  ],
};
