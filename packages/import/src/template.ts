import ExcelJS from 'exceljs';
import { mappingProfile, type ImportKind, type MappingProfile } from './profile';
import type { ReferenceData } from './rows';

/** One column of an import template: its French header, what it feeds, how to fill it. */
export interface TemplateColumn {
  header: string;
  target: { field: string } | { cell: Record<string, string> };
  required: boolean;
  /** What the instructions sheet says of the column. */
  help: string;
  /** A drop-down list: fixed values, or the organisation's programmes, places, grants or indicators. */
  list?: readonly string[] | 'programmes' | 'places' | 'grants' | 'indicators';
}

const ACTIVITY_TYPE_LABELS = [
  'Formation',
  'Atelier',
  'Webinaire',
  'Dialogue',
  'Sensibilisation',
  'Plaidoyer',
  'Réunion',
  'Recherche',
  'Conférence',
  'Cérémonie',
] as const;

const COUNT_HELP = 'un nombre, « environ 50 » ou « plus de 325 » ; vide si inconnu';

/** The breakdown cell of a target or an entered value: blank columns for the total. */
const BREAKDOWN_COLUMNS: readonly TemplateColumn[] = [
  {
    header: 'Sexe',
    target: { field: 'sex' },
    required: false,
    help: 'vide pour le total ; sinon choisir dans la liste',
    list: ['Femme', 'Homme'],
  },
  {
    header: 'Tranche d’âge',
    target: { field: 'age' },
    required: false,
    help: 'vide pour le total ; sinon choisir dans la liste',
    list: ['Enfant', 'Jeune', 'Adulte'],
  },
  {
    header: 'Handicap',
    target: { field: 'disability' },
    required: false,
    help: 'vide pour le total ; Oui pour les personnes en situation de handicap',
    list: ['Oui', 'Non'],
  },
];

