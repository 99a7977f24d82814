/**
 * The reports package's own words in French, keyed by stable codes: the bulletin's charts and
 * section titles, the IATI file's notes, the lists' qualifiers. A workbook's labels are data
 * (`template/labels.ts`, overridden per template), not messages. French typography: a narrow
 * no-break space (U+202F) inside « » and before : ; ! ?. The English table (en.ts) has the same keys
 * and parameters, held by the type checker; a third language is a third file of this shape.
 */
export const fr = {
  'charts-heading': () => 'En graphiques',
  'chart-activities-by-programme': () => 'Activités du trimestre par programme',
  'chart-programme': () => 'Programme',
  'chart-activities': () => 'Activités',
  'figures-title-week': () => 'Les chiffres de la semaine',
  'figures-title-month': () => 'Les chiffres du mois',
  'figures-title-quarter': () => 'Les chiffres du trimestre',
  'figures-title-semester': () => 'Les chiffres du semestre',
  'figures-title-year': () => 'Les chiffres de l’année',
  'figures-title-fiscal-year': () => 'Les chiffres de l’exercice',
  'figures-title-range': () => 'Les chiffres de la période',
  /** The last two of a list: `a, b et c`. */
  'list-and': (init: string, last: string) => `${init} et ${last}`,
  'during-months': (first: string, last: string, year: string) =>
    `Entre ${first} et ${last} ${year}`,
  'during-period': (period: string) => `En ${period}`,
  'iati-approximate': () => 'Valeur approximative',
  'iati-at-least': () => 'Au moins cette valeur (borne inférieure)',
  'iati-approximate-at-least': () =>
    'Au moins environ cette valeur (approximative et borne inférieure)',
  'iati-bounded': () =>
    'Borne inférieure d’un intervalle (une partie des participants n’a pas été ventilée)',
  'iati-no-baseline': () => 'Pas de mesure de référence',
  'iati-funded-by': (title: string, donor: string) => `${title} — financé par ${donor}.`,
  /** The word before an approximate count in a list (`environ 50`). */
  'qualifier-approximate': () => 'environ',
  /** The words before a lower bound in a list (`plus de 325`). */
  'qualifier-at-least': () => 'plus de',
};
