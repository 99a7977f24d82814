import {
  DEFAULT_DIMENSIONS,
  parseCount,
  parseNumber,
  splitQualifier,
  type Count,
  type LocalizedText,
  type Qualifier,
} from '@jalon/domain';
import type { RowIssueCode } from './issues';
import { closestNames, normalizeName } from './names';
import { cellText, type CellValue } from './table';

/** A cell read by a transform: its value (null when blank), or why it could not be read. */
export type Read<T> =
  | { ok: true; value: T | null }
  | { ok: false; code: RowIssueCode; message: LocalizedText; suggestions?: string[] };

const blank = <T>(): Read<T> => ({ ok: true, value: null });
const value = <T>(v: T): Read<T> => ({ ok: true, value: v });
const fail = <T>(code: RowIssueCode, fr: string, en: string, suggestions?: string[]): Read<T> => ({
  ok: false,
  code,
  message: { fr, en },
  ...(suggestions ? { suggestions } : {}),
});

function isBlank(cell: CellValue): boolean {
  return cellText(cell).trim() === '';
}

function cellError<T>(cell: CellValue): Read<T> | null {
  if (typeof cell === 'object' && cell !== null && 'error' in cell)
    return fail(
      'cell-error',
      `la cellule contient l’erreur ${cell.error} (sa formule ne donne pas de valeur)`,
      `the cell holds the error ${cell.error} (its formula gives no value)`,
    );
  return null;
}

/** Text, trimmed, spaces collapsed; numbers and dates as their text. */
export function readText(cell: CellValue): Read<string> {
  const e = cellError<string>(cell);
  if (e) return e;
  const text = cellText(cell).replace(/\s+/g, ' ').trim();
  return text === '' ? blank() : value(text);
}

/**
 * A decimal number: a number cell as is, text in French (`1 234,5`) or English (`1,234.5`).
 * @example readNumber('1 234,5') // { ok: true, value: 1234.5 }
 */
export function readNumber(cell: CellValue): Read<number> {
  const e = cellError<number>(cell);
  if (e) return e;
  if (typeof cell === 'number') return value(cell);
  if (isBlank(cell)) return blank();
  const text = cellText(cell).trim();
  const n = parseNumber(text);
  return n === null
    ? fail('not-a-number', `« ${text} » n’est pas un nombre`, `"${text}" is not a number`)
    : value(n);
}

/**
 * A value typed by hand with its qualifier, the count's words on a decimal number: `12,5`,
 * `environ 50`, `≈ 50`, `plus de 50`, `≥ 50`, `au moins 1 234,5` (a number cell: exact).
 * @example readQualifiedNumber('environ 50') // { ok: true, value: { value: 50, qualifier: 'approximate' } }
 */
export function readQualifiedNumber(
  cell: CellValue,
): Read<{ value: number; qualifier: Qualifier }> {
  const e = cellError<{ value: number; qualifier: Qualifier }>(cell);
  if (e) return e;
  if (typeof cell === 'number') return value({ value: cell, qualifier: 'exact' });
  if (isBlank(cell)) return blank();
  const text = cellText(cell).trim();
  const { qualifier, rest } = splitQualifier(text);
  const n = rest === '' ? null : parseNumber(rest);
  return n === null
    ? fail(
        'not-a-number',
        `« ${text} » n’est pas un nombre (12,5, « environ 50 », « plus de 50 »)`,
        `"${text}" is not a number (12.5, "about 50", "more than 50")`,
      )
    : value({ value: n, qualifier });
}

/**
 * A participant count, with the domain's rule: `40`, `1 200`, `environ 50`, `≈ 50`,
 * `plus de 325`, `≥ 325`; a number cell must be whole.
 */
export function readCount(cell: CellValue): Read<Count> {
  const e = cellError<Count>(cell);
  if (e) return e;
  const text = typeof cell === 'number' ? String(cell) : cellText(cell);
  const parsed = parseCount(text);
  if (parsed.ok) return parsed.count ? value(parsed.count) : blank();
  const t = text.trim();
  switch (parsed.reason) {
    case 'negative':
      return fail('count-negative', `« ${t} » est négatif`, `"${t}" is negative`);
    case 'fractional':
      return fail('count-fractional', `« ${t} » n’est pas entier`, `"${t}" is not whole`);
    case 'too-large':
      return fail('count-too-large', `« ${t} » est trop grand`, `"${t}" is too large`);
    default:
      return fail(
        'count-unreadable',
        `« ${t} » n’est pas un effectif (40, « environ 50 », « plus de 325 »)`,
        `"${t}" is not a count (40, "about 50", "more than 325")`,
      );
  }
}

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

