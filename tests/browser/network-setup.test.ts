import ExcelJS from 'exceljs';
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
 * Setting up a network from the browser, in French, as the M&E officer:
 * a new donor, a new programme, a new grant with its calendar, currency, amount and donor codes,
 * a results framework of three levels (a wrong level refused in words), and the narrative of its
 * first quarter on the report page, which the downloaded UNDP workbook's « Analyse » sheet carries;
 * quarterly targets pasted from a spreadsheet, and a value entered by hand, submitted and validated
 * (by another person: separation of duties).
 * The removal of a donor still named by grants is refused with what uses it. The English pages
 * live under /en/settings.
 *
 * The indicators under the framework are created through the API (the indicator builder is
 * not built yet); everything else is typed in the pages, as a person would: targets for everyone
 * and for a breakdown cell (young women), one removed.
 *
 * One story: its steps run in order, each starting on the page the one before left and using
 * what it recorded (the donor, the grant, its framework and indicators).
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 */
describe.runIf(browserSuiteCanRun)('setting up a network in Chromium', () => {
  const suite = chromiumSuite();
  const page = () => suite.page;
  const status = () => page().getByRole('status').first();
  const summary = () => page().locator('[data-error-summary]');
  /** A refused save answers with its HTTP status, which Chromium logs once: expected, and only it. */
  const refusedWith = (status: number) =>
    expect(suite.pageErrors.splice(0)).toEqual([expect.stringContaining(`status of ${status}`)]);

  const GRANT = 'FONDATION-PAIX-2024';
  const COMMENT = 'Trois dialogues communautaires ont réuni les chefs de quartier de Mopti.';
  const ANALYSIS =
    'Le premier trimestre a posé les bases : comités de jeunes installés dans deux communes.';

  it('opens the set-up section from its one navigation entry', async () => {
    await page().goto(`${suite.jalon.url}/tableau-de-bord`);
    await page()
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Paramètres' })
      .click();
    await page().waitForURL(/\/parametres$/);
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Paramètres');
    await page().getByRole('link', { name: 'Bailleurs', exact: true }).click();
    await page().waitForURL(/\/parametres\/bailleurs$/);
  });

  it('records a donor, and refuses to remove one that grants still name', async () => {
    await page().getByLabel('Code', { exact: true }).fill('FONDATION-X');
    await page().getByLabel('Nom', { exact: true }).fill('Fondation pour la paix');
    await page().getByRole('button', { name: 'Enregistrer' }).click();
    await page().waitForURL(/enregistre=FONDATION-X/);
    expect(await status().innerText()).toBe('«\u202fFONDATION-X\u202f» est enregistré.');
    expect(await page().locator('tr[data-donor="FONDATION-X"]').innerText()).toContain(
      'Fondation pour la paix',
    );

    await page()
      .locator('tr[data-donor="PNUD"]')
      .getByRole('button', { name: /Supprimer/ })
      .click();
    await summary().waitFor();
    const refusal = await summary().innerText();
    expect(refusal).toContain('La suppression a été refusée');
    expect(refusal).toMatch(/\d+ subventions?/);
    expect(await page().locator('tr[data-donor="PNUD"]').count()).toBe(1);
    await refusedWith(409);
  });

  it('opens a programme', async () => {
    await page().goto(`${suite.jalon.url}/parametres/programmes`);
    await page().getByLabel('Code', { exact: true }).fill('PAIX-J');
    await page().getByLabel('Nom', { exact: true }).fill('Paix et jeunesse');
    await page().getByLabel('Nom en anglais').fill('Peace and youth');
    await page().getByRole('button', { name: 'Enregistrer' }).click();
    await page().waitForURL(/enregistre=PAIX-J/);
    expect(await page().locator('tr[data-programme="PAIX-J"]').innerText()).toContain(
      'Paix et jeunesse',
    );
  });

  it('records a grant, an end before its start refused and what was typed kept', async () => {
    await page().goto(`${suite.jalon.url}/parametres/subventions`);
    await page().getByLabel('Code', { exact: true }).fill(GRANT);
    await page()
      .getByLabel('Bailleur', { exact: true })
      .selectOption({ label: 'FONDATION-X — Fondation pour la paix' });
    await page().getByLabel('Intitulé', { exact: true }).fill('Jeunes artisans de paix');
    await page().getByLabel('Intitulé en anglais').fill('Young peacebuilders');
    await page().getByLabel('Date de début').fill('2024-01-01');
    await page().getByLabel('Date de fin').fill('2023-12-31');
    await page().getByLabel('Devise').fill('XOF');
    await page().getByLabel('Montant', { exact: true }).fill('12 500 000');
    await page().getByLabel('Début de l’exercice du bailleur').selectOption({ label: 'janvier' });
    await page().getByLabel('Modèle de rapport').selectOption('undp-quarterly');
    await page()
      .getByLabel(/PAIX-J/)
      .check();
    await page().getByLabel('Unité opérationnelle (PNUD)').fill('MLI10');
    await page().getByLabel('Référence du bailleur (numéro d’accord)').fill('FX-2024-07');
    await page().getByRole('button', { name: 'Enregistrer' }).click();

    await summary().waitFor();
    expect(await summary().innerText()).toContain('La date de fin précède la date de début.');
    expect(await page().getByLabel('Intitulé', { exact: true }).inputValue()).toBe(
      'Jeunes artisans de paix',
    );
    expect(await page().getByLabel('Montant', { exact: true }).inputValue()).toBe('12 500 000');
    expect(
      await page()
        .getByLabel(/PAIX-J/)
        .isChecked(),
    ).toBe(true);

    await page().getByLabel('Date de fin').fill('2025-12-31');
    await page().getByRole('button', { name: 'Enregistrer' }).click();
    await page().waitForURL(/enregistre=FONDATION-PAIX-2024/);
    const row = await page().locator(`tr[data-grant="${GRANT}"]`).innerText();
    expect(row).toContain('Fondation pour la paix');
    expect(row).toMatch(/12\u202f500\u202f000 XOF/);
    await refusedWith(400);
  });

  it('builds its results framework: impact, outcome, output; a wrong level refused in words', async () => {
    await page()
      .locator(`tr[data-grant="${GRANT}"]`)
      .getByRole('link', { name: /Cadre de résultats/ })
      .click();
    await page().waitForURL(/\/parametres\/subventions\/[0-9a-f-]{36}$/);
    const addNode = async (level: string, parent: string, code: string, title: string) => {
      const form = page().locator('#formulaire');
      await form.getByLabel('Niveau').selectOption({ label: level });
      await form.getByLabel('Sous').selectOption({ label: parent });
      await form.getByLabel('Code', { exact: true }).fill(code);
      await form.getByLabel('Intitulé', { exact: true }).fill(title);
      await form.getByRole('button', { name: 'Ajouter' }).click();
    };
    await addNode('Impact', '(en tête de l’arbre)', 'IMP', 'La paix durable à Mopti');
    await page().waitForURL(/enregistre=IMP/);
    await addNode('Effet', 'Impact IMP', 'OC1', 'Les jeunes règlent les conflits');
    await page().waitForURL(/enregistre=OC1/);

    await addNode('Produit', 'Impact IMP', 'OP1', 'Jeunes formés à la médiation');
    await summary().waitFor();
    expect(await summary().innerText()).toContain(
      'Un produit se range sous un effet, pas sous un impact (IMP).',
    );
    expect(
      await page().locator('#formulaire').getByLabel('Code', { exact: true }).inputValue(),
    ).toBe('OP1');
    await page().locator('#formulaire').getByLabel('Sous').selectOption({ label: 'Effet OC1' });
    await page().locator('#formulaire').getByRole('button', { name: 'Ajouter' }).click();
    await page().waitForURL(/enregistre=OP1/);

    const tree = page().locator('li[data-node="IMP"]');
    expect(await tree.locator('li[data-node="OC1"] li[data-node="OP1"]').count()).toBe(1);
    await refusedWith(400);

    // Moving a node: under an impact an output is refused in words; under another outcome it goes.
    const move = async (code: string, under: string) => {
      const node = page().locator(`li[data-node="${code}"]`);
      const form = node.locator('details[data-move]').first();
      // A refused move comes back with its form open.
      if ((await form.getAttribute('open')) === null) await form.locator('summary').click();
      await form.getByLabel('Placer sous').selectOption({ label: under });
      await form.getByRole('button', { name: `Déplacer ${code}` }).click();
    };
    await addNode('Effet', 'Impact IMP', 'OC2', 'Les femmes siègent dans les comités');
    await page().waitForURL(/enregistre=OC2/);
    await move('OP1', 'Impact IMP');
    await summary().waitFor();
    expect(await summary().innerText()).toContain(
      'Un produit se range sous un effet, pas sous un impact (IMP).',
    );
    await refusedWith(400);
    await move('OP1', 'Effet OC2');
    await page().waitForURL(/enregistre=OP1/);
    expect(await tree.locator('li[data-node="OC2"] li[data-node="OP1"]').count()).toBe(1);
    await move('OP1', 'Effet OC1');
    await tree.locator('li[data-node="OC1"] li[data-node="OP1"]').waitFor();
    expect(await tree.locator('li[data-node="OC2"] li[data-node="OP1"]').count()).toBe(0);
    await page().screenshot({ path: `${artifacts}network-setup-framework-fr.png`, fullPage: true });
  });

  it('sets its targets and writes the quarter’s narrative, which the UNDP workbook’s « Analyse » sheet carries', async () => {
    // The indicator under OP1, through the API with the page's session (no builder yet).
    const nodeId = await page()
      .locator('li[data-node="OP1"] input[name="id"]')
      .first()
      .getAttribute('value');
    const created = await page().request.post(`${suite.jalon.url}/trpc/indicator.create`, {
      headers: { origin: suite.jalon.url },
      data: {
        code: 'JAP-DIALOGUES',
        title: 'Dialogues communautaires tenus',
        titleEn: 'Community dialogues held',
        unit: 'number',
        direction: 'higher-is-better',
        timeRule: 'sum',
        cumulative: false,
        source: { kind: 'activities', measure: 'count', filter: { programmes: ['PAIX-J'] } },
        nodeId,
      },
    });
    expect(created.status(), await created.text()).toBe(200);

    // Quarterly targets pasted from a spreadsheet, the life-of-grant target beside their sum.
    await page().goto(`${suite.jalon.url}/parametres/subventions`);
    await page()
      .locator(`tr[data-grant="${GRANT}"]`)
      .getByRole('link', { name: /Cibles/ })
      .click();
    await page().waitForURL(/\/cibles$/);
    const grid = page().locator('[data-targets]');
    expect(await grid.locator('tbody tr').count()).toBe(8);
    await grid.getByLabel('Coller une colonne depuis un tableur').fill('5\t5\t5\t5\t5\t5\t5\t5');
    await grid.getByLabel('Cible pour la durée de la subvention').fill('50');
    await grid.getByLabel('Valeur de référence').fill('2');
    await grid.getByLabel('Année de référence').fill('2023');
    await grid.getByRole('button', { name: 'Enregistrer' }).click();
    await page().waitForURL(/enregistre=1/);
    expect(await grid.getByLabel('1er trimestre 2024').inputValue()).toBe('5');
    expect(await grid.locator('tr[data-sum] td').first().innerText()).toBe('40');
    expect(await grid.locator('[data-sum-differs]').innerText()).toContain(
      'La somme des trimestres (40) diffère de la cible pour la durée de la subvention (50)',
    );

    await page().goto(`${suite.jalon.url}/rapports?grant=${GRANT}&period=2024-Q1`);
    const narrative = page().locator('[data-narrative]');
    await narrative.getByLabel('Commentaire sur JAP-DIALOGUES').fill(COMMENT);
    await narrative.getByLabel('Analyse du rapport').fill(ANALYSIS);
    await narrative.getByRole('button', { name: 'Enregistrer les commentaires' }).click();
    await page().waitForURL(/commente=2/);
    expect(await narrative.getByRole('status').innerText()).toMatch(/^2 commentaires/);
    expect(await narrative.getByLabel('Analyse du rapport').inputValue()).toBe(ANALYSIS);
    expect(await narrative.getByLabel('Commentaire sur JAP-DIALOGUES').inputValue()).toBe(COMMENT);
    const previewRow = page().locator('tr[data-indicator="JAP-DIALOGUES"]');
    expect(await previewRow.locator('[data-cell="target"]').innerText()).toBe('5');
    expect(await previewRow.locator('[data-cell="baseline"]').innerText()).toBe('2');

    const link = page().locator('a[data-download="xlsx"]');
    const [download] = await Promise.all([page().waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`${GRANT}_2024-Q1_undp-quarterly_fr.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.getWorksheet('Analyse');
    expect(sheet, 'the « Analyse » sheet').toBeDefined();
    const rows: string[][] = [];
    sheet!.eachRow((row) => rows.push((row.values as unknown[]).map((v) => String(v ?? ''))));
    // The report's own analysis, typed on the report page, under « Résumé ».
    expect(rows.some((r) => r.includes(ANALYSIS))).toBe(true);
    const line = rows.find((r) => r.includes('JAP-DIALOGUES'));
    expect(line).toContain(COMMENT);
    expect(line).toContain('Dialogues communautaires tenus');
    await page().screenshot({ path: `${artifacts}network-setup-narrative-fr.png`, fullPage: true });
  });
  it('sets the women’s targets of an indicator broken down by sex × age, and removes one', async () => {
    await page().goto(`${suite.jalon.url}/parametres/subventions`);
    await page()
      .locator(`tr[data-grant="${GRANT}"]`)
      .getByRole('link', { name: /Cadre de résultats/ })
      .click();
    await page().waitForURL(/\/parametres\/subventions\/[0-9a-f-]{36}$/);
    const nodeId = await page()
      .locator('li[data-node="OP1"] input[name="id"]')
      .first()
      .getAttribute('value');
    const created = await page().request.post(`${suite.jalon.url}/trpc/indicator.create`, {
      headers: { origin: suite.jalon.url },
      data: {
        code: 'JAP-PERSONNES',
        title: 'Personnes touchées',
        titleEn: 'People reached',
        unit: 'number',
        direction: 'higher-is-better',
        timeRule: 'sum',
        cumulative: true,
        source: {
          kind: 'participation',
          measure: 'unique-people',
          filter: { programmes: ['PAIX-J'] },
        },
        dimensions: ['sex', 'age'],
        nodeId,
      },
    });
    expect(created.status(), await created.text()).toBe(200);
    const { result } = (await created.json()) as { result: { data: { id: string } } };

    await page().goto(`${suite.jalon.url}/parametres/subventions`);
    await page()
      .locator(`tr[data-grant="${GRANT}"]`)
      .getByRole('link', { name: /Cibles/ })
      .click();
    await page().waitForURL(/\/cibles$/);
    await page().getByLabel('Indicateur').selectOption(result.data.id);
    await page().getByRole('button', { name: 'Afficher' }).click();
    await page().waitForURL(/indicateur=/);
    await page().getByLabel('Cellule de ventilation').selectOption({ label: 'Femmes · Jeunes' });
    await page().getByRole('button', { name: 'Afficher' }).click();
    await page().waitForURL(/cellule=/);
    const grid = page().locator('[data-targets]');
    expect(await grid.locator('caption').innerText()).toContain('Femmes · Jeunes');
    await grid.getByLabel('1er trimestre 2024').fill('12');
    await grid.getByLabel('2e trimestre 2024').fill('15');
    await grid.getByRole('button', { name: 'Enregistrer' }).click();
    await page().waitForURL(/enregistre=1/);
    expect(await grid.getByLabel('2e trimestre 2024').inputValue()).toBe('15');
    expect(await grid.locator('tr[data-sum] td').first().innerText()).toBe('27');

    // Everyone's grid does not show the cell's targets.
    const cellGrid = page()
      .url()
      .replace(/&enregistre=1/, '');
    await page().goto(cellGrid.replace(/&cellule=[^&]*/, ''));
    expect(await grid.getByLabel('1er trimestre 2024').inputValue()).toBe('');

    await page().goto(cellGrid);
    await grid.getByRole('button', { name: /Supprimer 2e trimestre 2024/ }).click();
    await page().waitForURL(/supprime=1/);
    expect(await status().innerText()).toBe('La cible est supprimée.');
    expect(await grid.getByLabel('2e trimestre 2024').inputValue()).toBe('');
    expect(await grid.getByLabel('1er trimestre 2024').inputValue()).toBe('12');
  });

  it('enters a value by hand for a manual indicator, submits and validates it', async () => {
    const nodeId = await (async () => {
      await page().goto(`${suite.jalon.url}/parametres/subventions`);
      await page()
        .locator(`tr[data-grant="${GRANT}"]`)
        .getByRole('link', { name: /Cadre de résultats/ })
        .click();
      await page().waitForURL(/\/parametres\/subventions\/[0-9a-f-]{36}$/);
      return page().locator('li[data-node="OC1"] > details input[name="id"]').getAttribute('value');
    })();
    const created = await page().request.post(`${suite.jalon.url}/trpc/indicator.create`, {
      headers: { origin: suite.jalon.url },
      data: {
        code: 'JAP-CONFIANCE',
        title: 'Score de confiance des jeunes',
        titleEn: 'Youth trust score',
        unit: 'number',
        direction: 'higher-is-better',
        timeRule: 'latest',
        cumulative: false,
        source: { kind: 'manual' },
        nodeId,
      },
    });
    expect(created.status(), await created.text()).toBe(200);

    await page().getByRole('link', { name: 'Valeurs saisies' }).click();
    await page().waitForURL(/\/valeurs$/);
    const entry = page().locator('#formulaire');
    await entry
      .getByLabel('Indicateur')
      .selectOption({ label: 'JAP-CONFIANCE — Score de confiance des jeunes' });
    await entry.getByLabel('Période').selectOption('2024-Q1');
    await entry.getByLabel('Précision').selectOption('approximate');
    await entry.getByLabel('Valeur').fill('62,5');
    await entry.getByRole('button', { name: 'Enregistrer la valeur' }).click();
    await page().waitForURL(/saisie=1/);
    const row = page().locator('tr[data-value="JAP-CONFIANCE 2024-Q1"]');
    expect(await row.locator('td.num').innerText()).toBe('environ 62,5');
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('draft');

    await row.getByRole('button', { name: /Soumettre pour validation/ }).click();
    await page().waitForURL(/fait=submit/);
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('submitted');
    // Separation of duties: who submitted it does not validate it; the network admin does.
    const valuesPage = page().url().replace(/\?.*$/, '');
    const admin = await frenchPage(suite.browser, suite.jalon.url, demoAccounts.admin);
    try {
      await admin.page.goto(valuesPage);
      const adminRow = admin.page.locator('tr[data-value="JAP-CONFIANCE 2024-Q1"]');
      await adminRow.getByRole('button', { name: /^Valider/ }).click();
      await admin.page.waitForURL(/fait=validate/);
      expect(await adminRow.locator('[data-status]').getAttribute('data-status')).toBe('validated');
      expect(await admin.page.getByRole('status').first().innerText()).toBe('Valeur validée.');
    } finally {
      await admin.page.close();
    }
    await page().goto(valuesPage);
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('validated');
  });

  it('browses the places, finds Ségou typed without accents, adds a cercle, renames and moves it', async () => {
    await page().goto(`${suite.jalon.url}/parametres`);
    await page().getByRole('link', { name: 'Lieux', exact: true }).click();
    await page().waitForURL(/\/parametres\/lieux$/);
    await page()
      .locator('tr[data-place="ML"]')
      .getByRole('link', { name: /Ouvrir/ })
      .click();
    await page().waitForURL(/sous=/);
    expect(await page().locator('tr[data-place="ML-MOPTI"]').count()).toBe(1);

    await page().getByLabel('Chercher un lieu par son nom').fill('segou');
    await page().getByRole('button', { name: 'Chercher' }).click();
    await page().waitForURL(/recherche=segou/);
    expect(await page().locator('tr[data-place="ML-SEGOU"] td').first().innerText()).toBe('Ségou');

    // Into Mopti: a new cercle, a wrong code refused and what was typed kept.
    await page().goto(`${suite.jalon.url}/parametres/lieux`);
    await page()
      .locator('tr[data-place="ML"]')
      .getByRole('link', { name: /Ouvrir/ })
      .click();
    await page().waitForURL(/sous=/);
    await page()
      .locator('tr[data-place="ML-MOPTI"]')
      .getByRole('link', { name: /Ouvrir/ })
      .click();
    const form = page().locator('#formulaire');
    await form.getByRole('heading', { name: 'Nouveau lieu dans Mopti' }).waitFor();
    await form.getByLabel('Code', { exact: true }).fill('ML YOUWAROU');
    await form.getByLabel('Nom', { exact: true }).fill('Youwarou');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await summary().waitFor();
    expect(await summary().innerText()).toContain('Le code s’écrit en lettres majuscules');
    await refusedWith(400);
    expect(await form.getByLabel('Nom', { exact: true }).inputValue()).toBe('Youwarou');
    await form.getByLabel('Code', { exact: true }).fill('ml-youwarou');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page().waitForURL(/enregistre=ML-YOUWAROU/);
    expect(await page().locator('tr[data-place="ML-YOUWAROU"]').count()).toBe(1);

    // Renamed, then moved under Ségou: it leaves Mopti.
    await page()
      .locator('tr[data-place="ML-YOUWAROU"]')
      .getByRole('link', { name: /Modifier/ })
      .click();
    await page().waitForURL(/modifier=/);
    await form.getByLabel('Nom', { exact: true }).fill('Youwarou (cercle)');
    await form.getByLabel('Placé sous').selectOption({ label: 'Ségou (ML-SEGOU)' });
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page().waitForURL(
      (u) => !u.search.includes('modifier') && u.search.includes('enregistre'),
    );
    expect(await page().locator('tr[data-place="ML-YOUWAROU"]').count()).toBe(0);
    await page().getByLabel('Chercher un lieu par son nom').fill('youwarou');
    await page().getByRole('button', { name: 'Chercher' }).click();
    await page().waitForURL(/recherche=youwarou/);
    expect(await page().locator('tr[data-place="ML-YOUWAROU"] td').first().innerText()).toBe(
      'Youwarou (cercle)',
    );
    await page().goto(`${suite.jalon.url}/en/settings/places?recherche=youwarou`);
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Places');
    expect(await page().locator('tr[data-place="ML-YOUWAROU"]').count()).toBe(1);
  });

  it('as network admin, invites a programme officer limited to one programme, who signs in, chooses her own password and sees only that programme', async () => {
    const admin = await frenchPage(suite.browser, suite.jalon.url, demoAccounts.admin);
    let password = '';
    try {
      await admin.page.goto(`${suite.jalon.url}/parametres`);
      await admin.page.getByRole('link', { name: 'Utilisateurs et rôles', exact: true }).click();
      await admin.page.waitForURL(/\/parametres\/utilisateurs$/);
      const form = admin.page.locator('#formulaire');
      await form.getByLabel('Adresse e-mail').fill('Mariam.Keita@example.org');
      await form.getByLabel('Nom', { exact: true }).fill('Mariam Keïta');
      await form.getByLabel('Rôle').selectOption({ label: 'chargé(e) de programme' });
      await form.getByRole('button', { name: 'Enregistrer' }).click();
      await admin.page.locator('[data-error-summary]').waitFor();
      expect(await admin.page.locator('[data-error-summary]').innerText()).toContain(
        'Cochez au moins un programme pour un chargé de programme.',
      );
      expect(admin.errors.splice(0)).toEqual([expect.stringContaining('status of 400')]);
      expect(await form.getByLabel('Adresse e-mail').inputValue()).toBe('Mariam.Keita@example.org');
      await form.getByLabel(/PAIX-J/).check();
      await form.getByRole('button', { name: 'Enregistrer' }).click();
      const invited = admin.page.locator('[data-invited]');
      await invited.waitFor();
      expect(await invited.innerText()).toContain('mariam.keita@example.org a maintenant accès');
      password = (await invited.locator('[data-password]').innerText()).trim();
      expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
      const row = admin.page.locator('tr[data-user="mariam.keita@example.org"]');
      expect(await row.innerText()).toContain('PAIX-J');

      // The last admin cannot be deactivated, said in words.
      await admin.page
        .locator('tr[data-user="admin@wanep-mali.demo"]')
        .getByRole('button', { name: /Désactiver/ })
        .click();
      await admin.page.locator('[data-error-summary]').waitFor();
      expect(await admin.page.locator('[data-error-summary]').innerText()).toContain(
        'dernier administrateur du réseau',
      );
      expect(admin.errors.splice(0)).toEqual([expect.stringContaining('status of 400')]);
    } finally {
      await admin.page.close();
    }

    const context = await suite.browser.newContext({ locale: 'fr-FR' });
    try {
      const login = await context.request.post(`${suite.jalon.url}/api/auth/login`, {
        data: { email: 'mariam.keita@example.org', password },
        headers: { origin: suite.jalon.url },
      });
      expect(login.status(), await login.text()).toBe(200);
      const officer = await context.newPage();
      // An account just opened: the API answers nothing but the password change…
      const refused = await officer.request.get(`${suite.jalon.url}/trpc/programme.list`);
      expect(refused.status()).toBe(403);
      expect(await refused.text()).toContain('Votre mot de passe est temporaire');
      // …and every page sends her to choose her own first.
      await officer.goto(`${suite.jalon.url}/tableau-de-bord`);
      await officer.waitForURL(/\/mot-de-passe\?obligatoire=1/);
      await waitForHydration(officer);
      const chosen = 'les pirogues de Mopti au matin';
      await officer.getByLabel('Mot de passe actuel').fill(password);
      await officer.getByLabel('Nouveau mot de passe', { exact: true }).fill(chosen);
      await officer.getByLabel('Nouveau mot de passe, une seconde fois').fill(chosen);
      await officer.getByRole('button', { name: 'Changer le mot de passe' }).click();
      await officer.waitForURL(/change=0/);
      const programmes = await officer.request.get(`${suite.jalon.url}/trpc/programme.list`);
      const body = (await programmes.json()) as {
        result: { data: { items: { code: string }[] } };
      };
      expect(body.result.data.items.map((p) => p.code)).toEqual(['PAIX-J']);
      await officer.goto(`${suite.jalon.url}/tableau-de-bord`);
      expect(await officer.getByRole('heading', { level: 1 }).count()).toBe(1);
      expect(await officer.locator('main').innerText()).not.toContain('CCS-C');
    } finally {
      await context.close();
    }
  });

  it('says the set-up pages in English under /en/settings', async () => {
    await page().goto(`${suite.jalon.url}/en/settings/donors`);
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Donors');
    expect(await page().locator('tr[data-donor="FONDATION-X"]').count()).toBe(1);
    await page().goto(`${suite.jalon.url}/en/settings`);
    await page().getByRole('link', { name: 'Grants', exact: true }).last().click();
    await page().waitForURL(/\/en\/settings\/grants$/);
    expect(await page().getByRole('heading', { level: 2, name: 'New grant' }).count()).toBe(1);
  });
});
