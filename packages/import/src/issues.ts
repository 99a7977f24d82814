import type { LocalizedText } from '@jalon/domain';

/** Stable codes of what can be wrong with a row (a file refused whole has a {@link FileErrorCode}). */
export const ROW_ISSUE_CODES = [
  'required',
  'cell-error',
  'not-a-number',
  'count-unreadable',
  'count-negative',
  'count-fractional',
  'count-too-large',
  'not-a-date',
  'date-out-of-range',
  'unknown-choice',
  'place-not-found',
  'programme-not-found',
  'grant-not-found',
  'activity-not-found',
  'indicator-not-found',
  'grant-mismatch',
  'not-a-period',
  'ambiguous-name',
  'text-too-short',
  'text-too-long',
  'out-of-range',
  'end-before-start',
  'missing-external-id',
  'duplicate-external-id',
  'participation-inconsistent',
  'other-programme',
  'not-a-breakdown',
] as const;

/** One of {@link ROW_ISSUE_CODES}. */
export type RowIssueCode = (typeof ROW_ISSUE_CODES)[number];

/** The title of a code, said once per group of rows. */
export const ISSUE_TITLES: Record<RowIssueCode, LocalizedText> = {
  required: { fr: 'Valeur obligatoire manquante', en: 'Required value missing' },
  'cell-error': {
    fr: 'Cellule en erreur dans le classeur (#DIV/0!, #VALEUR!…)',
    en: 'Error value in the workbook (#DIV/0!, #VALUE!…)',
  },
  'not-a-number': { fr: 'Nombre illisible', en: 'Unreadable number' },
  'count-unreadable': {
    fr: 'Effectif illisible (attendu : 40, « environ 50 », « plus de 325 »)',
    en: 'Unreadable count (expected: 40, "about 50", "more than 325")',
  },
  'count-negative': { fr: 'Effectif négatif', en: 'Negative count' },
  'count-fractional': { fr: 'Effectif non entier', en: 'Count not a whole number' },
  'count-too-large': { fr: 'Effectif trop grand', en: 'Count too large' },
  'not-a-date': {
    fr: 'Date illisible (attendu : jj/mm/aaaa ou aaaa-mm-jj)',
    en: 'Unreadable date (expected: dd/mm/yyyy or yyyy-mm-dd)',
  },
  'date-out-of-range': { fr: 'Date hors des années admises', en: 'Date outside the years allowed' },
  'unknown-choice': { fr: 'Valeur non reconnue', en: 'Value not recognised' },
  'place-not-found': { fr: 'Lieu introuvable', en: 'Place not found' },
  'programme-not-found': { fr: 'Programme introuvable', en: 'Programme not found' },
  'grant-not-found': { fr: 'Subvention introuvable', en: 'Grant not found' },
  'activity-not-found': { fr: 'Activité introuvable', en: 'Activity not found' },
  'indicator-not-found': { fr: 'Indicateur introuvable', en: 'Indicator not found' },
  'grant-mismatch': {
    fr: 'L’indicateur n’appartient pas à cette subvention',
    en: 'The indicator does not belong to this grant',
  },
  'not-a-period': {
    fr: 'Période illisible (attendu : 2024, 2024-Q2, 2024-S1, 2024-04, AF2024 ou LOG pour la durée de la subvention)',
    en: 'Unreadable period (expected: 2024, 2024-Q2, 2024-S1, 2024-04, FY2024 or LOG for the life of the grant)',
  },
  'ambiguous-name': {
    fr: 'Nom ambigu (plusieurs correspondances)',
    en: 'Ambiguous name (several matches)',
  },
  'text-too-short': { fr: 'Texte trop court', en: 'Text too short' },
  'text-too-long': { fr: 'Texte trop long', en: 'Text too long' },
  'out-of-range': { fr: 'Valeur hors des bornes admises', en: 'Value out of the range allowed' },
  'end-before-start': {
    fr: 'Date de fin antérieure à la date de début',
    en: 'End date before the start date',
  },
  'missing-external-id': {
    fr: 'Identifiant de ligne manquant',
    en: 'Row identifier missing',
  },
  'duplicate-external-id': {
    fr: 'Identifiant présent sur plusieurs lignes du fichier',
    en: 'Identifier on several rows of the file',
  },
  'participation-inconsistent': {
    fr: 'Effectifs incohérents',
    en: 'Inconsistent participant figures',
  },
  'other-programme': {
    fr: 'Hors de vos programmes',
    en: 'Outside your programmes',
  },
  'not-a-breakdown': {
    fr: 'Ventilation que l’indicateur n’a pas',
    en: 'A breakdown the indicator does not have',
  },
};

/** One thing wrong with one row, tied to the field (and the source column) it is about. */
export interface RowIssue {
  code: RowIssueCode;
  /** The target field (`title`, `participants.female`…). */
  field: string;
  /** The source column (header text or Kobo xpath), when one is involved. */
  column?: string;
  rowNumber: number;
  /** `error` rejects the row; `warning` is said and the row is kept (an "environ" count that looks off). */
  severity: 'error' | 'warning';
  /** The value as found, for the report. */
  value?: string;
  message: LocalizedText;
  /** The closest known names, for a name not found. */
  suggestions?: string[];
  /** Consistency issues: the engine's own code (`part-exceeds-whole`…). */
  detail?: string;
}
