import type { DeliverableType, IncidentCategory, ResultLevel } from '../schema/index';
import { placeCode } from './demo-data';
import { must } from '@jalon/domain';

/**
 * Donors, grants, results frameworks, indicators, baselines and targets for the demo. The grants
 * and their programmes are the bulletin's; dates the bulletin does not give, baselines and targets
 * are ILLUSTRATIVE (marked `assumed` below) so the reports have something to measure against.
 */
export interface DemoDonor {
  code: string;
  name: string;
  iatiRef: string | null;
}

export interface DemoIndicator {
  code: string;
  node: string;
  title: string;
  titleEn: string;
  unit: 'number' | 'percent' | 'score';
  direction: 'higher-is-better' | 'lower-is-better';
  timeRule: 'sum' | 'latest' | 'max' | 'average' | 'ratio';
  cumulative: boolean;
  source: Record<string, unknown> & { kind: string };
  dimensions?: string[];
  sourceOfVerification: string;
  baseline: { value: number; year: number };
  /** Period code → target; `LOG` is the life-of-grant target (its own value). */
  targets: Record<string, number>;
  /** Targets of one breakdown cell (`{ sex: 'female' }`) for a period. */
  breakdownTargets?: { period: string; cell: Record<string, string>; value: number }[];
}

export interface DemoGrant {
  code: string;
  donor: string;
  title: string;
  /** The title in English, for the cover of an English report. */
  titleEn: string;
  /** UNDP's business unit (`MLI10`) and project number, printed on its report's cover. */
  businessUnit?: string;
  projectId?: string;
  startDate: string;
  endDate: string;
  currency: string;
  amount: number | null;
  fiscalYearStartMonth: number;
  reportTemplate: string;
  iatiIdentifier: string;
  donorReference: string | null;
  programmes: string[];
  /** Activities (by code prefix) that report to this grant. */
  activityPrefixes: string[];
  nodes: {
    code: string;
    level: ResultLevel;
    parent?: string;
    title: string;
    titleEn: string;
    assumptions?: string;
  }[];
  indicators: DemoIndicator[];
  assumed: string;
}

export const demoDonors: DemoDonor[] = [
  {
    code: 'PNUD',
    name: 'Programme des Nations Unies pour le développement (PNUD)',
    iatiRef: 'XM-DAC-41114',
  },
  { code: 'NL-MFA', name: 'Ministère des Affaires étrangères des Pays-Bas', iatiRef: 'XM-DAC-7' },
  { code: 'INTERPEACE', name: 'Interpeace', iatiRef: null },
  { code: 'DRC', name: 'Conseil danois pour les réfugiés (DRC)', iatiRef: 'DK-CVR-20699310' },
  { code: 'WANEP-REG', name: 'WANEP régional (Accra)', iatiRef: null },
  { code: 'CEDEAO', name: 'Commission de la CEDEAO', iatiRef: null },
];

const IATI = 'XM-WANEP-ML';

