import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifacts, browserSuiteCanRun, chromiumSuite, waitForHydration } from '../src/browser';

/**
 * A network set up from nothing, in French at desktop width, as the M&E officer, through the pages
 * alone: a new donor, a new programme and a new grant with its framework of three levels; four
 * indicators built in the indicator builder (a count of dialogues in Mopti, the cumulative unique
 * people broken down by sex × age, the participations, and a formula over two of them); their
 * quarterly targets and baselines; two dialogues recorded with the activity form and their named
 * participants on the activity page; the quarter's narrative on the report page; then the generic
 * and the UNDP workbooks of that grant and quarter, downloaded from the page and read back.
 *
 * Every figure the workbooks are held to is computed here from what was typed: the people of the
 * attendance lists, the targets and baselines, the comments. None is copied from the app.
 *
 * Uses Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 */

const DONOR = { code: 'FONDS-SAHEL', name: 'Fonds sahélien pour la cohésion' };
const PROGRAMME = { code: 'DIAL-M', name: 'Dialogues de Mopti', nameEn: 'Mopti dialogues' };
const GRANT = 'FSC-2024-MOPTI';
const GRANT_TITLE = 'Dialogues pour la cohésion à Mopti';
const QUARTER = '2024-Q2';

type Sex = 'female' | 'male';
type Age = 'child' | 'youth' | 'adult';
interface Person {
  code: string;
  name: string;
  sex: Sex;
  age: Age;
}
const aminata: Person = { code: 'FSC-001', name: 'Aminata Diallo', sex: 'female', age: 'youth' };
const oumar: Person = { code: 'FSC-002', name: 'Oumar Cissé', sex: 'male', age: 'adult' };
const fatoumata: Person = { code: 'FSC-003', name: 'Fatoumata Touré', sex: 'female', age: 'adult' };
const moussa: Person = { code: 'FSC-004', name: 'Moussa Kanté', sex: 'male', age: 'youth' };
const kadiatou: Person = { code: 'FSC-005', name: 'Kadiatou Sangaré', sex: 'female', age: 'youth' };

/** The two dialogues, each with its named participants (Aminata and Fatoumata come back). */
const ACTIVITIES = [
  {
    title: 'Dialogue intercommunautaire à Sévaré',
    date: '2024-02-12',
    people: [aminata, oumar, fatoumata, moussa],
  },
  {
    title: 'Dialogue sur l’accès aux pâturages',
    date: '2024-05-06',
    people: [aminata, fatoumata, kadiatou],
  },
];

/** The four indicators, as typed in the builder. */
const IND = {
  dialogues: { code: 'FSC-DIALOGUES', title: 'Dialogues tenus dans la région de Mopti' },
  people: { code: 'FSC-PERSONNES', title: 'Personnes touchées par les dialogues' },
  participations: { code: 'FSC-PARTICIPATIONS', title: 'Participations aux dialogues' },
  average: { code: 'FSC-MOYENNE', title: 'Participants par dialogue' },
} as const;
type Key = keyof typeof IND;
const FORMULA = `{${IND.participations.code}} / {${IND.dialogues.code}}`;

/** Quarterly targets of 2024 and the baseline (of 2023), as typed in the targets page (French decimals). */
const TARGETS: Record<Key, { quarters: [string, string, string, string]; baseline: string }> = {
  dialogues: { quarters: ['1', '2', '2', '3'], baseline: '1' },
  people: { quarters: ['4', '8', '12', '16'], baseline: '3' },
  participations: { quarters: ['5', '6', '6', '8'], baseline: '2' },
  average: { quarters: ['3', '3', '3,5', '4'], baseline: '2,5' },
};
const QUARTER_LABELS = [
  '1er trimestre 2024',
  '2e trimestre 2024',
  '3e trimestre 2024',
  '4e trimestre 2024',
];
const typedNumber = (text: string) => Number(text.replace(',', '.'));

const COMMENTS: Record<Key, string> = {
  dialogues: 'Un dialogue par trimestre, à Sévaré puis à Konna.',
  people: 'Deux femmes sont revenues au second dialogue : elles ne comptent qu’une fois.',
  participations: 'Trois participants au dialogue sur les pâturages.',
  average: 'Moins de participants par dialogue qu’au premier trimestre.',
};
const ANALYSIS =
  'Le deuxième trimestre a réuni éleveurs et agriculteurs autour de l’accès aux pâturages.';

