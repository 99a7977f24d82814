import { CATEGORY_NAMES, capitalised, type Status } from '@jalon/domain';

/**
 * The charts' words in French: the titles of the charts, the headers of their data tables, the
 * labels of their values and legends, each written once for every chart that prints it. French
 * typography: a narrow no-break space (U+202F) inside « » and before : ; ! ?. The English table
 * (en.ts) has the same keys and types, held by the type checker; a third language is a third file
 * of this shape.
 */
export const fr = {
  // Table headers and series names
  period: 'Période',
  quarter: 'Trimestre',
  month: 'Mois',
  category: 'Catégorie',
  region: 'Région',
  domain: 'Domaine',
  cycle: 'Cycle',
  grant: 'Subvention',
  programme: 'Programme',
  total: 'Total',
  activities: 'Activités',
  participants: 'Participants',
  women: capitalised(CATEGORY_NAMES.sex.female.fr),
  youth: capitalised(CATEGORY_NAMES.age.youth.fr),
  incidents: 'Incidents',
  deaths: 'Morts',
  injuries: 'Blessés',
  score: 'Score',
  peersMedian: 'Médiane des pairs',
  index: 'Indice',
  uniquePeople: 'Personnes uniques',
  actual: 'Réalisé',
  target: 'Cible',
  baseline: 'Valeur de référence',
  // Values and legends
  atLeast: 'Au moins',
  range: 'Fourchette',
  notComputable: 'non calculable',
  none: '–',
  noData: 'sans donnée',
  outside: 'hors carte',
  legend: 'Classes',
  // Chart titles
  activitiesByQuarter: 'Activités par trimestre',
  participantsByQuarter: 'Participants par trimestre, dont femmes et jeunes',
  uniquePeopleByQuarter: 'Personnes uniques par trimestre (nommées sur les listes de présence)',
  statusByGrant: 'Statut des indicateurs par subvention',
  incidentsByMonth: 'Incidents, morts et blessés par mois',
  incidentsByCategory: 'Incidents, morts et blessés par catégorie',
  incidentsByRegion: 'Incidents par région',
  participantsByProgramme: 'Participants par programme, dont femmes et jeunes',
  domains: (cycle: number) => `Scores par domaine (${cycle}) et médiane des pairs`,
  indexOverCycles: 'Indice institutionnel au fil des cycles',
  status: {
    'on-track': 'En bonne voie',
    watch: 'À surveiller',
    'off-track': 'En retard',
    'no-data': 'Pas de données',
  } satisfies Record<Status, string>,
};

/** The shape every language's table has: the keys and parameters of the French one. */
export type ChartWordTable = typeof fr;