export const demoGrants: DemoGrant[] = [
  {
    code: 'PROSMED-CCSC',
    donor: 'PNUD',
    title: 'Mise en place des Comités consultatifs de sécurité communaux (PROSMED)',
    titleEn: 'Setting up the communal security advisory committees (PROSMED)',
    startDate: '2022-06-01',
    endDate: '2024-12-31',
    currency: 'XOF',
    amount: 150_000_000,
    fiscalYearStartMonth: 1,
    reportTemplate: 'undp-quarterly',
    iatiIdentifier: `${IATI}-PROSMED-CCSC`,
    donorReference: '00123456',
    // ILLUSTRATIVE: MLI10 is UNDP Mali's business unit; the project number is made up in the
    // 8-digit Atlas/Quantum style, like the award id above.
    businessUnit: 'MLI10',
    projectId: '00130945',
    programmes: ['CCS-C'],
    activityPrefixes: ['CCS-C-'],
    assumed: 'end date, amount, award id, project id, baselines, targets and breakdown targets',
    nodes: [
      {
        code: 'I',
        level: 'impact',
        title: 'La gouvernance sécuritaire est améliorée de manière participative et inclusive',
        titleEn: 'Security governance is improved in a participatory and inclusive way',
      },
      {
        code: 'O1',
        level: 'outcome',
        parent: 'I',
        title: 'Les CCS-C sont fonctionnels et dotés de plans d’action',
        titleEn: 'Communal security committees are functional and have action plans',
        assumptions: 'La situation sécuritaire permet l’accès aux communes.',
      },
      {
        code: 'P1.1',
        level: 'output',
        parent: 'O1',
        title: 'Les membres des CCS-C sont formés',
        titleEn: 'Committee members are trained',
      },
    ],
    indicators: [
      {
        code: 'CCSC-SESSIONS',
        node: 'P1.1',
        title: 'Nombre de sessions de formation des CCS-C',
        titleEn: 'Number of committee training sessions',
        unit: 'number',
        direction: 'higher-is-better',
        timeRule: 'sum',
        cumulative: true,
        source: {
          kind: 'activities',
          measure: 'sessions',
          filter: { programmes: ['CCS-C'], types: ['training'] },
        },
        sourceOfVerification: 'Rapports de formation, listes de présence',
        baseline: { value: 0, year: 2022 },
        targets: { '2023': 24, '2023-Q2': 12, LOG: 40 },
      },
      {
        code: 'CCSC-MEMBRES',
        node: 'P1.1',
        title: 'Nombre de membres de CCS-C formés',
        titleEn: 'Number of committee members trained',
        unit: 'number',
        direction: 'higher-is-better',
        timeRule: 'sum',
        cumulative: true,
        dimensions: ['sex', 'age'],
        source: {
          kind: 'participation',
          measure: 'participations',
          filter: { programmes: ['CCS-C'], types: ['training'] },
        },
        sourceOfVerification: 'Listes de présence',
        baseline: { value: 0, year: 2022 },
        targets: { '2023': 600, '2023-Q2': 300, LOG: 1000 },
        // ILLUSTRATIVE, like the other targets: the bulletin states none.
        breakdownTargets: [
          { period: '2023-Q2', cell: { sex: 'female' }, value: 90 },
          { period: '2023-Q2', cell: { age: 'youth' }, value: 120 },
        ],
      },
      {
        code: 'CCSC-FEMMES',
        node: 'P1.1',
        title: 'Nombre de femmes membres de CCS-C formées',
        titleEn: 'Number of women committee members trained',
        unit: 'number',
        direction: 'higher-is-better',
        timeRule: 'sum',
        cumulative: true,
        source: {
          kind: 'participation',
          measure: 'participations',
          filter: { programmes: ['CCS-C'], types: ['training'] },
          where: { sex: 'female' },
        },
        sourceOfVerification: 'Listes de présence',
        baseline: { value: 0, year: 2022 },
        targets: { '2023': 180, '2023-Q2': 90, LOG: 300 },
      },
      {
        code: 'CCSC-PART-FEMMES',
        node: 'P1.1',
        title: 'Part des femmes parmi les membres formés (%)',
        titleEn: 'Share of women among members trained (%)',
        unit: 'percent',
        direction: 'higher-is-better',
        timeRule: 'sum',
        cumulative: true,
        source: { kind: 'formula', expression: '{CCSC-FEMMES} / {CCSC-MEMBRES} * 100' },
        sourceOfVerification: 'Calculé',
        baseline: { value: 0, year: 2022 },
        targets: { '2023': 30, LOG: 30 },
      },
    ],
  },
  {
    code: 'JUST-FUTURE',
    donor: 'NL-MFA',
    title: 'Just Future — Avenir juste (alliance Cordaid, WANEP, SFCG, ASSN)',
    titleEn: 'Just Future (alliance of Cordaid, WANEP, SFCG and ASSN)',
    startDate: '2021-01-01',
    endDate: '2025-12-31',
    currency: 'EUR',
    amount: null,
    fiscalYearStartMonth: 1,
    reportTemplate: 'nl-mfa',
    iatiIdentifier: `${IATI}-JUST-FUTURE`,
    donorReference: 'NL-1-PPR-4000002111',
    programmes: ['JF'],
    activityPrefixes: ['JF-'],
    assumed: 'ministry reference, baselines and targets',
    nodes: [
      {
        code: 'I',
        level: 'impact',
        title: 'Institutions de sécurité et de justice accessibles, réactives et redevables',
        titleEn: 'Accessible, responsive and accountable security and justice institutions',
      },
      {
        code: 'PO3',
        level: 'outcome',
        parent: 'I',
        title: 'Prise de décision politique et processus de paix plus inclusifs',
        titleEn: 'More inclusive political decision-making and peace processes',
      },
      {
        code: 'PO3.1',
        level: 'output',
        parent: 'PO3',
        title: 'Les décideurs sont sensibilisés aux besoins des groupes marginalisés',
        titleEn: 'Decision-makers are made aware of the needs of marginalised groups',
      },
    ],
    indicators: [
      {
        code: 'JF-LOBBYING',
        node: 'PO3.1',
        title: 'Nombre de rencontres de lobbying avec les décideurs',
        titleEn: 'Number of lobbying meetings with decision-makers',
        unit: 'number',
        direction: 'higher-is-better',
        timeRule: 'sum',
        cumulative: false,
        source: {
          kind: 'activities',
          measure: 'count',
          filter: { programmes: ['JF'], types: ['lobbying'] },
        },
        sourceOfVerification: 'Comptes rendus de rencontres',
        baseline: { value: 0, year: 2021 },
        targets: { '2023': 4, '2023-Q2': 1, LOG: 15 },
      },
      {
        code: 'JF-DECIDEURS',
        node: 'PO3.1',
        title: 'Nombre de décideurs touchés par le plaidoyer',
        titleEn: 'Number of decision-makers reached by advocacy',
        unit: 'number',
        direction: 'higher-is-better',
        timeRule: 'sum',
        cumulative: false,
        dimensions: ['sex'],
        source: {
          kind: 'participation',
          measure: 'participations',
          filter: { programmes: ['JF'], types: ['lobbying'] },
        },
        sourceOfVerification: 'Listes de présence',
        baseline: { value: 0, year: 2021 },
        targets: { '2023': 60, '2023-Q2': 15, LOG: 200 },
      },
    ],
  },
  {
    code: 'INTERPEACE-FRONTIERES',
    donor: 'INTERPEACE',
    title:
      'Monitoring des incidents politico-sécuritaires dans les localités frontalières (Mali, Niger, Burkina Faso, Côte d’Ivoire)',
    titleEn:
      'Monitoring of political and security incidents in border localities (Mali, Niger, Burkina Faso, Côte d’Ivoire)',
    startDate: '2023-01-01',
    endDate: '2023-12-31',
    currency: 'USD',
    amount: null,
    fiscalYearStartMonth: 1,
    reportTemplate: 'generic',
    iatiIdentifier: `${IATI}-INTERPEACE-FRONTIERES`,
    donorReference: null,
    programmes: ['NEWS'],
    activityPrefixes: [],
    assumed: 'end date and targets',
    nodes: [
      {
        code: 'O1',
        level: 'outcome',
        title: 'Les acteurs nationaux et internationaux sont informés des incidents frontaliers',
        titleEn: 'National and international actors are informed of cross-border incidents',
      },
      {
        code: 'P1',
        level: 'output',
        parent: 'O1',
        title: 'Rapports de monitoring produits et diffusés',
        titleEn: 'Monitoring reports produced and disseminated',
      },
    ],
    indicators: [
      {
        code: 'IP-RAPPORTS',
        node: 'P1',
        title: 'Nombre de rapports mensuels et notes produits',
        titleEn: 'Number of monthly reports and notes produced',
        unit: 'number',
        direction: 'higher-is-better',
        timeRule: 'sum',
        cumulative: false,
        source: {
          kind: 'deliverables',
          filter: {
            types: ['monthly-report', 'bimonthly-note'],
            grants: ['INTERPEACE-FRONTIERES'],
          },
        },
        sourceOfVerification: 'Rapports diffusés',
        baseline: { value: 0, year: 2023 },
        targets: { '2023': 18, '2023-Q2': 4, LOG: 18 },
      },
    ],
  },
  {
    code: 'CEDEAO-NEWS',
    donor: 'CEDEAO',
    title: 'Système national d’alerte précoce et de réponse rapide (NEWS-Mali)',
    titleEn: 'National early warning and response system (NEWS-Mali)',
    startDate: '2023-01-01',
    endDate: '2023-12-31',
    currency: 'XOF',
    amount: null,
    fiscalYearStartMonth: 1,
    reportTemplate: 'generic',
    iatiIdentifier: `${IATI}-CEDEAO-NEWS`,
    donorReference: null,
    programmes: ['NEWS'],
    activityPrefixes: ['NEWS-'],
    assumed: 'grant dates and targets (the partnership runs since 2011)',
    nodes: [
      {
        code: 'O1',
        level: 'outcome',
        title: 'Les alertes précoces informent la prévention des conflits',
        titleEn: 'Early warning informs conflict prevention',
      },
      {
        code: 'P1',
        level: 'output',
        parent: 'O1',
        title: 'Rapports d’alerte produits et diffusés',
        titleEn: 'Early-warning reports produced and disseminated',
      },
    ],
    indicators: [
      {
        code: 'NEWS-HEBDO',
        node: 'P1',
        title: 'Nombre de rapports hebdomadaires produits',
        titleEn: 'Number of weekly reports produced',
        unit: 'number',
        direction: 'higher-is-better',
        timeRule: 'sum',
        cumulative: false,
        source: {
          kind: 'deliverables',
          filter: { types: ['weekly-report'], programmes: ['NEWS'] },
        },
        sourceOfVerification: 'Rapports diffusés',
        baseline: { value: 0, year: 2023 },
        targets: { '2023': 52, '2023-Q2': 13, LOG: 52 },
      },
      {
        code: 'NEWS-BULLETINS',
        node: 'P1',
        title: 'Nombre de bulletins mensuels sur la sécurité humaine',
        titleEn: 'Number of monthly human-security bulletins',
        unit: 'number',
        direction: 'higher-is-better',
        timeRule: 'sum',
        cumulative: false,
        source: {
          kind: 'deliverables',
          filter: { types: ['monthly-bulletin'], programmes: ['NEWS'] },
        },
        sourceOfVerification: 'Bulletins diffusés',
        baseline: { value: 0, year: 2023 },
        targets: { '2023': 12, '2023-Q2': 3, LOG: 12 },
      },
      {
        code: 'NEWS-INCIDENTS',
        node: 'P1',
        title: 'Nombre d’incidents majeurs documentés',
        titleEn: 'Number of major incidents documented',
        unit: 'number',
        direction: 'higher-is-better',
        timeRule: 'sum',
        cumulative: false,
        source: { kind: 'incidents', measure: 'count' },
        sourceOfVerification: 'Base de données NEWS / ECOWARN',
        baseline: { value: 0, year: 2023 },
        targets: {},
      },
    ],
  },
  {
    code: 'DRC-PLF',
    donor: 'DRC',
    title: 'Programme Leadership Féminin (PLF), phase I',
    titleEn: 'Women’s Leadership Programme (PLF), phase I',
    startDate: '2022-01-01',
    endDate: '2023-06-30',
    currency: 'XOF',
    amount: null,
    fiscalYearStartMonth: 1,
    reportTemplate: 'eu-logframe',
    iatiIdentifier: `${IATI}-DRC-PLF`,
    donorReference: null,
    programmes: ['FPS'],
    activityPrefixes: ['FPS-2023-04-07-'],
    assumed: 'dates, baselines and targets',
    nodes: [
      {
        code: 'I',
        level: 'impact',
        title: 'Le leadership féminin dans la gouvernance locale est renforcé',
        titleEn: 'Women’s leadership in local governance is strengthened',
      },
      {
        code: 'O1',
        level: 'outcome',
        parent: 'I',
        title: 'Les leçons de la phase I sont capitalisées',
        titleEn: 'Lessons from phase I are captured',
      },
    ],
    indicators: [
      {
        code: 'PLF-CAPITALISATION',
        node: 'O1',
        title: 'Nombre de rencontres de capitalisation tenues',
        titleEn: 'Number of lesson-learning meetings held',
        unit: 'number',
        direction: 'higher-is-better',
        timeRule: 'sum',
        cumulative: true,
        source: { kind: 'activities', measure: 'count', filter: { grants: ['DRC-PLF'] } },
        sourceOfVerification: 'Compte rendu de la rencontre',
        baseline: { value: 0, year: 2022 },
        targets: { '2023': 1, LOG: 1 },
      },
    ],
  },
  {
    code: 'Y-TEAM',
    donor: 'WANEP-REG',
    title: 'Y-TEaM — autonomisation transformationnelle et mentorat des jeunes',
    titleEn: 'Y-TEaM — youth transformational empowerment and mentorship',
    startDate: '2022-11-01',
    endDate: '2024-10-31',
    currency: 'USD',
    amount: null,
    fiscalYearStartMonth: 1,
    reportTemplate: 'generic',
    iatiIdentifier: `${IATI}-Y-TEAM`,
    donorReference: null,
    programmes: ['JPS'],
    activityPrefixes: ['JPS-'],
    assumed: 'end date, baselines and targets',
    nodes: [
      {
        code: 'O1',
        level: 'outcome',
        title: 'Les jeunes diplômés s’engagent pour la paix et la sécurité',
        titleEn: 'Young graduates engage for peace and security',
      },
      {
        code: 'P1',
        level: 'output',
        parent: 'O1',
        title: 'Stagiaires accompagnés et jeunes mobilisés',
        titleEn: 'Interns mentored and young people mobilised',
      },
    ],
    indicators: [
      {
        code: 'YTEAM-JEUNES',
        node: 'P1',
        title: 'Nombre de participants aux activités Jeunesse, paix et sécurité',
        titleEn: 'Number of participants in youth, peace and security activities',
        unit: 'number',
        direction: 'higher-is-better',
        timeRule: 'sum',
        cumulative: false,
        source: {
          kind: 'participation',
          measure: 'participations',
          filter: { programmes: ['JPS'] },
        },
        sourceOfVerification: 'Listes de connexion des webinaires',
        baseline: { value: 0, year: 2022 },
        targets: { '2023': 200, '2023-Q2': 50, LOG: 400 },
      },
    ],
  },
];

