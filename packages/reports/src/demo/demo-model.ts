import {
  checkConsistency,
  DEFAULT_DIMENSIONS,
  formatPeriod,
  parsePeriod,
  type Count,
  type CountRecord,
} from '@jalon/domain';
import type { BulletinModel } from '../model/bulletin-model.js';
import type {
  Activity,
  DataQualityFinding,
  DeliverableCount,
  IncidentSummary,
  Programme,
} from '../model/evidence.js';
import type { Grant, Organisation } from '../model/grant.js';
import type { ReportModel } from '../model/report-model.js';
import type { Indicator, ResultNode } from '../model/results.js';
import { planPeriods } from '../template/plan-periods.js';
import type { ReportTemplate } from '../template/template-schema.js';
import { BULLETIN_ACTIVITIES, record } from './demo-activities.js';
import { demoValues, type DemoIndicatorFacts } from './demo-engine.js';

/*
 * Demo data from WANEP-Mali's bulletin for April–June 2023. Every figure the bulletin prints is kept
 * as printed; what it does not give (identifiers, amounts, earlier quarters, targets) is illustrative
 * and marked so.
 */

const c = (value: number, qualifier: Count['qualifier'] = 'exact'): Count => ({ value, qualifier });
const t = (fr: string, en: string) => ({ fr, en });

/** WANEP-Mali; the IATI reference is illustrative. */
export const DEMO_ORGANISATION: Organisation = {
  code: 'WANEP-ML',
  name: 'WANEP-Mali',
  country: 'ML',
  iati: { ref: 'ML-DEMO-WANEP', type: '22' },
};

/** The programmes of the bulletin. */
export const DEMO_PROGRAMMES: Programme[] = [
  {
    code: 'NEWS',
    name: t("Système national d'alerte précoce (NEWS)", 'National early warning system (NEWS)'),
  },
  { code: 'WPS', name: t('Agenda Femme, Paix et Sécurité', 'Women, peace and security agenda') },
  {
    code: 'YPS',
    name: t('Programme Jeunesse, Paix et Sécurité', 'Youth, peace and security programme'),
  },
  {
    code: 'SSG',
    name: t(
      'Gouvernance sécuritaire et relation État-citoyens (CCS-C)',
      'Security governance and state–citizen relations (CCS-C)',
    ),
  },
  { code: 'JF', name: t('Just Future (Avenir juste)', 'Just Future') },
  {
    code: 'RES',
    name: t('Recherche et gestion de connaissance', 'Research and knowledge management'),
  },
  { code: 'OD', name: t('Développement organisationnel', 'Organisational development') },
];

/** NEWS, April–June 2023: "116 incidents majeurs avec un bilan de 153 morts et 236 blessés" (no split by domain is given). */
export const DEMO_INCIDENTS: IncidentSummary[] = [
  { programmeCode: 'NEWS', total: { incidents: 116, deaths: 153, injuries: 236 }, byCategory: [] },
];

const plural = (fr1: string, frN: string, en1: string, enN: string) => ({
  fr: { one: fr1, other: frN },
  en: { one: en1, other: enN },
});

/** Products of the quarter: NEWS's 12 weekly reports and 3 monthly bulletins; the Interpeace border monitoring's 3 monthly reports and 1 bimonthly note. */
export const DEMO_DELIVERABLES: DeliverableCount[] = [
  {
    programmeCode: 'NEWS',
    type: 'weekly-report',
    label: plural(
      'rapport hebdomadaire',
      'rapports hebdomadaires',
      'weekly report',
      'weekly reports',
    ),
    count: 12,
  },
  {
    programmeCode: 'NEWS',
    type: 'monthly-bulletin',
    label: plural(
      'bulletin mensuel sur la sécurité humaine',
      'bulletins mensuels sur la sécurité humaine',
      'monthly human-security bulletin',
      'monthly human-security bulletins',
    ),
    count: 3,
  },
  {
    programmeCode: 'NEWS',
    type: 'monthly-report',
    label: plural(
      'rapport mensuel de monitoring frontalier',
      'rapports mensuels de monitoring frontalier',
      'monthly border-monitoring report',
      'monthly border-monitoring reports',
    ),
    count: 3,
  },
  {
    programmeCode: 'NEWS',
    type: 'bimonthly-note',
    label: plural('note bimensuelle', 'notes bimensuelles', 'bimonthly note', 'bimonthly notes'),
    count: 1,
  },
];