// --- What follows from what was typed --------------------------------------------------------

const QUARTERS = [
  { start: '2024-01-01', end: '2024-03-31' },
  { start: '2024-04-01', end: '2024-06-30' },
  { start: '2024-07-01', end: '2024-09-30' },
  { start: '2024-10-01', end: '2024-12-31' },
];
const inWindow = (start: string, end: string) =>
  ACTIVITIES.filter((a) => start <= a.date && a.date <= end);
/** The figures of a window of days, as the definitions typed in the builder read them. */
function expected(start: string, end: string, grantStart = '2024-01-01') {
  const activities = inWindow(start, end).length;
  // Each dialogue's « Participants au total » is its number of named participants.
  const participations = inWindow(start, end).reduce((n, a) => n + a.people.length, 0);
  // Cumulative: every person named from the grant's start to the window's end, once.
  const unique = new Map<string, Person>();
  for (const a of inWindow(grantStart, end)) for (const p of a.people) unique.set(p.code, p);
  const people = [...unique.values()];
  return {
    dialogues: activities,
    participations,
    people: people.length,
    average: activities === 0 ? null : participations / activities,
    bySex: (sex: Sex) => people.filter((p) => p.sex === sex).length,
    byAge: (age: Age) => people.filter((p) => p.age === age).length,
    cross: (sex: Sex, age: Age) => people.filter((p) => p.sex === sex && p.age === age).length,
  };
}
const q = QUARTERS.map((w) => expected(w.start, w.end));
const reportQuarter = q[1]!;
const yearToDate = expected('2024-01-01', '2024-06-30');
/**
 * The target of the year to the quarter's end (the workbooks' « exercice à date ») from the
 * quarters typed: the two quarters added up, except for a running total, whose target is that of
 * the quarter ending the same day.
 */
const toDateTarget = (key: Key) =>
  key === 'people'
    ? typedNumber(TARGETS[key].quarters[1])
    : typedNumber(TARGETS[key].quarters[0]) + typedNumber(TARGETS[key].quarters[1]);

/** The whole year's target by the same rule: the four quarters added up, a running total's Q4. */
const yearTarget = (key: Key) =>
  key === 'people'
    ? typedNumber(TARGETS[key].quarters[3])
    : TARGETS[key].quarters.reduce((sum, t) => sum + typedNumber(t), 0);

// --- Reading a workbook back ------------------------------------------------------------------

type Cell = string | number | null;
/**
 * A cell as a reader sees it: rich text as its text, empty as null, a formula by its cached result
 * or, when the workbook leaves it to the spreadsheet (the live sums and ratios), worked out here
 * from the cells it names: `SUM(E11,I11)` and `E11/D11`, the only two the workbooks write.
 */
