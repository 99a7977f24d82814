import type { Count, CountRecord } from '@jalon/domain';
import type { Activity } from '../model/evidence.js';

const c = (value: number, qualifier: Count['qualifier'] = 'exact'): Count => ({ value, qualifier });

/** Participants as an officer records them: a total and whatever breakdown is known. */
export function record(
  total: Count | null,
  parts: { female?: number; youth?: number } = {},
): CountRecord {
  const cells = [];
  if (parts.female !== undefined)
    cells.push({ key: { sex: 'female' }, value: parts.female, qualifier: 'exact' as const });
  if (parts.youth !== undefined)
    cells.push({ key: { age: 'youth' }, value: parts.youth, qualifier: 'exact' as const });
  return { total, cells };
}

const TRAINING = { fr: 'Formation', en: 'Training' };

/**
 * The 13 CCS-C training sessions of April–June 2023. The bulletin gives only their sum — "plus de 325
 * membres … dont 78 femmes et 117 jeunes" in Bandiagara, Mopti, San, Ségou, Koutiala, Nara, Nioro du
 * Sahel and Kayes; the split per session and the dates are illustrative and add up to exactly that.
 */
export const CCSC_SESSIONS: Activity[] = [
  ['2023-04-11', 'Bandiagara', 6],
  ['2023-04-13', 'Bandiagara', 6],
  ['2023-04-18', 'Mopti', 5],
  ['2023-04-20', 'Mopti', 6],
  ['2023-05-03', 'San', 7],
  ['2023-05-05', 'San', 6],
  ['2023-05-10', 'Ségou', 6],
  ['2023-05-12', 'Ségou', 6],
  ['2023-05-24', 'Koutiala', 6],
  ['2023-06-06', 'Nara', 6],
  ['2023-06-08', 'Nioro du Sahel', 6],
  ['2023-06-13', 'Kayes', 6],
  ['2023-06-15', 'Kayes', 6],
].map(([date, region, women], i) => ({
  id: `ccsc-${String(i + 1).padStart(2, '0')}`,
  date: String(date),
  title: `Formation et appui au plan d'action du CCS-C (${String(region)})`,
  type: 'training',
  typeLabel: TRAINING,
  programmeCode: 'SSG',
  places: [String(region)],
  // The last session's attendance sheet was incomplete: "plus de 25".
  participants: record(c(25, i === 12 ? 'at-least' : 'exact'), { female: Number(women), youth: 9 }),
  grantCodes: ['PNUD-PROSMED-CCSC'],
  indicatorCodes: ['OP1.1', 'OP1.2'],
}));