type DemoGrant = {
  grant: Grant;
  framework: ResultNode[];
  indicators: (Omit<Indicator, 'values' | 'achievementRule'> & { facts: DemoIndicatorFacts })[];
};

/** Monthly CCS-C training records before April 2023 (illustrative, 25 members per session). */
const CCSC_EARLIER: Record<string, CountRecord> = {
  '2022-07': record(c(50), { female: 12, youth: 20 }),
  '2022-08': record(c(25), { female: 6, youth: 10 }),
  '2022-09': record(c(50), { female: 11, youth: 19 }),
  '2022-10': record(c(75), { female: 17, youth: 28 }),
  '2022-11': record(c(50), { female: 12, youth: 18 }),
  '2022-12': record(c(25), { female: 5, youth: 9 }),
  '2023-01': record(c(50), { female: 13, youth: 20 }),
  '2023-02': record(c(50), { female: 11, youth: 19 }),
  '2023-03': record(c(75), { female: 18, youth: 27 }),
};

/** The bulletin's sessions summed per month, so the quarter adds up to "plus de 325 … 78 femmes et 117 jeunes". */
function sessionsByMonth(activities: readonly Activity[]): Record<string, CountRecord> {
  const out: Record<string, CountRecord> = {};
  for (const a of activities.filter((x) => x.type === 'training' && x.programmeCode === 'SSG')) {
    const m = a.date.slice(0, 7);
    const prev = out[m] ?? { total: c(0), cells: [] };
    const total = a.participants.total ?? c(0);
    const add = (key: string, dim: string) => {
      const v = a.participants.cells.find((x) => x.key[dim] === key)?.value ?? 0;
      const old = prev.cells.find((x) => x.key[dim] === key);
      return { key: { [dim]: key }, value: (old?.value ?? 0) + v, qualifier: 'exact' as const };
    };
    out[m] = {
      total: {
        value: (prev.total?.value ?? 0) + total.value,
        qualifier:
          prev.total?.qualifier === 'at-least' || total.qualifier === 'at-least'
            ? 'at-least'
            : 'exact',
      },
      cells: [add('female', 'sex'), add('youth', 'age')],
    };
  }
  return out;
}

function sessionCounts(activities: readonly Activity[]): Record<string, Count> {
  const out: Record<string, Count> = {
    '2022-07': c(2),
    '2022-08': c(1),
    '2022-09': c(2),
    '2022-10': c(3),
    '2022-11': c(2),
    '2022-12': c(1),
    '2023-01': c(2),
    '2023-02': c(2),
    '2023-03': c(3),
  };
  for (const a of activities.filter((x) => x.type === 'training' && x.programmeCode === 'SSG')) {
    const m = a.date.slice(0, 7);
    out[m] = c((out[m]?.value ?? 0) + 1);
  }
  return out;
}