function cellValue(sheet: ExcelJS.Worksheet, value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'object' && 'richText' in value)
    return value.richText.map((r) => r.text).join('');
  if (typeof value === 'object' && 'formula' in value) {
    if (value.result !== undefined && value.result !== null)
      return cellValue(sheet, value.result as ExcelJS.CellValue);
    const formula = value.formula ?? '';
    const ref = (address: string) => cellValue(sheet, sheet.getCell(address).value);
    const sum = /^SUM\(([A-Z]+\d+(?:,[A-Z]+\d+)*)\)$/.exec(formula);
    if (sum?.[1]) {
      const terms = sum[1].split(',').map(ref);
      return terms.every((t) => typeof t === 'number')
        ? terms.reduce<number>((a, t) => a + Number(t), 0)
        : null;
    }
    const ratio = /^([A-Z]+\d+)\/([A-Z]+\d+)$/.exec(formula);
    if (ratio?.[1] && ratio[2]) {
      const [n, d] = [ref(ratio[1]), ref(ratio[2])];
      return typeof n === 'number' && typeof d === 'number' && d !== 0 ? n / d : null;
    }
    throw new Error(`a formula this test does not read: ${formula}`);
  }
  return String(value as unknown);
}
function rowsOf(sheet: ExcelJS.Worksheet): Cell[][] {
  const rows: Cell[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: Cell[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellValue(sheet, row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

/**
 * An indicator sheet read as a table: its two header rows (period group, then measure) joined as
 * « group | measure » for each column, and the row of each indicator by its code.
 */
function indicatorTable(sheet: ExcelJS.Worksheet) {
  const rows = rowsOf(sheet);
  const top = rows.findIndex((r) => r.includes('Code'));
  expect(top, `the header row of « ${sheet.name} »`).toBeGreaterThan(-1);
  const group = rows[top] ?? [];
  const measure = rows[top + 1] ?? [];
  const headers = group.map((g, i) => `${g ?? ''} | ${measure[i] ?? ''}`);
  const codeColumn = group.indexOf('Code');
  const row = (code: string) => {
    const found = rows.find((r) => r[codeColumn] === code);
    expect(found, `the row of ${code} in « ${sheet.name} »`).toBeDefined();
    return found ?? [];
  };
  /** The value of a column whose header holds every word given. */
  const at = (code: string, ...words: string[]) => {
    const columns = headers.flatMap((h, i) => (words.every((w) => h.includes(w)) ? [i] : []));
    expect(
      columns,
      `one column of « ${sheet.name} » says ${words.join(' + ')}: ${headers.join(' ; ')}`,
    ).toHaveLength(1);
    return row(code)[columns[0] ?? -1] ?? null;
  };
  return { rows, headers, row, at };
}

async function download(page: Page, template: string, name: string): Promise<ExcelJS.Workbook> {
  const link = page.locator('a[data-download="xlsx"]');
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(file.suggestedFilename()).toBe(`${GRANT}_${QUARTER}_${template}_fr.xlsx`);
  const path = await file.path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  await file.saveAs(`${artifacts}${name}`);
  return workbook;
}

describe.runIf(browserSuiteCanRun)('setting up a grant from nothing, in Chromium', () => {
  const suite = chromiumSuite();
  const page = () => suite.page;
  const builder = () => page().locator('#formulaire');
  const workbooks: Partial<Record<'generic' | 'undp-quarterly', ExcelJS.Workbook>> = {};

  it('records a new donor, a new programme and a new grant for them', async () => {
    await page().goto(`${suite.jalon.url}/parametres/bailleurs`);
    await waitForHydration(page());
    await page().getByLabel('Code', { exact: true }).fill(DONOR.code);
    await page().getByLabel('Nom', { exact: true }).fill(DONOR.name);
    await page().getByRole('button', { name: 'Enregistrer' }).click();
    await page().waitForURL(new RegExp(`enregistre=${DONOR.code}`));

    await page().goto(`${suite.jalon.url}/parametres/programmes`);
    await waitForHydration(page());
    await page().getByLabel('Code', { exact: true }).fill(PROGRAMME.code);
    await page().getByLabel('Nom', { exact: true }).fill(PROGRAMME.name);
    await page().getByLabel('Nom en anglais').fill(PROGRAMME.nameEn);
    await page().getByRole('button', { name: 'Enregistrer' }).click();
    await page().waitForURL(new RegExp(`enregistre=${PROGRAMME.code}`));

    await page().goto(`${suite.jalon.url}/parametres/subventions`);
    await waitForHydration(page());
    await page().getByLabel('Code', { exact: true }).fill(GRANT);
    await page()
      .getByLabel('Bailleur', { exact: true })
      .selectOption({ label: `${DONOR.code} — ${DONOR.name}` });
    await page().getByLabel('Intitulé', { exact: true }).fill(GRANT_TITLE);
    await page().getByLabel('Date de début').fill('2024-01-01');
    await page().getByLabel('Date de fin').fill('2025-12-31');
    await page().getByLabel('Devise').fill('XOF');
    await page().getByLabel('Montant', { exact: true }).fill('8 000 000');
    await page().getByLabel('Début de l’exercice du bailleur').selectOption({ label: 'janvier' });
    await page().getByLabel('Modèle de rapport').selectOption('generic');
    await page().getByLabel(new RegExp(PROGRAMME.code)).check();
    await page().getByLabel('Unité opérationnelle (PNUD)').fill('MLI10');
    await page().getByRole('button', { name: 'Enregistrer' }).click();
    await page().waitForURL(new RegExp(`enregistre=${GRANT}`));
    const row = await page().locator(`tr[data-grant="${GRANT}"]`).innerText();
    expect(row).toContain(DONOR.name);
    expect(row).toMatch(/8\u202f000\u202f000 XOF/);
  });

  it('builds its framework of three levels: impact, outcome under it, output under that', async () => {
    await page()
      .locator(`tr[data-grant="${GRANT}"]`)
      .getByRole('link', { name: /Cadre de résultats/ })
      .click();
    await page().waitForURL(/\/parametres\/subventions\/[0-9a-f-]{36}$/);
    const nodes = [
      ['Impact', '(en tête de l’arbre)', 'IMP', 'La cohésion sociale progresse à Mopti'],
      ['Effet', 'Impact IMP', 'OC1', 'Éleveurs et agriculteurs règlent leurs différends'],
      ['Produit', 'Effet OC1', 'OP1', 'Des dialogues intercommunautaires sont tenus'],
    ] as const;
    for (const [level, parent, code, title] of nodes) {
      await waitForHydration(page());
      const form = page().locator('#formulaire');
      await form.getByLabel('Niveau').selectOption({ label: level });
      await form.getByLabel('Sous').selectOption({ label: parent });
      await form.getByLabel('Code', { exact: true }).fill(code);
      await form.getByLabel('Intitulé', { exact: true }).fill(title);
      await form.getByRole('button', { name: 'Ajouter' }).click();
      await page().waitForURL(new RegExp(`enregistre=${code}`));
    }
    expect(
      await page().locator('li[data-node="IMP"] li[data-node="OC1"] li[data-node="OP1"]').count(),
    ).toBe(1);
  });

  /** Opens the builder for a new indicator: code, title and node typed. */
  async function newIndicator(key: Key, node: string) {
    await page().goto(`${suite.jalon.url}/parametres/indicateurs`);
    await waitForHydration(page());
    await builder().getByLabel('Code', { exact: true }).fill(IND[key].code);
    await builder().getByLabel('Intitulé', { exact: true }).fill(IND[key].title);
    await builder().getByLabel('Cadre de résultats').selectOption({ label: node });
  }
  /** The source and what it counts, of the new programme's activities only. */
  async function counting(source: 'Activités' | 'Participation', measure: string) {
    await builder().getByLabel('Source', { exact: true }).selectOption({ label: source });
    await builder()
      .getByLabel(source === 'Activités' ? 'Activités comptées' : 'Participants comptés')
      .selectOption(measure);
    await builder()
      .locator('fieldset[data-filters]')
      .getByLabel(PROGRAMME.code, { exact: true })
      .check();
  }
  async function save(key: Key) {
    await builder().getByRole('button', { name: 'Enregistrer' }).click();
    await page().waitForURL(new RegExp(`enregistre=${IND[key].code}`));
    return page().locator(`tr[data-indicator="${IND[key].code}"]`).innerText();
  }
  const OP1 = 'Produit OP1 — Des dialogues intercommunautaires sont tenus';
  const OC1 = 'Effet OC1 — Éleveurs et agriculteurs règlent leurs différends';
  const IMP = 'Impact IMP — La cohésion sociale progresse à Mopti';

  it('builds a count of the programme’s dialogues in the region of Mopti, under the output', async () => {
    await newIndicator('dialogues', OP1);
    await counting('Activités', 'count');
    await builder()
      .locator('fieldset[data-filters]')
      .getByLabel('Dialogue', { exact: true })
      .check();
    const places = builder().locator('[data-filter-places]');
    await places.getByLabel('Chercher un lieu').fill('mopti');
    await places.getByLabel('Chercher un lieu').press('Enter');
    expect(await places.getByRole('button', { name: 'Retirer Mopti (Mali)' }).count()).toBe(1);
    const row = await save('dialogues');
    expect(row).toContain('Activités');
    expect(row).toContain('lieux\u202f: Mopti (Mali)');
    expect(row).toContain(`${GRANT} · Produit OP1`);
  });

  it('builds the cumulative unique people broken down by sex × age, under the outcome', async () => {
    await newIndicator('people', OC1);
    await counting('Participation', 'unique-people');
    await builder().getByLabel('Cumulatif').check();
    const breakdowns = builder().locator('fieldset').filter({ hasText: 'Ventilations' }).last();
    await breakdowns.getByLabel('sexe', { exact: true }).check();
    await breakdowns.getByLabel('tranche d’âge', { exact: true }).check();
    const row = await save('people');
    expect(row).toContain('cumulatif');
    expect(row).toContain('sexe');
    expect(row).toContain('tranche d’âge');
    expect(row).toContain(`${GRANT} · Effet OC1`);
  });

  it('builds the participations, under the output', async () => {
    await newIndicator('participations', OP1);
    await counting('Participation', 'participations');
    const row = await save('participations');
    expect(row).toContain('Participation');
    expect(row).not.toContain('cumulatif');
  });

  it('builds a formula over two of them, under the impact', async () => {
    await newIndicator('average', IMP);
    await builder()
      .getByLabel('Source', { exact: true })
      .selectOption({ label: 'Formule sur d’autres indicateurs' });
    await builder().getByLabel('Formule', { exact: true }).fill(FORMULA);
    const row = await save('average');
    expect(row).toContain('Formule');
    expect(row).toContain(`${GRANT} · Impact IMP`);
  });

  it('sets quarterly targets and a baseline for each of the four', async () => {
    await page().goto(`${suite.jalon.url}/parametres/subventions`);
    await page()
      .locator(`tr[data-grant="${GRANT}"]`)
      .getByRole('link', { name: /Cibles/ })
      .click();
    await page().waitForURL(/\/cibles/);
    const grid = page().locator('[data-targets]');
    for (const key of Object.keys(IND) as Key[]) {
      // The grid reloaded after a save: its choice of indicator is the page's once it runs.
      await waitForHydration(page());
      const choice = page().getByLabel('Indicateur', { exact: true });
      await choice.selectOption({ label: `${IND[key].code} — ${IND[key].title}` });
      const id = await choice.inputValue();
      await page().getByRole('button', { name: 'Afficher' }).click();
      await page().waitForURL(new RegExp(`indicateur=${id}(&|$)`));
      await grid.locator('caption', { hasText: IND[key].code }).waitFor();
      await waitForHydration(page());
      for (const [i, label] of QUARTER_LABELS.entries())
        await grid.getByLabel(label).fill(TARGETS[key].quarters[i] ?? '');
      await grid.getByLabel('Valeur de référence').fill(TARGETS[key].baseline);
      await grid.getByLabel('Année de référence').fill('2023');
      await grid.getByRole('button', { name: 'Enregistrer' }).click();
      await page().waitForURL(/enregistre=1/);
      expect(await grid.locator('caption').innerText()).toContain(IND[key].code);
      expect(await grid.getByLabel('4e trimestre 2024').inputValue()).toBe(
        TARGETS[key].quarters[3],
      );
      expect(await grid.getByLabel('Valeur de référence').inputValue()).toBe(TARGETS[key].baseline);
    }
  });

  it('records the two dialogues with the activity form, and their named participants', async () => {
    for (const activity of ACTIVITIES) {
      await page().goto(`${suite.jalon.url}/activites/nouvelle`);
      await waitForHydration(page());
      await page().getByLabel('Intitulé de l’activité').fill(activity.title);
      await page().getByLabel('Type d’activité').selectOption('dialogue');
      await page()
        .getByLabel('Programme', { exact: true })
        .selectOption({ label: `${PROGRAMME.name} (${PROGRAMME.code})` });
      await page().getByLabel('Date de début').fill(activity.date);
      await page()
        .getByLabel('Participants au total', { exact: true })
        .fill(String(activity.people.length));
      await page()
        .getByRole('checkbox', { name: new RegExp(GRANT) })
        .check();
      const search = page().getByRole('searchbox', { name: 'Chercher un lieu' });
      await search.fill('mopti');
      await search.press('Enter');
      expect(await page().getByRole('list', { name: 'Lieux choisis' }).innerText()).toContain(
        'Mopti',
      );
      await page().getByRole('button', { name: 'Enregistrer l’activité' }).click();
      await page().waitForURL(/\/activites\/[0-9a-f-]{36}/);
      await waitForHydration(page());

      const section = page().locator('[data-attendance]');
      for (const [i, person] of activity.people.entries()) {
        if (i > 0) await section.getByRole('button', { name: 'Ajouter une ligne' }).click();
        await page()
          .getByLabel(`Code ou pseudonyme, ligne ${i + 1}`)
          .fill(person.code);
        await page()
          .getByLabel(`Nom, ligne ${i + 1}`)
          .fill(person.name);
        await page()
          .getByLabel(`Sexe, ligne ${i + 1}`)
          .selectOption(person.sex);
        await page()
          .getByLabel(`Tranche d’âge, ligne ${i + 1}`)
          .selectOption(person.age);
      }
      await page().getByRole('button', { name: 'Enregistrer les participants' }).click();
      await page().waitForURL(/participants=1/);
      const list = section.locator('[data-attendance-list]');
      expect(await list.locator('caption').innerText()).toBe(
        `Participants nommés (${activity.people.length})`,
      );
      for (const person of activity.people)
        expect(await list.locator(`tr[data-person="${person.code}"]`).innerText()).toContain(
          person.name,
        );
    }
  });

  it('shows each indicator’s value on /indicateurs, the dialogues’ place filter said', async () => {
    await page().goto(`${suite.jalon.url}/indicateurs?period=${QUARTER}`);
    const row = (key: Key) => page().locator(`tr[data-indicator="${IND[key].code}"]`);
    expect(await row('dialogues').locator('[data-filter-places]').innerText()).toBe(
      'Lieu\u202f: Mopti et ce qui s’y trouve',
    );
    expect(await row('people').locator('[data-filter-places]').count()).toBe(0);
    const value = async (key: Key) =>
      Number(
        (await row(key).locator('[data-cell="value"]').innerText())
          .replace(/\s/g, '')
          .replace(',', '.'),
      );
    expect(await value('dialogues')).toBe(reportQuarter.dialogues);
    expect(await value('people')).toBe(reportQuarter.people);
    expect(await value('participations')).toBe(reportQuarter.participations);
    expect(await value('average')).toBe(reportQuarter.average);

    // The running total of people, by sex × age, from the attendance lists.
    const table = page().locator(`table[data-breakdown="${IND.people.code}"]`);
    const words = { female: 'Femmes', male: 'Hommes', youth: 'Jeunes', adult: 'Adultes' };
    for (const sex of ['female', 'male'] as const)
      for (const age of ['youth', 'adult'] as const) {
        const cell = table
          .locator('tbody tr')
          .filter({ has: page().locator('th', { hasText: words[sex] }) })
          .filter({ has: page().locator('th', { hasText: words[age] }) });
        expect(await cell.locator('td').first().innerText(), `${sex} × ${age}`).toBe(
          String(reportQuarter.cross(sex, age)),
        );
      }
    await page().screenshot({
      path: `${artifacts}setup-journey-indicators-fr.png`,
      fullPage: true,
    });
  });

  it('writes the quarter’s narrative on the report page: the analysis and a comment per indicator', async () => {
    await page().goto(
      `${suite.jalon.url}/rapports?grant=${GRANT}&period=${QUARTER}&template=generic`,
    );
    await waitForHydration(page());
    const narrative = page().locator('[data-narrative]');
    await narrative.getByLabel('Analyse du rapport').fill(ANALYSIS);
    for (const key of Object.keys(IND) as Key[])
      await narrative.getByLabel(`Commentaire sur ${IND[key].code}`).fill(COMMENTS[key]);
    await narrative.getByRole('button', { name: 'Enregistrer les commentaires' }).click();
    await page().waitForURL(/commente=5/);
    expect(await narrative.getByRole('status').innerText()).toMatch(/^5 commentaires/);
    expect(await narrative.getByLabel('Analyse du rapport').inputValue()).toBe(ANALYSIS);
  });

  it('downloads the generic workbook: values of each quarter, targets, baseline, narrative', async () => {
    const workbook = await download(page(), 'generic', 'setup-journey-generic.xlsx');
    workbooks.generic = workbook;
    const sheet = workbook.getWorksheet('Indicateurs');
    expect(sheet, 'the « Indicateurs » sheet').toBeDefined();
    if (!sheet) return;
    const table = indicatorTable(sheet);
    for (const key of Object.keys(IND) as Key[]) {
      const code = IND[key].code;
      expect(table.row(code)).toContain(IND[key].title);
      expect(table.at(code, 'référence')).toBe(typedNumber(TARGETS[key].baseline));
      for (const [i, label] of ['T1', 'T2', 'T3', 'T4'].entries())
        expect(table.at(code, label, 'Cible'), `${code} ${label}`).toBe(
          typedNumber(TARGETS[key].quarters[i] ?? ''),
        );
      expect(table.at(code, 'T1', 'Réalisé'), `${code} T1`).toBe(q[0]?.[key]);
      expect(table.at(code, 'T2', 'Réalisé'), `${code} T2`).toBe(q[1]?.[key]);
      expect(table.at(code, 'exercice', 'Cible'), `${code} year to date`).toBe(toDateTarget(key));
      expect(table.at(code, 'exercice', 'Réalisé'), `${code} year to date`).toBe(yearToDate[key]);
    }
    const breakdowns = rowsOf(workbook.getWorksheet('Ventilations') ?? sheet);
    const people = breakdowns.filter((r) => r[0] === IND.people.code);
    const category = (label: string) => people.find((r) => String(r[2]).startsWith(label))?.[3];
    expect(category('participants')).toBe(reportQuarter.people);
    expect(category('femmes')).toBe(reportQuarter.bySex('female'));
    expect(category('hommes')).toBe(reportQuarter.bySex('male'));
    expect(category('enfants')).toBe(reportQuarter.byAge('child'));
    expect(category('jeunes')).toBe(reportQuarter.byAge('youth'));
    expect(category('adultes')).toBe(reportQuarter.byAge('adult'));

    const narrative = rowsOf(workbook.getWorksheet('Commentaires') ?? sheet).map((r) =>
      r.join(' '),
    );
    expect(narrative.some((line) => line.includes(ANALYSIS))).toBe(true);
    for (const key of Object.keys(IND) as Key[]) {
      const line = narrative.find((l) => l.includes(IND[key].code));
      expect(line, `${IND[key].code}'s comment`).toContain(COMMENTS[key]);
    }
  });

  it('downloads the UNDP workbook: the quarter and the year, annual targets, baseline, analysis', async () => {
    await waitForHydration(page());
    await page().getByLabel('Modèle', { exact: true }).selectOption('undp-quarterly');
    await page().getByRole('button', { name: 'Voir l’aperçu' }).click();
    await page().waitForURL(/template=undp-quarterly/);
    await waitForHydration(page());
    const workbook = await download(page(), 'undp-quarterly', 'setup-journey-undp.xlsx');
    workbooks['undp-quarterly'] = workbook;
    const sheet = workbook.getWorksheet('Avancement des produits');
    expect(sheet, 'the « Avancement des produits » sheet').toBeDefined();
    if (!sheet) return;
    const table = indicatorTable(sheet);
    for (const key of Object.keys(IND) as Key[]) {
      const code = IND[key].code;
      expect(table.row(code)).toContain(IND[key].title);
      expect(table.at(code, 'référence')).toBe(typedNumber(TARGETS[key].baseline));
      // « Cible annuelle »: the whole year's; beside it the milestone, the year to the quarter's
      // end, as its header says (« Jalon à date (30 juin) »), which % and status are of.
      expect(table.at(code, 'Cible annuelle'), `${code} annual target`).toBe(yearTarget(key));
      expect(table.at(code, 'à date', 'Jalon'), `${code} milestone`).toBe(toDateTarget(key));
      expect(table.at(code, 'Réalisation du trimestre')).toBe(reportQuarter[key]);
      expect(table.at(code, 'Réalisé dans l')).toBe(yearToDate[key]);
      // Since the grant's start, which is this year's: the same figures.
      expect(table.at(code, 'Cumul depuis le début')).toBe(yearToDate[key]);
    }
    const analysis = rowsOf(workbook.getWorksheet('Analyse') ?? sheet).map((r) => r.join(' '));
    expect(analysis.some((line) => line.includes(ANALYSIS))).toBe(true);
    for (const key of Object.keys(IND) as Key[])
      expect(analysis.find((l) => l.includes(IND[key].code))).toContain(COMMENTS[key]);
  });
});
