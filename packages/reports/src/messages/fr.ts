import { frenchQuote } from '@jalon/domain';

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
  /** The participants of some activities: « 325 participants ». */
  'participants-count': (stated: string) => `${stated} participants`,
  /** The parts after the participants: « , dont 78 femmes et 117 jeunes ». */
  'participants-of-whom': (parts: string) => `, dont ${parts}`,
  /** Two parts of a sentence: « 78 femmes et 117 jeunes ». */
  'and-pair': (first: string, second: string) => `${first} et ${second}`,
  /** The period's totals: « Au total, 657 participants, dont 179 femmes et 226 jeunes. » */
  'totals-sentence': (participants: string, ofWhom: string, note: string) =>
    `Au total, ${participants} participants${ofWhom}${note}.`,
  /** « Indice de durabilité institutionnelle WODI : 86,85 % (évaluation 2022), 3e sur 7. » */
  'assessment-line': (
    label: string,
    index: string,
    cycle: number | string,
    rank: number,
    of: number,
  ) => `${label} : ${index} (évaluation ${cycle}), ${rank === 1 ? '1er' : `${rank}e`} sur ${of}.`,
  'programme-since': (year: number) => ` depuis ${year}`,
  /** « Programme mis en œuvre dans six (6) pays depuis 2021 : Afghanistan, … ». */
  'programme-countries': (count: string, since: string, names: string) =>
    `Programme mis en œuvre dans ${count} pays${since} : ${names}.`,
  'programme-running': (since: string) => `Programme opérationnel${since}.`,
  'activity-from-to': (start: string, end: string) => `Du ${start} au ${end}`,
  'activity-on': (date: string) => `Le ${date}`,
  /** « trois (3) sessions de formation « … » » */
  'activity-sessions': (count: string, type: string, title: string) =>
    `${count} sessions de ${type} ${frenchQuote(title)}`,
  'activity-one': (type: string, title: string) => `${type} ${frenchQuote(title)}`,
  /** « Le 12 avril 2023, atelier « … » (Mopti) : 45 participants. » */
  'activity-sentence': (when: string, what: string, place: string, who: string) =>
    `${when}, ${what}${place}${who ? ` : ${who}` : ''}.`,
  'places-all': (places: string) => ` à ${places}`,
  'places-some': (placed: string, total: string, places: string) =>
    ` (lieu renseigné pour ${placed} sur ${total} : ${places})`,
  /** « Trois (3) ateliers à Bamako ont réuni 90 participants. » */
  'activities-sentence': (count: string, noun: string, where: string, who: string) =>
    `${count} ${noun}${where}${who ? ` ont réuni ${who}` : ''}.`,
  'programme-produced': (during: string, products: string) =>
    `${during}, le programme a produit et diffusé ${products}.`,
  'incidents-total': (incidents: number, deaths: number, injuries: number) =>
    `Le suivi a porté sur ${incidents} incidents majeurs avec un bilan de ${deaths} morts et ${injuries} blessés.`,
  'incidents-category': (category: string, incidents: number, deaths: number, injuries: number) =>
    `${category} : ${incidents} incidents, ${deaths} morts, ${injuries} blessés.`,
  /** A status word, as the IATI file's comment says it (« en bonne voie »). */
  'status-on-track': () => 'en bonne voie',
  'status-watch': () => 'à surveiller',
  'status-off-track': () => 'en retard',
  'status-no-data': () => 'pas de données',
  /** `ratio`: the achievement in brackets, with its leading space, or nothing. */
  'iati-status-target': (period: string, status: string, ratio: string) =>
    `Cible de la période sur laquelle le rapport juge le statut (${period})\u202f: ${status}${ratio}.`,
  'iati-actual': (stated: string) => `Réalisé\u202f: ${stated}`,
  'iati-cumulative': () => 'Valeur cumulée depuis le début de la subvention.',
  'iati-each-period': () => 'Valeur de chaque période.',
  /** A column cut at a day: « à date (31 mai) »; `month` is the month's name. */
  'to-date': (day: number, month: string) => `à date (${day === 1 ? '1er' : day} ${month})`,
  'period-outside-grant': (period: string, start: string, end: string) =>
    `La période ${period} est hors de la durée de la subvention (${start}..${end})`,
  // The exchange mapping's checks, in words (adx/mapping-issues.ts).
  'mapping-field': (field: string, text: string) => `${field}\u202f: ${text}`,
  'mapping-invalid': (parts: string) =>
    `Correspondance refusée, rien n’a été enregistré\u202f: ${parts}.`,
  'mapping-required': () => 'à remplir',
  'mapping-too-long': (maximum: string) => `${maximum} caractères au plus`,
  'mapping-too-few': (minimum: string) => `au moins ${minimum}`,
  'mapping-too-many': (maximum: string) => `au plus ${maximum}`,
  'mapping-type': (expected: string) => `valeur de type ${expected} attendue`,
  'mapping-one-of': (values: string) => `une valeur parmi ${values}`,
  'mapping-unknown-keys': (keys: string) => `champs inconnus\u202f: ${keys}`,
  'mapping-shape': () => 'forme inattendue',
  'mapping-attribute-name': () =>
    'un nom d’attribut XML (lettres, chiffres, _ . -, sans commencer par un chiffre)',
  'mapping-reserved-name': () => 'un nom qu’ADX réserve à son propre usage',
  'mapping-code-spaces': () => 'un code sans espace au début, à la fin ni en double',
  'mapping-region-path': () => 'un chemin de région tel que ml/mopti',
  'mapping-no-category': (dimension: string) =>
    `aucune catégorie n’est associée à la ventilation ${dimension}`,
  'mapping-category-twice': () => 'une catégorie est nommée deux fois',
  'mapping-attribute-is-category': (name: string) =>
    `${name} est déjà une catégorie de ventilation`,
  'mapping-org-unit-twice': () => 'une org unit est donnée deux fois',
  'mapping-combo-twice': () => 'une combinaison est donnée deux fois',
  'mapping-not-uid': (value: string) =>
    `${value} n’est pas un UID DHIS2 (une lettre puis dix lettres ou chiffres)`,
};
