import ExcelJS from 'exceljs';
import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  chromiumSuite,
  demoAccounts,
  frenchPage,
  waitForHydration,
} from '../src/browser';

/**
 * Every role lands on a page it can read: the programme officer and UNDP's donor viewer open
 * Jalon on a dashboard of their own figures (not « Code : FORBIDDEN »), the programme officer's
 * early-warning page shows her register, and the donor is offered only the downloads the API
 * gives her, with the preview stating the period its status is judged on. Validators see what
 * awaits them: a count in the navigation and an « À valider » filter on the activities.
 * The manager and the admin land on a dashboard too. The programme officer and the donor search,
 * sort and export their own lists (her programme's activities, the grant's), the files read back
 * equal to the rows shown; the programme officer's delete of an activity in a period locked by a
 * submitted report is refused in words, and the activity stays.
 */
describe.runIf(browserSuiteCanRun)('each role’s landing in Chromium', () => {
  const suite = chromiumSuite({ signInAs: demoAccounts.programmeOfficer });

  it('lands the programme officer on her programme’s figures, and her incident register', async () => {
    const { page } = suite;
    await page.goto(`${suite.jalon.url}/`);
    expect(new URL(page.url()).pathname).toBe('/tableau-de-bord');
    const main = page.locator('main');
    expect(await main.innerText()).not.toMatch(/FORBIDDEN|n’ont pas pu être chargées/);
    expect(await page.locator('[data-scope-note]').innerText()).toContain('Vos chiffres');
    expect(await page.locator('[data-figure="activities"]').innerText()).toMatch(
      /^\d+ activités?$/,
    );
    // The organisation's early warning is not hers to read: it is not shown, nor is it refused.
    expect(await page.locator('[data-figure="incidents"]').count()).toBe(0);
    await page.screenshot({ path: `${artifacts}landing-programme-officer.png`, fullPage: true });

    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', {
        name: 'Alerte précoce',
      })
      .click();
    await page.waitForURL(/\/alerte-precoce/);
    expect(await main.innerText()).not.toMatch(/FORBIDDEN/);
    expect(await page.locator('[data-scope-note]').innerText()).toContain('registre');
  });

  it('lands the donor on her grant’s figures, with only the downloads she may have', async () => {
    const donor = await frenchPage(suite.browser, suite.jalon.url, demoAccounts.donor);
    try {
      await donor.page.goto(`${suite.jalon.url}/`);
      expect(new URL(donor.page.url()).pathname).toBe('/tableau-de-bord');
      expect(await donor.page.locator('main').innerText()).not.toMatch(/FORBIDDEN/);
      expect(await donor.page.locator('[data-figure="activities"]').innerText()).toMatch(
        /^\d+ activités?$/,
      );

      await donor.page.goto(`${suite.jalon.url}/rapports?grant=PROSMED-CCSC&period=2023-Q2`);
      await waitForHydration(donor.page);
      // Her grant's workbook and IATI file, not the organisation's bulletin (the API refuses it).
      expect(await donor.page.locator('a[data-download="xlsx"]').count()).toBe(1);
      expect(await donor.page.locator('a[data-download="bulletin-md"]').count()).toBe(0);
      expect(await donor.page.locator('a[data-download="bulletin-html"]').count()).toBe(0);
      const href = await donor.page.locator('a[data-download="xlsx"]').getAttribute('href');
      const res = await donor.page.context().request.get(new URL(href!, donor.page.url()).href);
      expect(res.status()).toBe(200);
      // The preview says which period its statuses judge: UNDP's fiscal year, as the workbook.
      expect(
        await donor.page.locator('[data-status-period]').getAttribute('data-status-period'),
      ).toBe('2023');
      expect(await donor.page.locator('[data-status-period]').innerText()).toContain('2023');
      await donor.page.screenshot({ path: `${artifacts}landing-donor.png`, fullPage: true });
      expect(donor.errors).toEqual([]);
    } finally {
      await donor.page.close();
    }
  });

  it('shows validators the approval queue: a count in the navigation and an « À valider » filter', async () => {
    // The programme officer submits an activity of hers (through the API, as the form does).
    const { page } = suite;
    const origin = { origin: suite.jalon.url };
    const api = page.context().request;
    const officerNav = page.getByRole('navigation', { name: 'Navigation principale' });
    await page.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
    // She does not validate: no count for her.
    expect(await officerNav.innerText()).not.toContain('à valider');
    const first = page.locator('td[data-status]').first();
    expect(['Brouillon', 'Soumise', 'Validée']).toContain((await first.innerText()).trim());

    const manager = await frenchPage(suite.browser, suite.jalon.url, demoAccounts.manager);
    try {
      await manager.page.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
      const nav = manager.page.getByRole('navigation', { name: 'Navigation principale' });
      const before = (await nav.innerText()).match(/(\d+) à valider/)?.[1] ?? '0';
      // One more submission, by the officer.
      const created = await api.post(`${suite.jalon.url}/trpc/activity.create`, {
        headers: origin,
        data: await draftOf(manager.page),
      });
      expect(created.status()).toBe(200);
      const { activity } = (
        (await created.json()) as { result: { data: { activity: { id: string } } } }
      ).result.data;
      const submitted = await api.post(`${suite.jalon.url}/trpc/activity.submit`, {
        headers: origin,
        data: { id: activity.id, version: 1 },
      });
      expect(submitted.status()).toBe(200);

      await manager.page.goto(`${suite.jalon.url}/activites?period=2023-Q3`);
      expect(await nav.innerText()).toContain(`${Number(before) + 1} à valider`);
      await manager.page.getByLabel('Statut').selectOption('submitted');
      await manager.page.getByRole('button', { name: 'Afficher' }).click();
      await manager.page.waitForURL(/status=submitted/);
      const statuses = await manager.page.locator('td[data-status]').allInnerTexts();
      expect(statuses.length).toBeGreaterThan(0);
      expect(new Set(statuses.map((t) => t.trim()))).toEqual(new Set(['Soumise']));
      expect(await manager.page.locator('main').innerText()).toContain('Causerie de la file');
      await manager.page.screenshot({ path: `${artifacts}approval-queue.png`, fullPage: true });
      expect(manager.errors).toEqual([]);
    } finally {
      await manager.page.close();
    }
  });
  it('lands the manager and the network admin on a dashboard they can read', async () => {
    for (const email of [demoAccounts.manager, demoAccounts.admin]) {
      const other = await frenchPage(suite.browser, suite.jalon.url, email);
      try {
        await other.page.goto(`${suite.jalon.url}/`);
        expect(new URL(other.page.url()).pathname, email).toBe('/tableau-de-bord');
        expect(await other.page.locator('main').innerText(), email).not.toMatch(
          /FORBIDDEN|n’ont pas pu être chargées/,
        );
        expect(await other.page.locator('[data-figure="activities"]').innerText()).toMatch(
          /^\d+ activités?$/,
        );
        expect(other.errors, email).toEqual([]);
      } finally {
        await other.page.close();
      }
    }
  });

  it('lets the programme officer search and sort her activities, and export exactly them', async () => {
    const { page } = suite;
    await page.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
    await waitForHydration(page);
    // « feminin » finds « Féminin » and « féminines »: accents and case ignored.
    await page.getByLabel('Rechercher').fill('FEMININ');
    await page.getByLabel('Trier par').selectOption('title');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(/sort=title/);
    const shown = await shownRows(page);
    expect(shown.length).toBeGreaterThanOrEqual(2);
    for (const row of shown) expect(fold(row.title)).toContain('feminin');
    expect(shown.map((r) => r.title)).toEqual(
      [...shown.map((r) => r.title)].sort(new Intl.Collator('fr').compare),
    );
    // Hers only: the programme she works in.
    expect(new Set(shown.map((r) => r.programme))).toEqual(new Set(['Femme, paix et sécurité']));

    const exported = await exportsOf(page);
    expect(exported.csv.map((r) => r[3])).toEqual(shown.map((r) => r.title));
    expect(new Set(exported.csv.map((r) => r[6]))).toEqual(new Set(['Femme, paix et sécurité']));
    expect(exported.xlsx.map((r) => r[3])).toEqual(shown.map((r) => r.title));
    await page.screenshot({ path: `${artifacts}programme-officer-list.png`, fullPage: true });
  });

  it('lets the donor sort her grant’s activities, newest first, and export exactly them', async () => {
    const donor = await frenchPage(suite.browser, suite.jalon.url, demoAccounts.donor);
    try {
      await donor.page.goto(`${suite.jalon.url}/activites?period=2023-Q2`);
      await waitForHydration(donor.page);
      await donor.page.getByLabel('Trier par').selectOption('-date');
      await donor.page.getByRole('button', { name: 'Afficher' }).click();
      await donor.page.waitForURL(/sort=-date/);
      const shown = await shownRows(donor.page);
      expect(shown.length).toBeGreaterThan(0);
      const exported = await exportsOf(donor.page);
      expect(exported.csv.map((r) => r[3])).toEqual(shown.map((r) => r.title));
      expect(exported.xlsx.map((r) => r[3])).toEqual(shown.map((r) => r.title));
      // Her grant's activities only, the newest first (calendar dates, ISO).
      for (const row of exported.csv) expect(row[8]).toContain('PROSMED-CCSC');
      const starts = exported.csv.map((r) => r[1] ?? '');
      for (const start of starts) expect(start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(starts).toEqual([...starts].sort().reverse());
      // Nothing to correct: no button to edit or delete on her list.
      expect(await donor.page.getByRole('button', { name: 'Valider la sélection' }).count()).toBe(
        0,
      );
      expect(donor.errors).toEqual([]);
    } finally {
      await donor.page.close();
    }
  });

  it('refuses the programme officer’s delete in a period locked by a submitted report, in words', async () => {
    const { page } = suite;
    const api = page.context().request;
    const origin = { origin: suite.jalon.url };
    // A draft of hers in May 2023, for DRC's grant (which funds her programme).
    const grants = await trpcGet<{ items: { id: string; code: string }[] }>(
      api,
      `${suite.jalon.url}/trpc/grant.list`,
    );
    const drc = grants.items.find((g) => g.code === 'DRC-PLF');
    expect(drc, 'DRC-PLF among her grants').toBeDefined();
    const created = await api.post(`${suite.jalon.url}/trpc/activity.create`, {
      headers: origin,
      data: {
        ...(await draftOf(page)),
        title: 'Causerie sur le leadership des femmes à Kati',
        startDate: '2023-05-16',
        endDate: '2023-05-16',
        grantIds: [drc?.id],
      },
    });
    expect(created.status()).toBe(200);
    const { activity } = (
      (await created.json()) as { result: { data: { activity: { id: string } } } }
    ).result.data;

    // The M&E officer submits DRC-PLF's report for the quarter: its period is locked.
    const me = await frenchPage(suite.browser, suite.jalon.url, demoAccounts.meOfficer);
    try {
      const submitted = await me.page
        .context()
        .request.post(`${suite.jalon.url}/trpc/report.submit`, {
          headers: origin,
          data: { grant: 'DRC-PLF', period: '2023-Q2' },
        });
      expect(submitted.status(), await submitted.text()).toBe(200);
    } finally {
      await me.page.close();
    }

    await page.goto(`${suite.jalon.url}/activites/${activity.id}/supprimer`);
    await waitForHydration(page);
    await page.getByRole('checkbox', { name: 'Je confirme la suppression' }).check();
    await page.getByRole('button', { name: 'Supprimer définitivement' }).click();
    await page
      .getByText('La suppression a été refusée, rien n’a été supprimé')
      .waitFor({ timeout: 15_000 });
    expect(await page.locator('body').innerText()).toContain(
      'La période 2023-Q2 de la subvention DRC-PLF est verrouillée',
    );
    // The refused form post is logged by the browser as a failed load: that one is expected.
    const logged = suite.pageErrors.splice(0);
    expect(logged.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
    const still = await page.goto(`${suite.jalon.url}/activites/${activity.id}`);
    expect(still?.status()).toBe(200);
    await page.screenshot({ path: `${artifacts}programme-officer-locked.png`, fullPage: true });
  });
});