/** The columns of each kind's template: the one definition the template and its profile come from. */
export const TEMPLATE_COLUMNS: Record<ImportKind, readonly TemplateColumn[]> = {
  activities: [
    {
      header: 'Identifiant',
      target: { field: 'externalId' },
      required: true,
      help: 'un code unique par ligne (A-2023-001…) : réimporter le fichier met à jour ces lignes au lieu de les dupliquer',
    },
    { header: 'Titre', target: { field: 'title' }, required: true, help: '3 à 300 caractères' },
    {
      header: 'Type',
      target: { field: 'type' },
      required: true,
      help: 'choisir dans la liste',
      list: ACTIVITY_TYPE_LABELS,
    },
    {
      header: 'Programme',
      target: { field: 'programme' },
      required: true,
      help: 'nom ou code du programme, choisir dans la liste',
      list: 'programmes',
    },
    { header: 'Date de début', target: { field: 'startDate' }, required: true, help: 'jj/mm/aaaa' },
    {
      header: 'Date de fin',
      target: { field: 'endDate' },
      required: false,
      help: 'jj/mm/aaaa ; vide pour une activité d’un jour',
    },
    {
      header: 'Lieux',
      target: { field: 'places' },
      required: false,
      help: 'un ou plusieurs lieux séparés par « ; » (ex. « Ségou; Mopti »)',
      list: 'places',
    },
    {
      header: 'Séances',
      target: { field: 'sessions' },
      required: false,
      help: 'nombre de séances ; 1 si vide',
    },
    {
      header: 'Participants',
      target: { cell: {} },
      required: false,
      help: `total des participants : ${COUNT_HELP}`,
    },
    { header: 'Femmes', target: { cell: { sex: 'female' } }, required: false, help: COUNT_HELP },
    { header: 'Hommes', target: { cell: { sex: 'male' } }, required: false, help: COUNT_HELP },
    {
      header: 'Jeunes (18–35 ans)',
      target: { cell: { age: 'youth' } },
      required: false,
      help: COUNT_HELP,
    },
    {
      header: 'Jeunes femmes',
      target: { cell: { sex: 'female', age: 'youth' } },
      required: false,
      help: COUNT_HELP,
    },
    {
      header: 'Résumé',
      target: { field: 'summary' },
      required: false,
      help: 'facultatif, 5 000 caractères au plus',
    },
  ],
  attendance: [
    {
      header: 'Activité',
      target: { field: 'activity' },
      required: true,
      help: 'l’identifiant de l’activité (colonne « Identifiant » des activités) ou son code Jalon',
    },
    {
      header: 'Code',
      target: { field: 'code' },
      required: true,
      help: 'code ou pseudonyme de la personne, le même d’une activité à l’autre',
    },
    { header: 'Nom', target: { field: 'displayName' }, required: false, help: 'facultatif' },
    {
      header: 'Sexe',
      target: { field: 'sex' },
      required: false,
      help: 'choisir dans la liste',
      list: ['Femme', 'Homme'],
    },
    {
      header: 'Tranche d’âge',
      target: { field: 'ageGroup' },
      required: false,
      help: 'choisir dans la liste, ou remplir « Âge »',
      list: ['Enfant', 'Jeune', 'Adulte'],
    },
    {
      header: 'Âge',
      target: { field: 'age' },
      required: false,
      help: 'en années ; donne la tranche d’âge si elle est vide',
    },
    {
      header: 'Handicap',
      target: { field: 'disability' },
      required: false,
      help: 'choisir dans la liste',
      list: ['Oui', 'Non'],
    },
    {
      header: 'Jour',
      target: { field: 'date' },
      required: false,
      help: 'jj/mm/aaaa : le jour de présence',
    },
  ],
  incidents: [
    {
      header: 'Identifiant',
      target: { field: 'externalId' },
      required: true,
      help: 'un code unique par incident : réimporter le fichier met à jour ces lignes au lieu de les dupliquer',
    },
    { header: 'Date', target: { field: 'date' }, required: true, help: 'jj/mm/aaaa' },
    {
      header: 'Domaine',
      target: { field: 'category' },
      required: true,
      help: 'choisir dans la liste',
      list: [
        'Criminalité organisée et extrémisme violent',
        'Démocratie et gouvernance',
        'Femme, paix et sécurité',
        'Sécurité environnementale',
      ],
    },
    { header: 'Morts', target: { field: 'deaths' }, required: false, help: 'un entier ; vide : 0' },
    {
      header: 'Blessés',
      target: { field: 'injuries' },
      required: false,
      help: 'un entier ; vide : 0',
    },
    {
      header: 'Vérifié',
      target: { field: 'verified' },
      required: false,
      help: 'choisir dans la liste',
      list: ['Oui', 'Non'],
    },
    {
      header: 'Lieu',
      target: { field: 'place' },
      required: false,
      help: 'choisir dans la liste',
      list: 'places',
    },
    {
      header: 'Programme',
      target: { field: 'programme' },
      required: false,
      help: 'choisir dans la liste',
      list: 'programmes',
    },
    {
      header: 'Description',
      target: { field: 'description' },
      required: false,
      help: 'facultatif',
    },
  ],
  targets: [
    {
      header: 'Nature',
      target: { field: 'nature' },
      required: false,
      help: 'Cible (par défaut) ou Référence (la valeur de référence de l’indicateur)',
      list: ['Cible', 'Référence'],
    },
    {
      header: 'Indicateur',
      target: { field: 'indicator' },
      required: true,
      help: 'le code de l’indicateur (ex. « IND-1.1 »)',
      list: 'indicators',
    },
    {
      header: 'Subvention',
      target: { field: 'grant' },
      required: false,
      help: 'code de la subvention : facultatif, vérifie que l’indicateur est bien le sien',
      list: 'grants',
    },
    {
      header: 'Période',
      target: { field: 'period' },
      required: true,
      help: 'pour une cible : 2024, 2024-Q2, 2024-S1, 2024-04, AF2024 (exercice de la subvention) ou LOG (durée de la subvention) ; pour une référence : l’année (2022)',
    },
    { header: 'Valeur', target: { field: 'value' }, required: true, help: 'un nombre' },
    ...BREAKDOWN_COLUMNS,
    {
      header: 'Date de référence',
      target: { field: 'date' },
      required: false,
      help: 'pour une référence seulement, facultatif : le jour de la mesure (jj/mm/aaaa), dans son année',
    },
  ],
  values: [
    {
      header: 'Indicateur',
      target: { field: 'indicator' },
      required: true,
      help: 'le code de l’indicateur saisi à la main (ex. « IND-2.1 »)',
      list: 'indicators',
    },
    {
      header: 'Période',
      target: { field: 'period' },
      required: true,
      help: '2024, 2024-Q2, 2024-S1, 2024-04 ou AF2024 (exercice de la subvention)',
    },
    ...BREAKDOWN_COLUMNS,
    {
      header: 'Valeur',
      target: { field: 'value' },
      required: true,
      help: 'un nombre (1 234,5 ou 1234.5), « environ 50 » ou « plus de 50 » pour une estimation',
    },
    {
      header: 'Note',
      target: { field: 'note' },
      required: false,
      help: 'facultatif : d’où vient la valeur (2 000 caractères au plus)',
    },
  ],
};

