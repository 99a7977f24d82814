import type { BrowserContext, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  chromiumSuite,
  demoAccounts,
  recordActivity,
  signedInPhone,
} from '../src/browser';
import { outbox, putOutbox } from '../src/offline';

/**
 * Corrections on a bad connection, in Chromium at 390 px on the real server: an activity or an
 * incident edited with the network cut (Chromium's network emulation through CDP,
 * `context.setOffline`) waits in the outbox with the version it was read at and is replayed when
 * the connection comes back; overtaken by someone else's save, it is never written over theirs
 * but compared side by side (keep mine / take theirs / keep both); replayed twice, it is saved
 * once. What was typed survives a reload. A queued save the API warned of (a probable duplicate)
 * is said after the replay, in words, with a link to the record.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 */

describe.runIf(browserSuiteCanRun)('corrections offline and in conflict, in Chromium', () => {
  const suite = chromiumSuite();
  let sql: postgres.Sql;
  let context: BrowserContext;
  const TITLE = 'Correction hors ligne : atelier à Mopti';

  beforeAll(async () => {
    sql = postgres(suite.jalon.databaseUrl, { max: 1, onnotice: () => {} });
    context = await signedInPhone(suite.browser, suite.jalon.url, demoAccounts.meOfficer);
  });
  afterAll(async () => {
    await context?.close();
    await sql?.end();
  });

  async function open(path: string): Promise<Page> {
    await context.setOffline(false);
    const page = await context.newPage();
    page.on('pageerror', (error) => suite.pageErrors.push(error.message));
    await page.goto(`${suite.jalon.url}${path}`);
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    return page;
  }

  /** A new activity, recorded from the desktop page; its path. */
  const newActivity = (title: string) => recordActivity(suite.page, suite.jalon.url, title);

  /** Fills the incident form of the page (the early-warning page's, or a correction's). */
  async function fillIncident(page: Page, values: { deaths?: string; description?: string }) {
    const details = page.locator('details.incident-entry');
    if ((await details.count()) > 0 && (await details.getAttribute('open')) === null)
      await details.locator('summary').click();
    const form = page.locator('form').filter({ has: page.getByLabel('Date de l’incident') });
    await form.getByLabel('Date de l’incident').fill('2024-03-05');
    await form.getByLabel('Domaine').selectOption('democracy-governance');
    await form.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Mopti' });
    if (values.deaths !== undefined)
      await form.getByLabel('Morts', { exact: true }).fill(values.deaths);
    if (values.description !== undefined)
      await form.getByLabel('Description (facultatif)').fill(values.description);
  }

  /** A new incident, recorded online from the early-warning page; its id. */
  async function newIncident(description: string, deaths = '2'): Promise<string> {
    const page = await open('/alerte-precoce');
    await fillIncident(page, { deaths, description });
    await page.getByRole('button', { name: 'Enregistrer l’incident' }).click();
    await page.waitForURL(/saved=/);
    await page.close();
    const [row] = await sql<{ id: string }[]>`
      select id from incident where description = ${description}`;
    return row!.id;
  }

  const badge = (page: Page) => page.locator('[data-outbox-count]');
  const activityRow = async (path: string) => {
    const [row] = await sql<{ title: string; sessions: number; version: number }[]>`
      select title, sessions, version from activity where id = ${path.split('/').pop()!}`;
    return row;
  };
  const incidentRow = async (id: string) => {
    const [row] = await sql<{ deaths: number; injuries: number; version: number }[]>`
      select deaths, injuries, version from incident where id = ${id}`;
    return row;
  };

  it('an activity edited offline, overtaken meanwhile: compared side by side, then mine kept', async () => {
    const path = await newActivity(TITLE);
    const b = await open(`${path}/modifier`);
    // Once the service worker runs, the page it has seen is kept for offline use.
    await b.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await b.reload();
    await b.waitForSelector('html[data-hydrated]', { state: 'attached' });
    await context.setOffline(true);
    await b.getByLabel('Nombre de sessions').fill('4');
    await b.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect.poll(() => b.locator('[data-notice]').innerText()).toContain('en attente d’envoi');
    expect(await badge(b).innerText()).toBe('1');
    // The form stays as typed; the outbox holds the edit with the version it was read at.
    expect(await b.getByLabel('Nombre de sessions').inputValue()).toBe('4');
    const [queued] = await outbox(b);
    expect(queued).toMatchObject({ kind: 'activity', op: 'update', status: 'pending' });
    expect(queued!.fields).toContainEqual(['version', '1']);
    // Reloaded without a connection: the kept page, with what she typed put back.
    await b.reload();
    await b.waitForSelector('html[data-hydrated]', { state: 'attached' });
    expect(await b.getByLabel('Nombre de sessions').inputValue()).toBe('4');
    expect(await b.locator('[data-draft-restored]').count()).toBe(1);
    expect(await badge(b).innerText()).toBe('1');

    // Meanwhile, at the office, someone else saves the same activity.
    const a = suite.page;
    await a.goto(`${suite.jalon.url}${path}/modifier`);
    await a.waitForSelector('html[data-hydrated]', { state: 'attached' });
    await a.getByLabel('Intitulé de l’activité').fill(`${TITLE} (bureau)`);
    await a.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await a.waitForURL(/\?saved=1/);

    // The connection comes back: the replay is refused as stale and waits as a conflict.
    await context.setOffline(false);
    const conflicted = b.locator('[data-outbox-entry="conflict"]');
    await expect.poll(() => conflicted.count(), { timeout: 20_000 }).toBe(1);
    expect(await conflicted.innerText()).toContain('Modifié entre-temps sur le serveur');
    expect(await activityRow(path)).toEqual({
      title: `${TITLE} (bureau)`,
      sessions: 1,
      version: 2,
    });
    await b.screenshot({ path: `${artifacts}offline-edit-conflict-outbox.png`, fullPage: true });

    // « Comparer »: the edit page shows hers beside the server's, field by field.
    await conflicted.getByRole('button', { name: 'Comparer' }).click();
    await b.waitForURL(/\/modifier$/);
    await b.waitForSelector('html[data-hydrated]', { state: 'attached' });
    const conflict = b.locator('[data-conflict]');
    await conflict.waitFor();
    const sessions = conflict.locator('[data-conflict-field="sessions"]');
    expect(await sessions.locator('.mine').innerText()).toBe('4');
    expect(await sessions.locator('.theirs').innerText()).toBe('1');
    const title = conflict.locator('[data-conflict-field="title"]');
    expect(await title.locator('.theirs').innerText()).toBe(`${TITLE} (bureau)`);
    expect(await b.getByLabel('Nombre de sessions').inputValue()).toBe('4');
    expect(await badge(b).count()).toBe(0);
    await b.screenshot({ path: `${artifacts}offline-edit-compare.png`, fullPage: true });

    await conflict.getByRole('button', { name: 'Garder ma version' }).click();
    await b.waitForURL(/\?saved=1/);
    expect(await activityRow(path)).toEqual({ title: TITLE, sessions: 4, version: 3 });
    await b.close();
  }, 240_000);

  it('an incident corrected offline is saved once, however many times it is replayed', async () => {
    const id = await newIncident('Correction hors ligne : incident de Djenné');
    const page = await open(`/alerte-precoce/${id}`);
    await context.setOffline(true);
    await page.getByLabel('Morts', { exact: true }).fill('4');
    await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await expect.poll(() => badge(page).innerText()).toBe('1');
    const kept = await outbox(page);
    expect(kept).toMatchObject([{ kind: 'incident', op: 'update', status: 'pending' }]);
    expect(await incidentRow(id)).toEqual({ deaths: 2, injuries: 0, version: 1 });

    await context.setOffline(false);
    await expect
      .poll(() => incidentRow(id), { timeout: 20_000 })
      .toEqual({
        deaths: 4,
        injuries: 0,
        version: 2,
      });
    await expect.poll(() => outbox(page)).toEqual([]);

    // The same correction sent again (its answer lost, a second device): the server already
    // holds it, so it is no conflict and nothing more is written.
    for (let round = 0; round < 2; round++) {
      await putOutbox(page, kept);
      await page.reload();
      await expect.poll(() => outbox(page), { timeout: 15_000 }).toEqual([]);
    }
    expect(await incidentRow(id)).toEqual({ deaths: 4, injuries: 0, version: 2 });
    await page.close();
  }, 240_000);

  it('an incident correction overtaken online: side by side, kept across a reload, then both kept', async () => {
    const description = 'Correction en conflit : incident de Gao';
    const id = await newIncident(description, '5');
    const b = await open(`/alerte-precoce/${id}`);
    // At the office, someone corrects the injuries first.
    const a = suite.page;
    await a.goto(`${suite.jalon.url}/alerte-precoce/${id}`);
    await a.waitForSelector('html[data-hydrated]', { state: 'attached' });
    await a.getByLabel('Blessés', { exact: true }).fill('9');
    await a.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await a.waitForURL(/\?saved=1/);

    await b.getByLabel('Morts', { exact: true }).fill('7');
    await b.getByRole('button', { name: 'Enregistrer la correction' }).click();
    const conflict = b.locator('[data-conflict]');
    await conflict.waitFor();
    const heading = 'Quelqu’un a enregistré cet incident entre-temps';
    expect(await conflict.getByRole('heading').innerText()).toBe(heading);
    const rows = async () =>
      Object.fromEntries(
        await conflict
          .locator('[data-conflict-field]')
          .evaluateAll((trs) =>
            trs.map((tr) => [
              tr.getAttribute('data-conflict-field'),
              [tr.querySelector('.mine')?.textContent, tr.querySelector('.theirs')?.textContent],
            ]),
          ),
      );
    expect(await rows()).toEqual({ deaths: ['7', '5'], injuries: ['0', '9'] });
    expect(
      await b.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      ),
    ).toBe(0);
    await b.screenshot({ path: `${artifacts}incident-conflict-390.png`, fullPage: true });

    // A reload loses nothing: her draft comes back, and with it the comparison.
    await b.reload();
    await b.waitForSelector('html[data-hydrated]', { state: 'attached' });
    await conflict.waitFor();
    expect(await b.getByLabel('Morts', { exact: true }).inputValue()).toBe('7');
    expect(await rows()).toEqual({ deaths: ['7', '5'], injuries: ['0', '9'] });

    await conflict.getByRole('button', { name: 'Garder les deux' }).click();
    await b.waitForURL(/saved=/);
    const kept = await sql<{ deaths: number; injuries: number; version: number }[]>`
      select deaths, injuries, version from incident where description = ${description}
      order by created_at`;
    expect(kept).toEqual([
      { deaths: 5, injuries: 9, version: 2 },
      { deaths: 7, injuries: 0, version: 1 },
    ]);
    await b.close();
  }, 240_000);

  it('keeps both when the new copy looks like a duplicate: said under the comparison, then confirmed', async () => {
    const description = 'Garder les deux : incident de Ségou';
    const id = await newIncident(description, '6');
    const b = await open(`/alerte-precoce/${id}`);
    // At the office, someone rewrites the description first.
    const a = suite.page;
    await a.goto(`${suite.jalon.url}/alerte-precoce/${id}`);
    await a.waitForSelector('html[data-hydrated]', { state: 'attached' });
    await a.getByLabel('Description (facultatif)').fill(`${description} (bureau)`);
    await a.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await a.waitForURL(/\?saved=1/);

    await b.getByLabel('Description (facultatif)').fill(`${description} (terrain)`);
    await b.getByRole('button', { name: 'Enregistrer la correction' }).click();
    const conflict = b.locator('[data-conflict]');
    await conflict.waitFor();
    // Hers as a new incident has the date, place, domain, deaths and injuries of the first.
    await conflict.getByRole('button', { name: 'Garder les deux' }).click();
    const warned = b.locator('[data-entry-warnings]');
    await warned.waitFor();
    expect((await warned.innerText()).replace(/\u202f/g, ' ')).toContain('Doublon probable');
    expect(await warned.locator(`a[href="/alerte-precoce/${id}"]`).count()).toBe(1);
    const copies = () =>
      sql<{ description: string; deaths: number; version: number }[]>`
        select description, deaths, version from incident
        where description like ${`${description}%`} order by created_at`;
    // Nothing is created before she confirms; the comparison stays.
    expect(await copies()).toEqual([
      { description: `${description} (bureau)`, deaths: 6, version: 2 },
    ]);
    expect(await conflict.count()).toBe(1);
    await b.screenshot({ path: `${artifacts}keep-both-duplicate.png`, fullPage: true });

    await warned.getByRole('button', { name: 'Enregistrer quand même' }).click();
    await b.waitForURL(/saved=/);
    expect(await copies()).toEqual([
      { description: `${description} (bureau)`, deaths: 6, version: 2 },
      { description: `${description} (terrain)`, deaths: 6, version: 1 },
    ]);
    // The edit's draft went with it: the incident's page offers no draft and no comparison.
    await b.goto(`${suite.jalon.url}/alerte-precoce/${id}`);
    await b.waitForSelector('html[data-hydrated]', { state: 'attached' });
    expect(await b.locator('[data-draft-restored]').count()).toBe(0);
    expect(await conflict.count()).toBe(0);
    expect(await b.getByLabel('Description (facultatif)').inputValue()).toBe(
      `${description} (bureau)`,
    );
    await b.close();
  }, 240_000);

  it('says what the API warned of a queued save after the replay, with the records to open', async () => {
    const firstId = await newIncident('Premier signalement : incident de Bandiagara', '3');
    const page = await open('/alerte-precoce');
    await context.setOffline(true);
    // The same incident, typed again offline by a second monitor.
    await fillIncident(page, { deaths: '3', description: 'Second signalement : Bandiagara' });
    await page.getByRole('button', { name: 'Enregistrer l’incident' }).click();
    await expect.poll(() => badge(page).innerText()).toBe('1');
    await context.setOffline(false);

    const notice = page.locator('[data-outbox-sent]');
    await expect.poll(() => notice.count(), { timeout: 20_000 }).toBe(1);
    const [second] = await sql<{ id: string }[]>`
      select id from incident where description = 'Second signalement : Bandiagara'`;
    expect(second).toBeDefined();
    const text = (await notice.innerText()).replace(/\u202f/g, ' ');
    expect(text).toContain('Doublon probable');
    const openRecord = notice.getByRole('link', { name: /^Ouvrir « 2024-03-05 · / });
    expect(await openRecord.getAttribute('href')).toBe(`/alerte-precoce/${second!.id}`);
    const lookAlike = notice.locator(`[data-warning="probable-duplicate"] a`);
    expect(await lookAlike.getAttribute('href')).toBe(`/alerte-precoce/${firstId}`);
    await page.screenshot({ path: `${artifacts}outbox-sent-warnings.png`, fullPage: true });

    // It stays until read: across a reload, on the record's own page, then gone once seen.
    await page.reload();
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    await expect.poll(() => notice.count()).toBe(1);
    await openRecord.click();
    await page.waitForURL((url) => url.pathname === `/alerte-precoce/${second!.id}`);
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    await notice.getByRole('button', { name: 'Vu, retirer ce message' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await page.close();
  }, 240_000);
});
