import type { Page } from 'playwright-core';

/** Every page of Jalon (detail pages are found from their lists), in French and a few in English. */
export const pages = [
  '/tableau-de-bord?period=2023-Q2',
  '/activites?period=2023-Q2',
  '/activites/nouvelle',
  '/indicateurs?period=2023-Q2',
  '/subventions',
  '/alerte-precoce?period=2023-Q2',
  '/score-institutionnel',
  '/rapports',
  '/rapports?grant=PROSMED-CCSC&period=2023-Q2&template=undp-quarterly',
  '/journal',
  '/importer',
  '/en/import',
  '/participants',
  '/participants?q=a',
  '/parametres',
  '/parametres/bailleurs',
  '/parametres/programmes',
  '/parametres/subventions',
  '/parametres/lieux',
  '/parametres/lieux?recherche=segou',
  '/parametres/utilisateurs',
  '/parametres/organisation',
  '/parametres/indicateurs',
  '/mot-de-passe',
  '/en/dashboard?period=2023-Q2',
  '/en/activities/new',
  '/en/indicators?period=2023-Q2',
  '/tableau-croise?period=2023-Q2',
  '/en/pivot?period=2023-Q2',
];

/**
 * The first activity, incident (its correction page), grant and set-up grant of the lists, with
 * their sub-pages (an activity's edit and delete pages; a set-up grant's targets, values and
 * data-exchange mapping).
 */
export async function detailPages(page: Page, baseUrl: string): Promise<string[]> {
  const found: string[] = [];
  for (const [list, pattern] of [
    ['/activites?period=2023-Q2', /^\/activites\/[0-9a-f-]{36}$/],
    ['/alerte-precoce?period=2023-Q2', /^\/alerte-precoce\/[0-9a-f-]{36}$/],
    ['/subventions', /^\/subventions\/[0-9a-f-]{36}$/],
    ['/parametres/subventions', /^\/parametres\/subventions\/[0-9a-f-]{36}$/],
  ] as const) {
    await page.goto(`${baseUrl}${list}`);
    const hrefs = await page
      .locator('main a[href]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    const first = hrefs.find((href) => pattern.test(href));
    if (first) {
      found.push(first);
      if (list.startsWith('/activites')) found.push(`${first}/modifier`, `${first}/supprimer`);
      if (list.startsWith('/parametres'))
        found.push(`${first}/cibles`, `${first}/valeurs`, `${first}/echange`);
    }
  }
  return found;
}