/** The data sheet's name per kind. */
export const TEMPLATE_SHEETS: Record<ImportKind, string> = {
  activities: 'Activités',
  attendance: 'Présences',
  incidents: 'Incidents',
  targets: 'Cibles',
  values: 'Valeurs saisies',
};

/** A text that cannot be taken for part of a CSV line (a delimiter, a quote or a line break in it) is quoted. */
function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The example row of a kind's template, one text per column, naming the organisation's own
 * programme, place and activity when it has them (so that the row reads back without an error).
 * Its identifier starts with « EXEMPLE »: the instructions say to replace the row.
 */
export function templateExample(kind: ImportKind, refs: ReferenceData = {}): string[] {
  const first = (list: ReferenceData['places'], fallback: string) =>
    list?.find((r) => r.names[0])?.names[0] ?? fallback;
  const programme = first(refs.programmes, 'Femme, paix et sécurité');
  const place = first(refs.places, 'Bamako');
  // A target for women on an indicator broken down by sex (one without sex has no women's cell).
  const named = refs.indicators?.filter((i) => i.names[0]) ?? [];
  const indicator = named.find((i) => i.dimensions.includes('sex')) ?? named[0];
  const examples: Record<ImportKind, Record<string, string>> = {
    activities: {
      Identifiant: 'EXEMPLE-001',
      Titre: 'Formation des moniteurs d’alerte précoce',
      Type: 'Formation',
      Programme: programme,
      'Date de début': '09/05/2023',
      'Date de fin': '10/05/2023',
      Lieux: place,
      Séances: '2',
      Participants: 'environ 50',
      Femmes: '20',
      'Jeunes (18–35 ans)': '30',
      Résumé: 'Ligne d’exemple\u202f: remplacez-la par vos activités.',
    },
    attendance: {
      Activité: first(refs.activities, 'EXEMPLE-001'),
      Code: 'P-0001',
      Nom: 'Participante 1',
      Sexe: 'Femme',
      'Tranche d’âge': 'Jeune',
      Handicap: 'Non',
    },
    targets: {
      Nature: 'Cible',
      Indicateur: indicator?.names[0] ?? 'IND-1',
      Subvention: refs.grants?.find((g) => g.id === indicator?.grant?.id)?.names[0] ?? '',
      Période: '2024',
      Valeur: '100',
      Sexe: !indicator || indicator.dimensions.includes('sex') ? 'Femme' : '',
    },
    values: {
      Indicateur: first(refs.indicators, 'IND-1'),
      Période: '2024-Q1',
      Valeur: '12,5',
      Note: 'Ligne d’exemple\u202f: remplacez-la par vos valeurs.',
    },
    incidents: {
      Identifiant: 'EXEMPLE-001',
      Date: '15/05/2023',
      Domaine: 'Démocratie et gouvernance',
      Morts: '0',
      Blessés: '2',
      Vérifié: 'Non',
      Lieu: place,
      Programme: programme,
      Description: 'Ligne d’exemple\u202f: remplacez-la par vos incidents.',
    },
  };
  return TEMPLATE_COLUMNS[kind].map((c) => examples[kind][c.header] ?? '');
}