const PROSMED: DemoGrant = {
  grant: {
    code: 'PNUD-PROSMED-CCSC',
    title: t(
      'Mise en place des Comités consultatifs de sécurité communaux (CCS-C)',
      'Setting up the communal security advisory committees (CCS-C)',
    ),
    donor: {
      code: 'UNDP',
      name: 'PNUD (PROSMED)',
      iati: {
        ref: 'XM-DAC-41114',
        type: '40',
        name: t(
          'Programme des Nations unies pour le développement',
          'United Nations Development Programme',
        ),
      },
    },
    start: '2022-06-01',
    end: '2024-05-31',
    currency: 'XOF',
    totalAmount: 150_000_000,
    fiscalYearStartMonth: 1,
    programmeCodes: ['SSG'],
    undp: {
      businessUnit: 'MLI10',
      awardId: '00098765',
      projectId: '00123456',
      implementingPartner: 'WANEP-Mali',
    },
    iati: {
      activityIdentifier: 'ML-DEMO-WANEP-PROSMED-CCSC',
      activityStatus: '2',
      participatingOrgs: [
        { role: '1', ref: 'XM-DAC-41114', type: '40', name: t('PNUD', 'UNDP') },
        {
          role: '2',
          type: '10',
          name: t(
            'Commissariat à la Réforme du Secteur de la Sécurité (CRSS)',
            'Security Sector Reform Commission (CRSS)',
          ),
        },
        { role: '4', ref: 'ML-DEMO-WANEP', type: '22', name: t('WANEP-Mali', 'WANEP-Mali') },
      ],
      recipientCountries: ['ML'],
      sectors: ['15210'],
      providerActivityId: 'XM-DAC-41114-PROJECT-00123456',
      incomingFunds: [{ date: '2022-06-15', value: 75_000_000 }],
    },
  },
  framework: [
    {
      code: 'IMP',
      level: 'impact',
      parentCode: null,
      title: t(
        'La gouvernance sécuritaire est améliorée par une démarche participative et inclusive',
        'Security governance improves through a participatory, inclusive approach',
      ),
      assumptions: [
        t(
          "L'ancrage institutionnel du CRSS est maintenu",
          'The CRSS remains the institutional anchor',
        ),
      ],
      sourcesOfVerification: [],
    },
    {
      code: 'OC1',
      level: 'outcome',
      parentCode: 'IMP',
      title: t(
        'Les CCS-C sont opérationnels et dotés de plans d’action',
        'The CCS-C are operational and have action plans',
      ),
      assumptions: [
        t(
          "La situation sécuritaire permet l'accès aux communes",
          'Security allows access to the communes',
        ),
      ],
      sourcesOfVerification: [],
    },
    {
      code: 'OP1',
      level: 'output',
      parentCode: 'OC1',
      title: t(
        'Les membres des CCS-C sont formés (police de proximité, évaluation sécuritaire, analyse participative, facilitation)',
        'CCS-C members are trained (community policing, security assessment, participatory analysis, facilitation)',
      ),
      assumptions: [
        t('Les autorités locales mobilisent les membres', 'Local authorities mobilise the members'),
      ],
      sourcesOfVerification: [],
    },
  ],
  indicators: [
    {
      code: 'IMP.1',
      nodeCode: 'IMP',
      title: t(
        'Nombre d’incidents sécuritaires majeurs rapportés (NEWS)',
        'Number of major security incidents reported (NEWS)',
      ),
      unit: 'number',
      direction: 'lower-is-better',
      cumulative: false,
      additive: true,
      dimensions: [],
      baseline: { value: 130, year: 2022, date: '2022-06-30' },
      sourcesOfVerification: [t('Rapports hebdomadaires NEWS', 'NEWS weekly reports')],
      comment: t(
        'Chiffre national du NEWS, pas seulement les communes couvertes.',
        'National NEWS figure, not only the communes covered.',
      ),
      facts: {
        rule: 'sum',
        facts: {
          '2022-07': c(45),
          '2022-08': c(44),
          '2022-09': c(43),
          '2022-10': c(41),
          '2022-11': c(40),
          '2022-12': c(39),
          '2023-01': c(40),
          '2023-02': c(38),
          '2023-03': c(42),
          '2023-04': c(38),
          '2023-05': c(41),
          '2023-06': c(37),
        },
        targets: {
          '2022-Q3': 120,
          '2022-Q4': 115,
          '2023-Q1': 110,
          '2023-Q2': 100,
          '2023-Q3': 95,
          '2023-Q4': 90,
          '2024-Q1': 90,
          '2024-Q2': 85,
        },
      },
    },
    {
      code: 'OC1.1',
      nodeCode: 'OC1',
      title: t(
        'Nombre de CCS-C disposant d’un plan d’action adopté',
        'Number of CCS-C with an adopted action plan',
      ),
      unit: 'number',
      direction: 'higher-is-better',
      cumulative: true,
      additive: false,
      dimensions: [],
      baseline: { value: 0, year: 2022 },
      sourcesOfVerification: [t('Plans d’action signés', 'Signed action plans')],
      deviation: t(
        'Les plans élaborés pendant les sessions de formation attendent leur adoption par les conseils communaux.',
        'The plans drafted during the training sessions await adoption by the communal councils.',
      ),
      facts: {
        rule: 'latest',
        facts: {},
        targets: { '2023-Q2': 10, '2023-Q4': 20, '2024-Q2': 40 },
      },
    },
    {
      code: 'OP1.1',
      nodeCode: 'OP1',
      title: t(
        'Nombre de sessions de formation des CCS-C tenues',
        'Number of CCS-C training sessions held',
      ),
      unit: 'number',
      direction: 'higher-is-better',
      cumulative: false,
      additive: true,
      dimensions: [],
      baseline: { value: 0, year: 2022 },
      sourcesOfVerification: [
        t('Rapports de formation', 'Training reports'),
        t('Listes de présence', 'Attendance sheets'),
      ],
      comment: t('Treize sessions dans huit régions.', 'Thirteen sessions in eight regions.'),
      facts: {
        rule: 'sum',
        facts: {},
        targets: {
          '2022-Q3': 6,
          '2022-Q4': 6,
          '2023-Q1': 8,
          '2023-Q2': 12,
          '2023-Q3': 10,
          '2023-Q4': 8,
          '2024-Q1': 6,
          '2024-Q2': 4,
        },
      },
    },
    {
      code: 'OP1.2',
      nodeCode: 'OP1',
      title: t('Nombre de membres des CCS-C formés', 'Number of CCS-C members trained'),
      unit: 'number',
      direction: 'higher-is-better',
      cumulative: false,
      additive: true,
      dimensions: ['sex', 'age'],
      baseline: { value: 0, year: 2022 },
      sourcesOfVerification: [t('Listes de présence', 'Attendance sheets')],
      comment: t(
        'Plus de 325 membres, dont 78 femmes et 117 jeunes.',
        'More than 325 members, of whom 78 women and 117 young people.',
      ),
      facts: {
        rule: 'sum',
        facts: {},
        targets: {
          '2022-Q3': 150,
          '2022-Q4': 150,
          '2023-Q1': 200,
          '2023-Q2': 300,
          '2023-Q3': 250,
          '2023-Q4': 200,
          '2024-Q1': 150,
          '2024-Q2': 100,
        },
      },
    },
    {
      code: 'OP1.3',
      nodeCode: 'OP1',
      title: t(
        'Proportion de femmes parmi les membres formés (%)',
        'Share of women among members trained (%)',
      ),
      unit: 'percent',
      direction: 'higher-is-better',
      cumulative: false,
      additive: false,
      dimensions: [],
      baseline: { value: 15, year: 2022 },
      sourcesOfVerification: [t('Listes de présence', 'Attendance sheets')],
      deviation: t(
        'Les femmes restent peu nombreuses dans les CCS-C tels que constitués par les communes.',
        'Few women sit on the CCS-C as the communes constituted them.',
      ),
      facts: { rule: { ratioOf: 'OP1.2' }, facts: {}, targets: {}, flatTarget: 30 },
    },
  ],
};

