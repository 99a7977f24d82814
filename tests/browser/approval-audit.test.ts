import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  artifacts,
  browserSuiteCanRun,
  chromiumSuite,
  demoAccounts,
  frenchPage,
  openActivityFromList,
  waitForHydration,
} from '../src/browser';

/**
 * Approval, report submission and the audit trail, in a real browser on the real server with the
 * bulletin's demo data. The M&E officer sends a validated activity of PROSMED-CCSC back to draft
 * (a rejection without a reason is refused first) and submits it; validating her own submission is
 * refused (separation of duties) and the manager validates it; she submits the grant's
 * 2023-Q2 report after a confirmation that says the period will be locked, and sees the period
 * locked, by her, with the submitted workbook to download; editing the activity is then refused
 * with the lock's message; the audit trail shows each of those moves. UNDP's donor viewer sees
 * none of these buttons and no audit trail.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 */

const TITLE = 'Forum de Bamako, 23e édition';
/** What Chromium logs when a refused form post is answered with its page and a 4xx status. */
const refusedLoad =
  'Failed to load resource: the server responded with a status of 400 (Bad Request)';

describe.runIf(browserSuiteCanRun)(
  'approval, report submission and audit trail in Chromium',
  () => {
    const suite = chromiumSuite();

    /** The address of the activity the journey moves, found from the list of Q2 2023. */
    const activityUrl = () => openActivityFromList(suite.page, suite.jalon.url, TITLE);

    const approval = (target: Page) => target.locator('[data-approval]');
    const statusOf = (target: Page) => approval(target).locator('[data-status-badge]').innerText();

    // One journey, one test: each move starts from the status the move before it left, the
    // report locks the period for good, and the audit trail lists those moves in order.
    // A long journey (seven steps on the real server): more time than one page's test.
    it(
      'moves an activity back to draft and to validated, submits the report: period locked, edit and delete refused, all audited',
      { timeout: 180_000 },
      async () => {
        // Step: rejects a validated activity: refused without a reason, back to draft with one.
        const activity = await activityUrl();
        await waitForHydration(suite.page);
        expect(await statusOf(suite.page)).toBe('Validée');
        expect(await approval(suite.page).getByRole('button', { name: 'Valider' }).count()).toBe(0);

        await approval(suite.page).getByRole('button', { name: 'Rejeter' }).click();
        const summary = suite.page.locator('[data-error-summary]');
        await expect.poll(() => summary.count()).toBe(1);
        expect(await summary.innerText()).toContain('Indiquez le motif du rejet.');
        expect(await statusOf(suite.page)).toBe('Validée');
        // The refused post is answered with the page and status 400, which Chromium logs: that only.
        expect(suite.pageErrors).toEqual([refusedLoad]);
        suite.pageErrors.splice(0);

        await suite.page
          .getByLabel('Motif du rejet')
          .fill('Le nombre de panélistes est à vérifier.');
        await approval(suite.page).getByRole('button', { name: 'Rejeter' }).click();
        await expect.poll(() => suite.page.url()).toMatch(/approbation=reject/);
        expect(await approval(suite.page).getByRole('status').innerText()).toBe(
          'Activité rejetée\u202f: elle revient en brouillon.',
        );
        expect(await statusOf(suite.page)).toBe('Brouillon');

        // Step: submits it for approval; she is offered neither « Valider » nor « Rejeter » on her
        // own submission (separation of duties: the page says why), and the manager validates it.
        await approval(suite.page)
          .getByRole('button', { name: 'Soumettre pour validation' })
          .click();
        await suite.page.waitForURL(/approbation=submit/);
        expect(await statusOf(suite.page)).toBe('Soumise');
        expect(await approval(suite.page).getByRole('status').innerText()).toBe(
          'Activité soumise pour validation.',
        );
        for (const name of ['Valider', 'Rejeter'])
          expect(await approval(suite.page).getByRole('button', { name }).count(), name).toBe(0);
        expect(await approval(suite.page).locator('[data-own-submission]').innerText()).toBe(
          'Vous avez soumis cette activité\u202f: une autre personne doit la valider.',
        );
        expect(suite.pageErrors).toEqual([]);
        const manager = await frenchPage(suite.browser, suite.jalon.url, demoAccounts.manager);
        try {
          await manager.page.goto(activity);
          await waitForHydration(manager.page);
          await approval(manager.page).getByRole('button', { name: 'Valider' }).click();
          await manager.page.waitForURL(/approbation=validate/);
          expect(await statusOf(manager.page)).toBe('Validée');
          expect(manager.errors).toEqual([]);
        } finally {
          await manager.page.close();
        }
        await suite.page.goto(activity);
        expect(await statusOf(suite.page)).toBe('Validée');
        expect(await suite.page.locator('dd[data-status]').innerText()).toBe('Validée');
        expect(suite.pageErrors).toEqual([]);

        // Step: submits the grant’s report after a confirmation, and shows the period locked.
        await suite.page.goto(`${suite.jalon.url}/rapports?grant=PROSMED-CCSC&period=2023-Q2`);
        const section = suite.page.locator('[data-submission]');
        expect(await section.innerText()).toContain('pas encore été soumis');
        await section.getByRole('button', { name: 'Soumettre le rapport au bailleur' }).click();
        // The confirmation is a page of its own (`?soumettre`), built with the report's preview:
        // wait for it rather than for expect.poll's one second.
        await suite.page.waitForURL(/[?&]soumettre/);
        const confirm = suite.page.locator('[data-confirm]');
        await expect.poll(() => confirm.count()).toBe(1);
        expect(await confirm.innerText()).toContain('la période sera verrouillée');
        await suite.page.screenshot({
          path: `${artifacts}report-submit-confirm.png`,
          fullPage: true,
        });
        await confirm
          .getByRole('button', { name: 'Confirmer\u202f: soumettre et verrouiller la période' })
          .click();
        await suite.page.waitForURL(/soumis=1/);

        expect(await section.getByRole('status').innerText()).toBe(
          'Rapport soumis au bailleur\u202f: la période est verrouillée.',
        );
        const locked = section.locator('[data-locked]');
        expect(await locked.innerText()).toContain(
          'Période 2e trimestre 2023 verrouillée pour PROSMED-CCSC',
        );
        expect(await locked.locator('[data-submitted-at]').innerText()).toMatch(
          /^Rapport soumis le \d{1,2}(er)? \S+ \d{4} à \d{2}:\d{2} UTC par suivi@wanep-mali\.demo$/,
        );
        expect(
          await section.getByRole('button', { name: 'Soumettre le rapport au bailleur' }).count(),
        ).toBe(0);
        const href = await locked.locator('a[data-download="snapshot"]').getAttribute('href');
        expect(href).toMatch(/^\/api\/reports\/snapshot\?id=[0-9a-f-]{36}&lang=fr$/);
        const file = await suite.page.context().request.get(`${suite.jalon.url}${href}`);
        expect(file.status()).toBe(200);
        expect(file.headers()['content-type']).toBe(
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        );
        expect(file.headers()['content-disposition']).toContain(
          'PROSMED-CCSC_2023-Q2_undp-quarterly_fr_soumis.xlsx',
        );
        await suite.page.screenshot({
          path: `${artifacts}report-submitted-locked.png`,
          fullPage: true,
        });

        // Step: refuses an edit of the activity in the locked period, with a clear message.
        await suite.page.goto(`${activity}/modifier`);
        await waitForHydration(suite.page);
        await suite.page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
        // The refusal is shown beside what the server holds (the locked-period comparison, where
        // only « take theirs » is offered), with the API's message in words.
        // The save asks for warnings first, then sends the update: wait for the refusal's answer.
        const refusal = suite.page.locator('[data-conflict]');
        await expect.poll(() => refusal.count(), { timeout: 15_000 }).toBe(1);
        expect(await refusal.getByRole('button', { name: 'Garder ma version' }).count()).toBe(0);
        expect(await refusal.innerText()).toContain(
          'La période 2023-Q2 de la subvention PROSMED-CCSC est verrouillée par un rapport soumis : rien n’a été modifié.',
        );
        expect(new URL(suite.page.url()).pathname).toMatch(/\/modifier$/);
        expect(suite.pageErrors).toEqual([]);

        // Step: refuses a delete of the activity in the locked period too: the page says why, and
        // the activity is still there.
        await suite.page.goto(`${activity}/supprimer`);
        await waitForHydration(suite.page);
        await suite.page.getByRole('checkbox', { name: 'Je confirme la suppression' }).check();
        await suite.page.getByRole('button', { name: 'Supprimer définitivement' }).click();
        await suite.page
          .getByText('La suppression a été refusée, rien n’a été supprimé')
          .waitFor({ timeout: 15_000 });
        expect(await suite.page.locator('body').innerText()).toContain(
          'La période 2023-Q2 de la subvention PROSMED-CCSC est verrouillée',
        );
        // The refused form post is logged by the browser as a failed load: that one is expected.
        const logged = suite.pageErrors.splice(0);
        expect(logged.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
        const still = await suite.page.goto(activity);
        expect(still?.status()).toBe(200);

        // Step: opens the audit trail from the navigation: every move, newest first, by the officer.
        await suite.page.goto(`${suite.jalon.url}/tableau-de-bord`);
        await suite.page
          .getByRole('navigation', { name: 'Navigation principale' })
          .getByRole('link', { name: 'Journal' })
          .click();
        await suite.page.waitForURL(/\/journal$/);
        const rows = suite.page.locator('[data-table="audit"] tbody tr');
        const actions = await rows.evaluateAll((trs) =>
          trs
            .slice(0, 5)
            .map((tr) => `${tr.getAttribute('data-action')} ${tr.getAttribute('data-entity')}`),
        );
        expect(actions).toEqual([
          // The submission writes its report and its lock in one go (same instant, either order).
          ...(actions[0] === 'lock period_lock'
            ? ['lock period_lock', 'submit report']
            : ['submit report', 'lock period_lock']),
          'validate activity',
          'submit activity',
          'reject activity',
        ]);
        // The validation is the manager's: not the officer who submitted it.
        expect(await rows.nth(2).innerText()).toContain('direction@wanep-mali.demo');
        const rejection = await rows.nth(4).innerText();
        expect(rejection).toContain('suivi@wanep-mali.demo');
        expect(rejection).toContain('Rejet');
        expect(rejection).toContain(TITLE);
        expect(rejection).toContain('Le nombre de panélistes est à vérifier.');
        expect(await rows.filter({ hasText: 'Rapport soumis' }).first().innerText()).toContain(
          'PROSMED-CCSC · 2023-Q2',
        );

        // One record's history: the activity's three moves only.
        await rows.nth(2).getByRole('link', { name: 'Historique de cet enregistrement' }).click();
        await suite.page.waitForURL(/entity=activity&record=/);
        expect(
          await suite.page
            .locator('[data-table="audit"] tbody tr')
            .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action'))),
        ).toEqual(['validate', 'submit', 'reject']);
        await suite.page.screenshot({ path: `${artifacts}audit-trail.png`, fullPage: true });

        // The same page in English.
        await suite.page.goto(`${suite.jalon.url}/en/audit-trail?entity=report`);
        expect(await suite.page.getByRole('heading', { level: 1 }).innerText()).toBe('Audit trail');
        expect(
          await suite.page.locator('[data-table="audit"] tbody tr').first().innerText(),
        ).toContain('Submitted report');
        expect(suite.pageErrors).toEqual([]);

        // Step: UNDP's donor viewer sees the lock, and no button to submit.
        const { page: donor } = await frenchPage(
          suite.browser,
          suite.jalon.url,
          demoAccounts.donor,
        );
        try {
          await donor.goto(`${suite.jalon.url}/rapports?grant=PROSMED-CCSC&period=2023-Q2`);
          const section = donor.locator('[data-submission]');
          expect(await section.locator('[data-locked]').innerText()).toContain(
            'verrouillée pour PROSMED-CCSC',
          );
          expect(await section.getByRole('button').count()).toBe(0);
        } finally {
          await donor.close();
        }
      },
    );

    it('shows UNDP’s donor viewer the status, but no button and no audit trail', async () => {
      const { page: donor } = await frenchPage(suite.browser, suite.jalon.url, demoAccounts.donor);
      try {
        await donor.goto(await activityUrl());
        expect(await statusOf(donor)).toBe('Validée');
        for (const name of ['Soumettre pour validation', 'Valider', 'Rejeter'])
          expect(await donor.getByRole('button', { name }).count()).toBe(0);
        const nav = donor.getByRole('navigation', { name: 'Navigation principale' });
        expect(await nav.getByRole('link', { name: 'Rapports' }).count()).toBe(1);
        expect(await nav.getByRole('link', { name: 'Journal' }).count()).toBe(0);

        await donor.goto(`${suite.jalon.url}/rapports?grant=PROSMED-CCSC&period=2023-Q2`);
        expect(await donor.locator('[data-submission]').getByRole('button').count()).toBe(0);

        const refused = await donor.goto(`${suite.jalon.url}/journal`);
        expect(refused?.status()).toBe(403);
        expect(await donor.locator('main').innerText()).toMatch(/rôle ne permet pas/);
      } finally {
        await donor.close();
      }
    });

    it('validates several activities at once from « À valider », naming each refusal', async () => {
      const page = suite.page;
      // Two validated activities of Q2 2023 go back to draft and are submitted again by the officer.
      await page.goto(`${suite.jalon.url}/activites?period=2023-Q2&status=validated`);
      const rows = page.locator('table.data tbody tr').filter({ hasNotText: TITLE });
      const picked: { id: string; title: string }[] = [];
      for (const i of [0, 1]) {
        const row = rows.nth(i);
        const href = await row.getByRole('link', { name: 'Voir la fiche' }).getAttribute('href');
        picked.push({
          id: href?.split('/').pop() ?? '',
          title: (await row.locator('.title').innerText()).trim(),
        });
      }
      for (const { id } of picked) {
        await page.goto(`${suite.jalon.url}/activites/${id}`);
        await page.locator('#approval-reason').fill('Chiffres à revoir avant validation.');
        await approval(page).getByRole('button', { name: 'Rejeter' }).click();
        await page.waitForURL(/approbation=reject/);
        await approval(page).getByRole('button', { name: 'Soumettre pour validation' }).click();
        await page.waitForURL(/approbation=submit/);
        expect(await approval(page).locator('[data-own-submission]').count()).toBe(1);
      }
      const queue = `${suite.jalon.url}/activites?period=2023-Q2&status=submitted`;
      const tick = (target: Page, id: string) =>
        target.locator(`input[name="activity"][aria-describedby="activity-${id}"]`).check();

      // Her own submissions: both refused, each by its title, nothing validated.
      await page.goto(queue);
      for (const { id } of picked) await tick(page, id);
      await page.getByRole('button', { name: 'Valider la sélection' }).click();
      const result = page.locator('[data-bulk-result]');
      await expect.poll(() => result.count()).toBe(1);
      const said = await result.innerText();
      expect(said).toContain('2 activités n’ont pas été validées');
      for (const { title } of picked) expect(said).toContain(title);
      expect(said).toContain('séparation des tâches');
      suite.pageErrors.splice(0); // the refused post answers 403, as it should

      // The manager validates both in one post, and the list says so.
      const manager = await frenchPage(suite.browser, suite.jalon.url, demoAccounts.manager);
      try {
        await manager.page.goto(queue);
        for (const { id } of picked) await tick(manager.page, id);
        await manager.page.getByRole('button', { name: 'Valider la sélection' }).click();
        await manager.page.waitForURL(/validees=2/);
        expect(await manager.page.locator('[data-bulk-done]').innerText()).toBe(
          '2 activités validées.',
        );
        for (const { id } of picked)
          expect(await manager.page.locator(`#activity-${id}`).count()).toBe(0);
        expect(manager.errors).toEqual([]);
      } finally {
        await manager.page.close();
      }
    });
  },
);