/**
 * The NEWS programme's quarter: 116 major incidents, 153 dead and 236 injured, over the bulletin's
 * four domains and three months. The bulletin gives only the totals; this spreads them
 * deterministically so that every total is exact.
 */
/** What the organisation says about an indicator's figures for a period (the donor's "comments"). */
export interface DemoComment {
  grant: string;
  indicator: string;
  period: string;
  comment: string;
}

/** Comments on the second quarter of 2023, each a fact the bulletin states. */
export const demoComments: DemoComment[] = [
  {
    grant: 'PROSMED-CCSC',
    indicator: 'CCSC-SESSIONS',
    period: '2023-Q2',
    comment:
      'Treize (13) sessions de formation et d’appui à l’élaboration des plans d’action des CCS-C, dans les régions de Bandiagara, Mopti, San, Ségou, Koutiala, Nara, Nioro du Sahel et Kayes.',
  },
  {
    grant: 'PROSMED-CCSC',
    indicator: 'CCSC-MEMBRES',
    period: '2023-Q2',
    comment:
      'Plus de 325 membres touchés, dont 78 femmes et 117 jeunes (un minimum : le bulletin ne donne pas le nombre exact). Thèmes : police de proximité, évaluation sécuritaire, analyse participative, facilitation.',
  },
  {
    grant: 'JUST-FUTURE',
    indicator: 'JF-LOBBYING',
    period: '2023-Q2',
    comment:
      'Lobbying auprès de la Commission Défense nationale, Sécurité et Protection civile du CNT (17 participants, dont 4 femmes) pour la prise en compte des groupes marginalisés et exclus (articles 11, 13, 14, 15 et 16 de la CDPH).',
  },
  {
    grant: 'CEDEAO-NEWS',
    indicator: 'NEWS-INCIDENTS',
    period: '2023-Q2',
    comment:
      '116 incidents majeurs (153 morts, 236 blessés), dans quatre domaines : crimes organisés et extrémisme violent, démocratie et gouvernance, femme paix et sécurité, sécurité environnementale.',
  },
];