/**
 * The same template as CSV, as French Excel writes it (« CSV (séparateur : point-virgule) »
 * in UTF-8): a byte-order mark, `;` between fields, CRLF; the headers and the example row.
 */
export function buildTemplateCsv(kind: ImportKind, refs: ReferenceData = {}): Uint8Array {
  const lines = [TEMPLATE_COLUMNS[kind].map((c) => c.header), templateExample(kind, refs)];
  const text = `\ufeff${lines.map((l) => l.map(csvField).join(';')).join('\r\n')}\r\n`;
  return new TextEncoder().encode(text);
}

/** The mapping profile that reads a filled template back: built from the same columns. */
export function templateProfile(kind: ImportKind): MappingProfile {
  return mappingProfile.parse({
    format: 1,
    name: `Modèle Jalon — ${TEMPLATE_SHEETS[kind]}`,
    kind,
    sheet: TEMPLATE_SHEETS[kind],
    headerRow: 1,
    columns: TEMPLATE_COLUMNS[kind].map((c) => ({
      source: c.header,
      target: c.target,
      ...(c.required ? {} : { optional: true }),
    })),
  });
}

const ROWS = 1000;

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26))
    s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/**
 * A fillable import template (xlsx): the data sheet with French headers and drop-down lists
 * (types, programmes, places, sex, age groups), an « Instructions » sheet, and a hidden « Listes »
 * sheet holding the lists.
 */
export async function buildTemplate(
  kind: ImportKind,
  refs: ReferenceData = {},
): Promise<Uint8Array> {
  const collator = new Intl.Collator('fr');
  const names = (list: ReferenceData['places']) =>
    [...new Set((list ?? []).map((r) => r.names[0] ?? ''))].filter(Boolean).sort(collator.compare);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jalon';
  const data = workbook.addWorksheet(TEMPLATE_SHEETS[kind], {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const help = workbook.addWorksheet('Instructions');
  const lists = workbook.addWorksheet('Listes', { state: 'hidden' });
  const columns = TEMPLATE_COLUMNS[kind];
  data.columns = columns.map((c) => ({
    header: c.header,
    width: Math.max(14, c.header.length + 4),
  }));
  data.getRow(1).font = { bold: true };
  data.addRow(templateExample(kind, refs));
  help.getColumn(1).width = 24;
  help.getColumn(2).width = 12;
  help.getColumn(3).width = 90;
  help.addRow([
    `Remplissez la feuille « ${TEMPLATE_SHEETS[kind]} », une ligne par ${{ activities: 'activité', attendance: 'personne et par jour', incidents: 'incident', targets: 'cible ou valeur de référence', values: 'valeur d’un indicateur, par période' }[kind]}. Ne renommez pas les en-têtes : Jalon lit les colonnes par leur nom. La ligne 2 est un exemple\u202f: remplacez-la.`,
  ]);
  help.addRow([]);
  help.addRow(['Colonne', 'Obligatoire', 'Comment la remplir']).font = { bold: true };
  for (const c of columns) help.addRow([c.header, c.required ? 'oui' : 'non', c.help]);
  let listColumn = 0;
  columns.forEach((c, i) => {
    if (!c.list) return;
    const values = typeof c.list === 'string' ? names(refs[c.list]) : [...c.list];
    if (values.length === 0) return;
    listColumn++;
    const letter = columnLetter(listColumn);
    lists.getCell(`${letter}1`).value = c.header;
    values.forEach((v, j) => (lists.getCell(`${letter}${j + 2}`).value = v));
    const target = columnLetter(i + 1);
    const validations = (
      data as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }
    ).dataValidations;
    validations.add(`${target}2:${target}${ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`Listes!$${letter}$2:$${letter}$${values.length + 1}`],
      // Places may hold several names (« Ségou; Mopti »): a warning, not a refusal.
      showErrorMessage: true,
      errorStyle: c.list === 'places' ? 'warning' : 'stop',
      errorTitle: c.header,
      error: 'Choisissez une valeur de la liste.',
    });
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
