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
  'adx-approximate': () => 'Valeur approximative',
  'adx-at-least': () => 'Borne inférieure\u202f: au moins cette valeur',
  'adx-approximate-at-least': () => 'Approximative et borne inférieure',
  'adx-actual': (stated: string) => `Réalisé\u202f: ${stated}`,
  'dhis2-nothing': (grant: string, period: string) =>
    `Rien à envoyer pour ${grant} en ${period}\u202f: aucune valeur exacte ou énoncée parmi les indicateurs de la correspondance.`,
  'dhis2-gap-none': () =>
    'La correspondance n’a pas de partie DHIS2 (org unit, combinaisons de catégories)\u202f: complétez-la dans les paramètres.',
  'dhis2-gap-period': (period: string) =>
    `La période ${period} n’a pas de forme DHIS2 (jour, mois, trimestre, semestre, année ou exercice d’avril, juillet, octobre ou novembre).`,
  'dhis2-gap-org-unit': (region: string) =>
    `La région ${region} n’a pas d’org unit DHIS2 dans la correspondance.`,
  'dhis2-gap-combo': (dataElement: string, cell: string) =>
    `L’élément ${dataElement} n’a pas de combinaison de catégories (category option combo) pour la cellule ${cell}.`,
  'dhis2-gap-data-element': (dataElement: string) =>
    `L’élément ${dataElement} n’a pas d’identifiant DHIS2 (UID de 11 caractères) dans la correspondance.`,
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