function isoOf(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return null;
  return d.toISOString().slice(0, 10);
}

/**
 * The calendar date of an Excel serial number. 1900 system: day 1 is 1900-01-01 and Excel
 * counts a 29 February 1900 that never was (serial 60, refused), so from serial 61 on the
 * epoch is 1899-12-30. 1904 system (old Mac workbooks): day 0 is 1904-01-01.
 * @example excelSerialToIso(45023) // '2023-04-07'
 */
export function excelSerialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  const days = Math.floor(serial + 1e-9);
  let epoch: number;
  if (date1904) epoch = Date.UTC(1904, 0, 1);
  else if (days === 60 || days === 0) return null;
  else epoch = days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(epoch + days * 86_400_000).toISOString().slice(0, 10);
}

/** How a date column may be written; a serial is read in the workbook's date system. */
export interface DateOptions {
  /** The workbook counts from 1904 (read from the file, never guessed). */
  date1904?: boolean;
  /** Bare numbers in a text file (CSV) read as Excel serials; default yes. */
  serials?: boolean;
}

/**
 * A date: a date cell; text as `jj/mm/aaaa` (also `-` or `.`, two-digit years as 20xx) or ISO
 * `aaaa-mm-jj`; a number as an Excel serial in the workbook's system. Years 1990–2100.
 * @example readDate('09/05/2023') // { ok: true, value: '2023-05-09' }
 */