const JUST_FUTURE: DemoGrant = {
  grant: {
    code: 'NL-JUST-FUTURE',
    title: t('Just Future (Avenir juste)', 'Just Future'),
    donor: {
      code: 'NL-MFA',
      name: 'Ministère des Affaires étrangères des Pays-Bas',
      iati: {
        ref: 'XM-DAC-7',
        type: '10',
        name: t(
          'Ministère des Affaires étrangères des Pays-Bas',
          'Netherlands Ministry of Foreign Affairs',
        ),
      },
    },
    start: '2021-01-01',
    end: '2025-12-31',
    currency: 'EUR',
    totalAmount: null,
    fiscalYearStartMonth: 1,
    programmeCodes: ['JF'],
    iati: {
      activityIdentifier: 'ML-DEMO-WANEP-JUST-FUTURE',
      activityStatus: '2',
      participatingOrgs: [
        {
          role: '1',
          ref: 'XM-DAC-7',
          type: '10',
          name: t(
            'Ministère des Affaires étrangères des Pays-Bas',
            'Netherlands Ministry of Foreign Affairs',
          ),
        },
        {
          role: '3',
          type: '21',
          name: t('Cordaid (chef de file de l’alliance)', 'Cordaid (alliance lead)'),
        },
        { role: '4', ref: 'ML-DEMO-WANEP', type: '22', name: t('WANEP-Mali', 'WANEP-Mali') },
      ],
      recipientCountries: ['ML'],
      sectors: ['15220'],
      providerActivityId: 'NL-DEMO-CORDAID-JUST-FUTURE',
      incomingFunds: [{ date: '2023-01-20', value: 120_000 }],
    },
  },
  framework: [
    {
      code: 'JF',
      level: 'impact',
      parentCode: null,
      title: t(
        'Institutions de sécurité et de justice accessibles, réactives et redevables ; décision politique et processus de paix inclusifs',
        'Accessible, responsive and accountable security and justice institutions; inclusive political decision-making and peace processes',
      ),
      assumptions: [],
      sourcesOfVerification: [],
    },
    {
      code: 'PO1',
      level: 'outcome',
      parentCode: 'JF',
      title: t(
        'Les prestataires de sécurité sont plus réactifs et redevables',
        'Security providers are more responsive and accountable',
      ),
      assumptions: [
        t(
          'Le dialogue avec les autorités de transition reste possible',
          'Dialogue with the transition authorities remains possible',
        ),
      ],
      sourcesOfVerification: [],
    },
    {
      code: 'PO3',
      level: 'outcome',
      parentCode: 'JF',
      title: t(
        'La prise de décision politique et les processus de paix sont plus inclusifs',
        'Political decision-making and peace processes are more inclusive',
      ),
      assumptions: [],
      sourcesOfVerification: [],
    },
    {
      code: 'PO3-OP1',
      level: 'output',
      parentCode: 'PO3',
      title: t(
        'Les décideurs sont saisis des besoins des groupes marginalisés et exclus',
        'Decision-makers are lobbied on the needs of marginalised and excluded groups',
      ),
      assumptions: [],
      sourcesOfVerification: [],
    },
  ],
  indicators: [
    {
      code: 'JF-PO1.1',
      nodeCode: 'PO1',
      title: t(
        'Exemples de prise en compte des recommandations par les institutions de sécurité',
        'Examples of security institutions taking up recommendations',
      ),
      unit: 'qualitative',
      direction: 'higher-is-better',
      cumulative: false,
      additive: false,
      dimensions: [],
      baseline: null,
      sourcesOfVerification: [t('Comptes rendus des rencontres', 'Meeting minutes')],
      facts: { rule: 'latest', facts: {}, targets: {} },
    },
    {
      code: 'JF-PO3.1',
      nodeCode: 'PO3-OP1',
      title: t(
        'Nombre de rencontres de lobbying avec des décideurs',
        'Number of lobbying meetings with decision-makers',
      ),
      unit: 'number',
      direction: 'higher-is-better',
      cumulative: false,
      additive: true,
      dimensions: [],
      baseline: { value: 0, year: 2021 },
      sourcesOfVerification: [t('Comptes rendus', 'Minutes')],
      facts: {
        rule: 'sum',
        facts: { '2023-02': c(1), '2023-05': c(1) },
        targets: { '2023-Q1': 2, '2023-Q2': 2, '2023-Q3': 2, '2023-Q4': 2, '2025-Q4': 24 },
      },
    },
    {
      code: 'JF-PO3.2',
      nodeCode: 'PO3-OP1',
      title: t(
        'Nombre de personnes touchées par le lobbying',
        'Number of people reached by lobbying',
      ),
      unit: 'number',
      direction: 'higher-is-better',
      cumulative: false,
      additive: true,
      dimensions: ['sex', 'age'],
      baseline: { value: 0, year: 2021 },
      sourcesOfVerification: [t('Listes de présence', 'Attendance sheets')],
      deviation: t(
        'Une seule rencontre a pu se tenir ; la seconde, avec la commission des lois, est reportée.',
        'Only one meeting could be held; the second, with the law commission, was postponed.',
      ),
      facts: {
        rule: 'sum',
        facts: { '2023-02': record(c(12), { female: 3 }), '2023-05': record(c(17), { female: 4 }) },
        targets: { '2023-Q1': 30, '2023-Q2': 40, '2023-Q3': 30, '2023-Q4': 30 },
      },
    },
    {
      code: 'JF-OP1.1',
      nodeCode: 'PO3-OP1',
      title: t(
        'Nombre de rencontres de coordination de l’alliance au Mali',
        'Number of alliance coordination meetings in Mali',
      ),
      unit: 'number',
      direction: 'higher-is-better',
      cumulative: false,
      additive: true,
      dimensions: [],
      baseline: { value: 0, year: 2021 },
      sourcesOfVerification: [t('Comptes rendus', 'Minutes')],
      facts: {
        rule: 'sum',
        facts: { '2023-01': c(1), '2023-04': c(2) },
        targets: { '2023-Q1': 1, '2023-Q2': 1, '2023-Q3': 1, '2023-Q4': 1 },
      },
    },
  ],
};

