import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, browserSuiteCanRun, chromiumSuite, demoAccounts, signIn } from '../src/browser';

/**
 * The activity form's place picker in Chromium: searched without minding accents or case, used
 * from the keyboard alone, 44 px targets at 390 px with no sideways scroll, and the plain list of
 * check boxes without JavaScript. The places chosen are the ones recorded.
 */
describe.runIf(browserSuiteCanRun)('the place picker in Chromium', () => {
  const suite = chromiumSuite();
  let sql: postgres.Sql;

  beforeAll(() => {
    sql = postgres(suite.jalon.databaseUrl, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql?.end();
  });

  const placesOf = async (title: string) =>
    (
      await sql<{ name: string }[]>`
        select p.name from activity a
        join activity_place ap on ap.activity_id = a.id and ap.organisation_id = a.organisation_id
        join place p on p.id = ap.place_id and p.organisation_id = ap.organisation_id
        where a.title = ${title} order by p.name`
    ).map((r) => r.name);

  it('finds « Ségou » from « segou », takes it with Enter, and records the places chosen', async () => {
    const page = suite.page;
    await page.goto(`${suite.jalon.url}/activites/nouvelle`);
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    const title = 'Lieux : dialogue à Ségou et Mopti';
    await page.getByLabel('Intitulé de l’activité').fill(title);
    await page.getByLabel('Type d’activité').selectOption('dialogue');
    await page.getByLabel('Programme', { exact: true }).selectOption({
      label: 'Renforcement de capacité institutionnelle et relation État-citoyens (CCS-C)',
    });
    await page.getByLabel('Date de début').fill('2024-04-02');
    await page.getByLabel('Participants au total', { exact: true }).fill('18');

    const search = page.getByRole('searchbox', { name: 'Chercher un lieu' });
    const places = page.locator('#field-placeIds-list label:not([hidden])');
    const all = await places.count();
    expect(all).toBeGreaterThan(10);
    await search.fill('SEGOU');
    await expect.poll(() => places.allInnerTexts()).toEqual(['Ségou']);
    expect(await page.locator('#field-placeIds-found').innerText()).toContain(
      `1 lieu(x) sur ${all}`,
    );
    await search.press('Enter');
    // Enter took the place (and did not post the form); the box is empty for the next one.
    expect(await search.inputValue()).toBe('');
    await expect.poll(() => places.count()).toBe(all);
    const chosen = page.getByRole('list', { name: 'Lieux choisis' });
    expect(await chosen.innerText()).toContain('Ségou');

    // The keyboard alone: type, down arrow into the list, space to tick.
    await search.fill('mopt');
    await search.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect.poll(() => chosen.getByRole('button').allInnerTexts()).toHaveLength(2);
    await search.fill('zzz');
    expect(await page.locator('#field-placeIds-found').innerText()).toBe(
      'Aucun lieu ne correspond.',
    );
    await search.fill('');
    // Removing a place from the chosen ones unticks it.
    await chosen.getByRole('button', { name: 'Retirer Mopti' }).click();
    expect(await chosen.getByRole('button').allInnerTexts()).toEqual([
      expect.stringContaining('Ségou'),
    ]);
    await search.fill('mopti');
    await search.press('Enter');

    await page.getByRole('button', { name: 'Enregistrer l’activité' }).click();
    await page.waitForURL(/\/activites\/[0-9a-f-]{36}/);
    expect(await placesOf(title)).toEqual(['Mopti', 'Ségou']);
  });

  it('at 390 px: 44 px targets, no sideways scroll; without JavaScript, the plain list', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await suite.browser.newContext({
        viewport: { width: 390, height: 844 },
        locale: 'fr-FR',
        isMobile: true,
        hasTouch: true,
        javaScriptEnabled,
      });
      try {
        const page = await context.newPage();
        await signIn(page, suite.jalon.url, demoAccounts.meOfficer);
        await page.goto(`${suite.jalon.url}/activites/nouvelle`);
        if (javaScriptEnabled) {
          await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
          await page.getByRole('searchbox', { name: 'Chercher un lieu' }).fill('ka');
          const heights = await page
            .locator('#field-placeIds-list label:not([hidden]), #field-placeIds input[type=search]')
            .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
          expect(heights.length).toBeGreaterThan(1);
          for (const h of heights) expect(h).toBeGreaterThanOrEqual(44);
          await page
            .locator('#field-placeIds')
            .screenshot({ path: `${artifacts}place-picker-390.png` });
        } else {
          expect(await page.getByRole('searchbox').count()).toBe(0);
          expect(await page.locator('input[name="placeIds"]').count()).toBeGreaterThan(10);
          expect(await page.getByRole('checkbox', { name: 'Ségou' }).isVisible()).toBe(true);
        }
        const overflow = await page.evaluate(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        expect(overflow).toBe(0);
      } finally {
        await context.close();
      }
    }
  });
});