export function readDate(cell: CellValue, options: DateOptions = {}): Read<string> {
  const e = cellError<string>(cell);
  if (e) return e;
  if (isBlank(cell)) return blank();
  let iso: string | null = null;
  const text = cellText(cell).trim();
  if (typeof cell === 'object' && cell !== null && 'date' in cell) iso = cell.date;
  else if (typeof cell === 'number' || /^\d{4,6}(\.\d+)?$/.test(text)) {
    if (options.serials !== false) iso = excelSerialToIso(Number(text), options.date1904);
  } else {
    const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
    const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(text);
    if (dmy) {
      const y = Number(dmy[3]);
      iso = isoOf(y < 100 ? 2000 + y : y, Number(dmy[2]), Number(dmy[1]));
    } else if (ymd) iso = isoOf(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  }
  if (iso === null)
    return fail(
      'not-a-date',
      `« ${text} » n’est pas une date (jj/mm/aaaa)`,
      `"${text}" is not a date (dd/mm/yyyy)`,
    );
  const year = Number(iso.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR)
    return fail(
      'date-out-of-range',
      `${iso} est hors des années ${MIN_YEAR}–${MAX_YEAR}`,
      `${iso} is outside the years ${MIN_YEAR}–${MAX_YEAR}`,
    );
  return value(iso);
}

/** A choice map: what people write (any case, accents ignored) → the code it means. */
export type ChoiceMap = Record<string, string>;

/** A dimension's codes and its French and English labels, each to its code. */
function codesAndLabels(dimension: string): ChoiceMap {
  const categories = DEFAULT_DIMENSIONS.find((d) => d.code === dimension)?.categories ?? [];
  return Object.fromEntries(
    categories.flatMap((c) => [
      [c.code, c.code],
      [c.label.fr, c.code],
      [c.label.en, c.code],
    ]),
  );
}

/** The choice maps every profile starts from; a profile's own map adds to them. */
export const DEFAULT_CHOICES = {
  sex: {
    f: 'female',
    femme: 'female',
    femmes: 'female',
    feminin: 'female',
    female: 'female',
    woman: 'female',
    fille: 'female',
    h: 'male',
    m: 'male',
    homme: 'male',
    hommes: 'male',
    masculin: 'male',
    male: 'male',
    man: 'male',
    garcon: 'male',
    ...codesAndLabels('sex'),
  },
  age: {
    enfant: 'child',
    enfants: 'child',
    child: 'child',
    jeune: 'youth',
    jeunes: 'youth',
    youth: 'youth',
    '18 35': 'youth',
    '18 35 ans': 'youth',
    adulte: 'adult',
    adultes: 'adult',
    adult: 'adult',
    ...codesAndLabels('age'),
  },
  disability: {
    oui: 'with',
    yes: 'with',
    o: 'with',
    y: 'with',
    '1': 'with',
    handicap: 'with',
    'avec handicap': 'with',
    'en situation de handicap': 'with',
    non: 'without',
    no: 'without',
    n: 'without',
    '0': 'without',
    'sans handicap': 'without',
    ...codesAndLabels('disability'),
  },
  category: {
    'societe civile': 'civil-society',
    osc: 'civil-society',
    etat: 'state',
    etatique: 'state',
    fds: 'security-forces',
    'forces de securite': 'security-forces',
    'leader traditionnel': 'traditional-leader',
    'leader religieux': 'traditional-leader',
    'chef traditionnel': 'traditional-leader',
    media: 'media',
    journaliste: 'media',
    autre: 'other',
    ...codesAndLabels('category'),
  },
  activityType: {
    formation: 'training',
    training: 'training',
    atelier: 'workshop',
    workshop: 'workshop',
    webinaire: 'webinar',
    webinar: 'webinar',
    dialogue: 'dialogue',
    sensibilisation: 'awareness',
    awareness: 'awareness',
    plaidoyer: 'lobbying',
    lobbying: 'lobbying',
    reunion: 'meeting',
    rencontre: 'meeting',
    meeting: 'meeting',
    recherche: 'research',
    etude: 'research',
    research: 'research',
    conference: 'conference',
    forum: 'conference',
    ceremonie: 'ceremony',
    ceremony: 'ceremony',
  },
  /** The four domains of the early-warning register. */
  incidentCategory: {
    'organised-crime-violent-extremism': 'organised-crime-violent-extremism',
    'democracy-governance': 'democracy-governance',
    'women-peace-security': 'women-peace-security',
    'environmental-security': 'environmental-security',
    'criminalite organisee et extremisme violent': 'organised-crime-violent-extremism',
    'criminalite organisee': 'organised-crime-violent-extremism',
    'extremisme violent': 'organised-crime-violent-extremism',
    'organised crime and violent extremism': 'organised-crime-violent-extremism',
    'democratie et gouvernance': 'democracy-governance',
    gouvernance: 'democracy-governance',
    'democracy and governance': 'democracy-governance',
    'femme paix et securite': 'women-peace-security',
    'femmes paix et securite': 'women-peace-security',
    'women peace and security': 'women-peace-security',
    'securite environnementale': 'environmental-security',
    environnement: 'environmental-security',
    'environmental security': 'environmental-security',
  },
  /** What a targets row sets: a target for a period, or the indicator's baseline. */
  targetNature: {
    cible: 'target',
    objectif: 'target',
    target: 'target',
    reference: 'baseline',
    'valeur de reference': 'baseline',
    'situation de reference': 'baseline',
    base: 'baseline',
    baseline: 'baseline',
  },
  yesNo: {
    oui: 'true',
    o: 'true',
    yes: 'true',
    y: 'true',
    vrai: 'true',
    true: 'true',
    '1': 'true',
    verifie: 'true',
    non: 'false',
    n: 'false',
    no: 'false',
    faux: 'false',
    false: 'false',
    '0': 'false',
  },
  role: {
    organisateur: 'organiser',
    organisatrice: 'organiser',
    organiser: 'organiser',
    'co organisateur': 'co-organiser',
    'co organiser': 'co-organiser',
    participant: 'participant',
  },
} satisfies Record<string, ChoiceMap>;

/** A named set of {@link DEFAULT_CHOICES}. */
export type ChoiceSet = keyof typeof DEFAULT_CHOICES;

/**
 * One of a set of codes, through a choice map (keys compared without accents or case): « F »,
 * « Femme », « female » → `female`.
 */
export function readChoice(cell: CellValue, map: ChoiceMap): Read<string> {
  const e = cellError<string>(cell);
  if (e) return e;
  if (isBlank(cell)) return blank();
  const text = cellText(cell).trim();
  const code = choiceIndex(map).get(normalizeName(text));
  if (code !== undefined) return value(code);
  const known = [...new Set(Object.keys(map))];
  const suggestions = closestNames(text, known);
  return fail(
    'unknown-choice',
    `« ${text} » n’est pas une valeur reconnue${suggestions.length ? ` (vouliez-vous dire ${suggestions.map((s) => `« ${s} »`).join(', ')} ?)` : ''}`,
    `"${text}" is not a recognised value${suggestions.length ? ` (did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?)` : ''}`,
    suggestions,
  );
}

const choiceIndexes = new WeakMap<ChoiceMap, Map<string, string>>();

/** A choice map with its keys normalized, built once per map object (a file reads it per cell). */
function choiceIndex(map: ChoiceMap): Map<string, string> {
  let index = choiceIndexes.get(map);
  if (!index) {
    index = new Map(Object.entries(map).map(([k, v]) => [normalizeName(k), v]));
    choiceIndexes.set(map, index);
  }
  return index;
}

/** A set's built-in map with a profile's own choices added, one object per pair (for the cache). */
const mergedChoices = new WeakMap<ChoiceMap, Map<ChoiceSet, ChoiceMap>>();

export function choicesFor(set: ChoiceSet, extra?: ChoiceMap): ChoiceMap {
  if (!extra) return DEFAULT_CHOICES[set];
  let bySet = mergedChoices.get(extra);
  if (!bySet) {
    bySet = new Map();
    mergedChoices.set(extra, bySet);
  }
  let merged = bySet.get(set);
  if (!merged) {
    merged = { ...DEFAULT_CHOICES[set], ...extra };
    bySet.set(set, merged);
  }
  return merged;
}

/** Something found by name or code: a place, a programme, a grant. */
export interface NamedRef {
  id: string;
  /** Every name it answers to: its name, its code, its English name… */
  names: string[];
}

/** The kind of a reference, for its messages. */
export type RefKind = 'place' | 'programme' | 'grant' | 'activity' | 'indicator';

const REF_WORDS: Record<RefKind, { fr: string; en: string; code: RowIssueCode }> = {
  place: { fr: 'Lieu', en: 'Place', code: 'place-not-found' },
  programme: { fr: 'Programme', en: 'Programme', code: 'programme-not-found' },
  grant: { fr: 'Subvention', en: 'Grant', code: 'grant-not-found' },
  activity: { fr: 'Activité', en: 'Activity', code: 'activity-not-found' },
  indicator: { fr: 'Indicateur', en: 'Indicator', code: 'indicator-not-found' },
};

/** Names of references, normalized once for a whole file. */
export class RefIndex {
  private readonly byName = new Map<string, Set<string>>();
  private readonly display: string[];

  constructor(
    readonly kind: RefKind,
    refs: readonly NamedRef[],
  ) {
    for (const ref of refs)
      for (const name of ref.names) {
        const key = normalizeName(name);
        if (key === '') continue;
        const ids = this.byName.get(key) ?? new Set();
        ids.add(ref.id);
        this.byName.set(key, ids);
      }
    this.display = [...new Set(refs.map((r) => r.names[0] ?? r.id))];
  }

  /** The id of one name, accents, case and spacing ignored; or not found, with the closest names. */
  find(raw: string): Read<string> {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (text === '') return blank();
    const words = REF_WORDS[this.kind];
    const ids = this.byName.get(normalizeName(text));
    if (ids && ids.size === 1) return value([...ids][0] ?? '');
    if (ids && ids.size > 1)
      return fail(
        'ambiguous-name',
        `${words.fr} « ${text} » : plusieurs correspondent, indiquez le code`,
        `${words.en} "${text}": several match, give the code`,
      );
    const suggestions = closestNames(text, this.display);
    const fr = suggestions.length
      ? ` ; le plus proche : ${suggestions.map((s) => `« ${s} »`).join(', ')}`
      : '';
    const en = suggestions.length
      ? `; closest: ${suggestions.map((s) => `"${s}"`).join(', ')}`
      : '';
    return fail(
      words.code,
      `${words.fr} « ${text} » introuvable${fr}`,
      `${words.en} "${text}" not found${en}`,
      suggestions,
    );
  }

  /** Several names in one cell, separated by `;`, `,` or new lines (« Ségou; Mopti »); `/` stays (codes such as `PNUD/PROSMED`). */
  findList(cell: CellValue): Read<string[]> {
    const e = cellError<string[]>(cell);
    if (e) return e;
    const parts = cellText(cell)
      .split(/[;,\n]+/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    const ids: string[] = [];
    for (const part of parts) {
      const r = this.find(part);
      if (!r.ok) return r;
      if (r.value !== null && !ids.includes(r.value)) ids.push(r.value);
    }
    return ids.length === 0 ? blank() : value(ids);
  }
}