export interface DemoIncident {
  code: string;
  date: string;
  place: string;
  category: IncidentCategory;
  deaths: number;
  injuries: number;
  verified: boolean;
}

export const NEWS_Q2_TOTALS = { incidents: 116, deaths: 153, injuries: 236 } as const;

export function demoIncidents(): DemoIncident[] {
  const categories: IncidentCategory[] = [
    'organised-crime-violent-extremism',
    'organised-crime-violent-extremism',
    'democracy-governance',
    'organised-crime-violent-extremism',
    'women-peace-security',
    'environmental-security',
  ];
  const regions = [
    'Mopti',
    'Bandiagara',
    'Ségou',
    'Tombouctou',
    'Gao',
    'Ménaka',
    'San',
    'Douentza',
    'Koulikoro',
    'Kayes',
    'Sikasso',
    'Bamako',
  ];
  let seed = 20230630;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const n = NEWS_Q2_TOTALS.incidents;
  const weightsDeaths = Array.from({ length: n }, () => (next() < 0.45 ? 0 : next() ** 2));
  const weightsInjuries = Array.from({ length: n }, () => (next() < 0.35 ? 0 : next() ** 2));
  const deaths = apportion(NEWS_Q2_TOTALS.deaths, weightsDeaths);
  const injuries = apportion(NEWS_Q2_TOTALS.injuries, weightsInjuries);
  return Array.from({ length: n }, (_, i) => {
    const month = 4 + (i % 3);
    const day = 1 + ((i * 7) % (month === 4 || month === 6 ? 30 : 31));
    return {
      code: `NEWS-2023-T2-INC-${String(i + 1).padStart(3, '0')}`,
      date: `2023-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      place: placeCode(must(regions[i % regions.length], 'a demo region')),
      category: must(categories[i % categories.length], 'a demo incident category'),
      deaths: must(deaths[i], 'the deaths of a demo incident'),
      injuries: must(injuries[i], 'the injuries of a demo incident'),
      verified: i % 5 !== 4,
    };
  });
}

/** Splits `total` in proportion to `weights` into integers that add up exactly (largest remainder). */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum === 0 ? total / weights.length : (total * w) / sum));
  const out = raw.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = raw
    .map((r, i) => [r - Math.floor(r), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    out[i] = must(out[i], 'a demo incident') + 1;
    rest -= 1;
  }
  return out;
}

export interface DemoDeliverable {
  code: string;
  programme: string;
  grant: string | null;
  type: DeliverableType;
  title: string;
  date: string;
}

/** 12 weekly reports and 3 monthly bulletins (NEWS), 3 monthly reports and a bimonthly note (Interpeace). */
export function demoDeliverables(): DemoDeliverable[] {
  const out: DemoDeliverable[] = [];
  // Fridays from 7 April to 23 June 2023: twelve weekly reports.
  for (let w = 0; w < 12; w++) {
    const day = new Date(Date.UTC(2023, 3, 7 + 7 * w)).toISOString().slice(0, 10);
    out.push({
      code: `NEWS-HEBDO-${day}`,
      programme: 'NEWS',
      grant: 'CEDEAO-NEWS',
      type: 'weekly-report',
      title: `Rapport hebdomadaire NEWS-Mali du ${day}`,
      date: day,
    });
  }
  for (const [m, label] of [
    ['04', 'avril'],
    ['05', 'mai'],
    ['06', 'juin'],
  ] as const) {
    const end = m === '04' || m === '06' ? '30' : '31';
    out.push({
      code: `NEWS-BULLETIN-2023-${m}`,
      programme: 'NEWS',
      grant: 'CEDEAO-NEWS',
      type: 'monthly-bulletin',
      title: `Bulletin mensuel sur la sécurité humaine, ${label} 2023`,
      date: `2023-${m}-${end}`,
    });
    out.push({
      code: `IP-RAPPORT-2023-${m}`,
      programme: 'NEWS',
      grant: 'INTERPEACE-FRONTIERES',
      type: 'monthly-report',
      title: `Rapport mensuel de monitoring frontalier, ${label} 2023`,
      date: `2023-${m}-${end}`,
    });
  }
  out.push({
    code: 'IP-NOTE-2023-05',
    programme: 'NEWS',
    grant: 'INTERPEACE-FRONTIERES',
    type: 'bimonthly-note',
    title: 'Note bimensuelle de monitoring frontalier, avril–mai 2023',
    date: '2023-05-31',
  });
  return out;
}