/** A tRPC query's data, asked with the page's own session. */
async function trpcGet<T>(api: APIRequestContext, url: string): Promise<T> {
  const res = await api.get(url);
  expect(res.status(), url).toBe(200);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

/** Lower case, accents off: how the lists' search reads a title. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The rows the activities list shows: title and programme, in order. */
async function shownRows(page: Page): Promise<{ title: string; programme: string }[]> {
  return page.locator('table.data tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      title: (tr.querySelector('.title')?.textContent ?? '').trim(),
      programme: (tr.querySelector('td[data-label="Programme"]')?.textContent ?? '').trim(),
    })),
  );
}

/** The list's CSV and xlsx exports, fetched with the page's session, read back (data rows). */
async function exportsOf(page: Page): Promise<{ csv: string[][]; xlsx: unknown[][] }> {
  const get = async (format: 'csv' | 'xlsx') => {
    const href = await page.locator(`[data-export="${format}"]`).first().getAttribute('href');
    if (!href) throw new Error(`no ${format} export link`);
    const res = await page.context().request.get(new URL(href, page.url()).href);
    expect(res.status(), href).toBe(200);
    return res.body();
  };
  const csv = parseCsv((await get('csv')).toString('utf8').replace(/^\ufeff/, '')).slice(1);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await get('xlsx')) as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  const xlsx: unknown[][] = [];
  sheet?.eachRow((row, n) => {
    if (n > 1) xlsx.push((row.values as unknown[]).slice(1));
  });
  return { csv, xlsx };
}

/** French CSV (`;`, double quotes around a field that needs them, CRLF) into rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** A draft activity of the programme officer's programme (FPS), in Q3 2023. */
async function draftOf(page: Page) {
  const res = await page.context().request.get(`${new URL(page.url()).origin}/trpc/programme.list`);
  const programmes = (
    (await res.json()) as { result: { data: { items: { id: string; code: string }[] } } }
  ).result.data.items;
  return {
    programmeId: programmes.find((p) => p.code === 'FPS')?.id,
    title: 'Causerie de la file d’attente',
    type: 'awareness',
    startDate: '2023-08-10',
    endDate: '2023-08-10',
    grantIds: [],
    participants: { total: { value: 12, qualifier: 'exact' }, cells: [] },
  };
}