/** Every activity of the bulletin's second quarter of 2023, by programme, with the counts it gives. */
export const BULLETIN_ACTIVITIES: Activity[] = [
  {
    id: 'news-ecowarn-retreat',
    date: '2023-05-29',
    endDate: '2023-06-02',
    title: 'Retraite annuelle des moniteurs ECOWARN (Saly, Sénégal)',
    type: 'training',
    typeLabel: TRAINING,
    programmeCode: 'NEWS',
    places: ['Saly (Sénégal)'],
    participants: record(null),
    grantCodes: [],
    indicatorCodes: [],
  },
  {
    id: 'wps-cnf-restitution',
    date: '2023-04-06',
    title: 'Restitution de la réunion consultative des OSC d’Accra auprès de la CNF',
    type: 'meeting',
    typeLabel: { fr: 'Réunion', en: 'Meeting' },
    programmeCode: 'WPS',
    places: ['Bamako'],
    participants: record(c(15, 'approximate')),
    grantCodes: [],
    indicatorCodes: [],
  },
  {
    id: 'wps-plf-capitalisation',
    date: '2023-04-07',
    title: 'Capitalisation des résultats du Programme Leadership Féminin (PLF) avec le DRC',
    type: 'meeting',
    typeLabel: { fr: 'Réunion', en: 'Meeting' },
    programmeCode: 'WPS',
    places: ['Bamako'],
    participants: record(null),
    grantCodes: [],
    indicatorCodes: [],
  },
  {
    id: 'wps-1325-workshop',
    date: '2023-05-26',
    title: 'Atelier de haut niveau sur le Plan d’action national de la Résolution 1325',
    type: 'workshop',
    typeLabel: { fr: 'Atelier', en: 'Workshop' },
    programmeCode: 'WPS',
    places: ['Bamako'],
    participants: record(null),
    grantCodes: [],
    indicatorCodes: [],
  },
  {
    id: 'wps-gender-talk',
    date: '2023-06-15',
    title: 'Gender Talk : la nouvelle constitution et l’Agenda Femme, Paix et Sécurité',
    type: 'webinar',
    typeLabel: { fr: 'Webinaire', en: 'Webinar' },
    programmeCode: 'WPS',
    places: ['en ligne'],
    participants: record(c(50, 'approximate')),
    grantCodes: [],
    indicatorCodes: [],
  },
  {
    id: 'wps-fgm-awareness',
    date: '2023-05-09',
    title: 'Causerie-débat sur les mutilations génitales féminines et les mariages précoces',
    type: 'awareness',
    typeLabel: { fr: 'Sensibilisation', en: 'Awareness session' },
    programmeCode: 'WPS',
    places: ['Bamako'],
    participants: record(c(150), { female: 97, youth: 109 }),
    grantCodes: [],
    indicatorCodes: [],
  },
  {
    id: 'yps-yteam-planning',
    date: '2023-05-29',
    title: 'Réunion de planification du programme Y-TEaM',
    type: 'meeting',
    typeLabel: { fr: 'Réunion', en: 'Meeting' },
    programmeCode: 'YPS',
    places: ['Bamako'],
    participants: record(null),
    grantCodes: [],
    indicatorCodes: [],
  },
  {
    id: 'yps-tech-webinar',
    date: '2023-05-31',
    title: 'Webinaire : tirer profit de la technologie pour l’Agenda Jeunesse, Paix et Sécurité',
    type: 'webinar',
    typeLabel: { fr: 'Webinaire', en: 'Webinar' },
    programmeCode: 'YPS',
    places: ['en ligne'],
    participants: record(c(50, 'approximate')),
    grantCodes: [],
    indicatorCodes: [],
  },
  ...CCSC_SESSIONS,
  {
    id: 'ssg-bamako-forum',
    date: '2023-05-20',
    title: 'Forum de Bamako, 23e édition : panel sur l’approche sécuritaire',
    type: 'conference',
    typeLabel: { fr: 'Conférence', en: 'Conference' },
    programmeCode: 'SSG',
    places: ['Bamako'],
    participants: record(null),
    grantCodes: ['PNUD-PROSMED-CCSC'],
    indicatorCodes: [],
  },
  {
    id: 'jf-cnt-lobbying',
    date: '2023-05-16',
    title:
      'Lobbying auprès de la Commission Défense nationale, Sécurité et Protection civile du CNT',
    type: 'lobbying',
    typeLabel: { fr: 'Lobbying', en: 'Lobbying meeting' },
    programmeCode: 'JF',
    places: ['Bamako'],
    participants: record(c(17), { female: 4 }),
    grantCodes: ['NL-JUST-FUTURE'],
    indicatorCodes: ['JF-PO3.1', 'JF-PO3.2'],
  },
  {
    id: 'jf-advocacy-strategy',
    date: '2023-05-15',
    endDate: '2023-05-17',
    title: 'Mise à jour de la stratégie de plaidoyer Just Future',
    type: 'workshop',
    typeLabel: { fr: 'Atelier', en: 'Workshop' },
    programmeCode: 'JF',
    places: ['Bamako'],
    participants: record(null),
    grantCodes: ['NL-JUST-FUTURE'],
    indicatorCodes: [],
  },
  {
    id: 'jf-exchange-visit',
    date: '2023-05-18',
    title: 'Visite d’échanges du Secrétariat international de Just Future',
    type: 'meeting',
    typeLabel: { fr: 'Réunion', en: 'Meeting' },
    programmeCode: 'JF',
    places: ['Bamako'],
    participants: record(null),
    grantCodes: ['NL-JUST-FUTURE'],
    indicatorCodes: ['JF-OP1.1'],
  },
  {
    id: 'jf-alliance-coordination',
    date: '2023-04-06',
    title: 'Rencontre de coordination de l’alliance Just Future (ASSN, SFCG, Cordaid, WANEP-Mali)',
    type: 'meeting',
    typeLabel: { fr: 'Réunion', en: 'Meeting' },
    programmeCode: 'JF',
    places: ['Bamako'],
    participants: record(null),
    grantCodes: ['NL-JUST-FUTURE'],
    indicatorCodes: ['JF-OP1.1'],
  },
  {
    id: 'research-land-conflicts',
    date: '2023-05-31',
    title:
      'Table ronde : résultats préliminaires des enquêtes sur les conflits fonciers dans la région de Mopti',
    type: 'study',
    typeLabel: { fr: 'Étude', en: 'Study' },
    programmeCode: 'RES',
    places: ['Bamako'],
    participants: record(null),
    grantCodes: [],
    indicatorCodes: [],
  },
  {
    id: 'od-ecowas-anniversary',
    date: '2023-05-27',
    title: '48e anniversaire de la CEDEAO',
    type: 'conference',
    typeLabel: { fr: 'Conférence', en: 'Conference' },
    programmeCode: 'OD',
    places: ['Bamako'],
    participants: record(c(50, 'approximate')),
    grantCodes: [],
    indicatorCodes: [],
  },
];