/** The demo grants: UNDP PROSMED (CCS-C) and the Netherlands' Just Future. */
export const DEMO_GRANTS = { prosmed: PROSMED, 'just-future': JUST_FUTURE } as const;

/** A grant of the demo. */
export type DemoGrantId = keyof typeof DEMO_GRANTS;

/** Data-quality findings of activities, from the domain's consistency check, plus undisaggregated totals. */
export function demoFindings(activities: readonly Activity[]): DataQualityFinding[] {
  const out: DataQualityFinding[] = [];
  for (const a of activities) {
    for (const issue of checkConsistency(a.participants, DEFAULT_DIMENSIONS)) {
      out.push({
        severity: issue.severity,
        code: issue.code,
        activityId: a.id,
        date: a.date,
        subject: a.title,
        message: issue.message,
      });
    }
    if (a.participants.total === null) {
      out.push({
        severity: 'warning',
        code: 'participants-missing',
        activityId: a.id,
        date: a.date,
        subject: a.title,
        message: t('Aucun effectif de participants enregistré.', 'No participant count recorded.'),
      });
    } else if (a.participants.cells.length === 0) {
      out.push({
        severity: 'warning',
        code: 'not-disaggregated',
        activityId: a.id,
        date: a.date,
        subject: a.title,
        message: t(
          'Effectif total sans ventilation par sexe ni par âge.',
          'Total without a breakdown by sex or age.',
        ),
      });
    }
  }
  return out;
}

/**
 * A full report model for a demo grant, shaped for a template (its periods and achievement rule), for
 * April–June 2023 unless told otherwise. The values come from {@link demoValues}, a fixture engine.
 * @example buildDemoModel({ grant: 'prosmed', template: getTemplate('undp-quarterly')! }).indicators[3].values
 */
export function buildDemoModel(options: {
  grant: DemoGrantId;
  template: ReportTemplate;
  reportingPeriod?: string;
  generatedAt?: string;
  activities?: Activity[];
}): ReportModel {
  const demo = DEMO_GRANTS[options.grant];
  const template = options.template;
  const plan = planPeriods(template, options.reportingPeriod ?? '2023-Q2', demo.grant);
  if (!plan.ok) throw new Error(plan.error.message.en);
  const rp = plan.value.periods.find((p) => p.code === plan.value.reportingPeriod);
  if (!rp) throw new Error('reporting period missing from plan');
  const activities =
    options.activities ??
    BULLETIN_ACTIVITIES.filter(
      (a) => a.grantCodes.includes(demo.grant.code) && a.date >= rp.start && a.date <= rp.end,
    );
  const all: Record<string, DemoIndicatorFacts> = {};
  for (const ind of demo.indicators) all[ind.code] = ind.facts;
  // The CCS-C facts come from the bulletin's sessions, so the quarter is the bulletin's own sum.
  const ccsc = all['OP1.2'];
  if (ccsc) ccsc.facts = { ...CCSC_EARLIER, ...sessionsByMonth(BULLETIN_ACTIVITIES) };
  const sessions = all['OP1.1'];
  if (sessions) sessions.facts = sessionCounts(BULLETIN_ACTIVITIES);
  const achievement = { rule: template.achievement.rule, scale: template.achievement.scale };
  const indicators: Indicator[] = demo.indicators.map(({ facts, ...spec }) => {
    const achievementRule: Indicator['achievementRule'] =
      template.achievement.rule === 'progress-from-baseline'
        ? 'progress-from-baseline'
        : spec.direction === 'lower-is-better'
          ? 'target-over-actual'
          : 'actual-over-target';
    const ind = { ...spec, achievementRule };
    const values = demoValues(ind, facts, plan.value.periods, {
      asOf: rp.end,
      grantStart: demo.grant.start,
      achievement,
      dimensions: DEFAULT_DIMENSIONS,
      all,
    });
    if (ind.unit === 'qualitative') {
      const v = values.find((x) => x.period === rp.code);
      if (v)
        v.actualText = t(
          'La Commission Défense du CNT a inscrit les articles 11 et 13 à 16 de la CDPH à son ordre du jour.',
          'The CNT defence commission put articles 11 and 13–16 of the CRPD on its agenda.',
        );
      for (const x of values)
        Object.assign(x, { target: null, actual: null, achievement: null, status: 'no-data' });
    }
    return { ...ind, values };
  });
  const q = parsePeriod('2023-Q2');
  const quarterLabel = q.ok ? formatPeriod(q.value, 'fr', 'long') : 'avril–juin 2023';
  return {
    schemaVersion: 1,
    generatedAt: options.generatedAt ?? '2023-07-14T09:30:00Z',
    organisation: DEMO_ORGANISATION,
    grant: demo.grant,
    reportingPeriod: plan.value.reportingPeriod,
    periods: plan.value.periods,
    achievement,
    dimensions: [...DEFAULT_DIMENSIONS],
    programmes: DEMO_PROGRAMMES.filter((p) => demo.grant.programmeCodes.includes(p.code)),
    framework: demo.framework,
    indicators,
    activities,
    dataQuality: demoFindings(activities),
    incidents: options.grant === 'prosmed' ? DEMO_INCIDENTS : [],
    deliverables: [],
    narrative: {
      summary: t(
        `Rapport de ${quarterLabel} établi à partir du bulletin trimestriel de WANEP-Mali.`,
        'Report for April–June 2023 built from WANEP-Mali’s quarterly bulletin.',
      ),
      challenges: t(
        'Contexte sécuritaire et sociopolitique difficile dans les régions du centre.',
        'Difficult security and socio-political context in the central regions.',
      ),
    },
  };
}

/** The bulletin model of April–June 2023: every programme, activity, incident and product the bulletin counts. */
export function buildDemoBulletinModel(generatedAt = '2023-07-14T09:30:00Z'): BulletinModel {
  const q = parsePeriod('2023-Q2');
  if (!q.ok) throw new Error('period');
  return {
    schemaVersion: 1,
    generatedAt,
    organisation: DEMO_ORGANISATION,
    period: {
      ...q.value,
      roles: ['reporting-period'],
      label: { fr: formatPeriod(q.value, 'fr', 'long'), en: formatPeriod(q.value, 'en', 'long') },
    },
    dimensions: [...DEFAULT_DIMENSIONS],
    programmes: DEMO_PROGRAMMES,
    activities: BULLETIN_ACTIVITIES,
    incidents: DEMO_INCIDENTS,
    deliverables: DEMO_DELIVERABLES,
  };
}
