import type {
  ActivityRole,
  ActivityType,
  CountQualifier,
  OrganisationKind,
  PlaceLevel,
} from '../schema/index';

/**
 * The demo data set: WANEP-Mali's second quarter of 2023 as its quarterly bulletin tells it
 * (`shared/seed/wanep-mali-bulletin-2023-q2.md`). Figures are the bulletin's, qualifiers included:
 * "une quinzaine" and "environ 50" are approximate, "plus de 325" is a lower bound. Where the
 * bulletin gives no figure, there is no participation record: unknown stays unknown.
 */
export interface DemoOrganisation {
  code: string;
  name: string;
  kind: OrganisationKind;
  country: string;
}

export interface DemoPlace {
  code: string;
  name: string;
  level: PlaceLevel;
  parent?: string;
}

export interface DemoProgramme {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  /** The year the programme started, as the bulletin says it (« depuis 2011 »). */
  sinceYear?: number;
  /** Where it runs (ISO 3166-1 alpha-2), as the bulletin lists it. */
  countries?: string[];
}

export interface DemoCount {
  value: number;
  qualifier: CountQualifier;
}

export interface DemoActivity {
  code: string;
  programme: string;
  title: string;
  summary: string;
  type: ActivityType;
  role: ActivityRole;
  startDate: string;
  endDate: string;
  sessions?: number;
  places: string[];
  participants?: {
    total: DemoCount | null;
    cells?: { key: Record<string, string>; value: number; qualifier?: CountQualifier }[];
    note?: string;
  };
}

export const wanepMali: DemoOrganisation = {
  code: 'WANEP-ML',
  name: 'WANEP-Mali',
  kind: 'national-network',
  country: 'ML',
};

/** Mali's regions after the 2023 reform (those the bulletin names among them), Bamako, and Saly. */
export const demoPlaces: DemoPlace[] = [
  { code: 'ML', name: 'Mali', level: 'country' },
  { code: 'ML-BAMAKO', name: 'Bamako', level: 'region', parent: 'ML' },
  ...[
    'Kayes',
    'Koulikoro',
    'Sikasso',
    'Ségou',
    'Mopti',
    'Tombouctou',
    'Gao',
    'Kidal',
    'Taoudénit',
    'Ménaka',
    'Nioro du Sahel',
    'Kita',
    'Dioïla',
    'Nara',
    'Bougouni',
    'Koutiala',
    'San',
    'Douentza',
    'Bandiagara',
  ].map((name): DemoPlace => ({ code: placeCode(name), name, level: 'region', parent: 'ML' })),
  { code: 'SN', name: 'Sénégal', level: 'country' },
  { code: 'SN-SALY', name: 'Saly', level: 'locality', parent: 'SN' },
];

/**
 * The place's path of lower-case codes from the country down (`ml/nioro-du-sahel`), which the
 * domain's place filters read: "within Mopti" is a prefix test.
 */
export function placePath(p: DemoPlace, parentPath: string | undefined): string {
  const segment = p.code.toLowerCase().replace(/^[a-z]{2}-/, '');
  return parentPath ? `${parentPath}/${segment}` : segment;
}

/** `Nioro du Sahel` → `ML-NIORO-DU-SAHEL`. */
export function placeCode(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-');
  return `ML-${slug}`;
}

export const demoProgrammes: DemoProgramme[] = [
  {
    code: 'NEWS',
    name: "Système national d'alerte précoce (NEWS)",
    nameEn: 'National Early Warning System (NEWS)',
    description:
      'Alerte précoce et réponse rapide avec la CEDEAO depuis 2011, et monitoring des incidents dans les localités frontalières (Interpeace).',
    // « opérationnel au Mali depuis 2011 » (the bulletin, NOS PROGRAMMES).
    sinceYear: 2011,
  },
  {
    code: 'FPS',
    name: 'Femme, paix et sécurité',
    nameEn: 'Women, Peace and Security',
    description: 'Agenda Femme, Paix et Sécurité et Résolution 1325.',
  },
  {
    code: 'JPS',
    name: 'Jeunesse, paix et sécurité',
    nameEn: 'Youth, Peace and Security',
    description: 'Programme Y-TEaM et agenda Jeunesse, Paix et Sécurité.',
  },
  {
    code: 'CCS-C',
    name: 'Renforcement de capacité institutionnelle et relation État-citoyens',
    nameEn: 'Institutional capacity and state–citizen relations',
    description:
      'Comités consultatifs de sécurité communaux (CCS-C), avec le CRSS et le PNUD (PROSMED).',
  },
  {
    code: 'JF',
    name: 'Just Future (Avenir juste)',
    nameEn: 'Just Future',
    description:
      'Alliance WANEP, Cordaid, Search for Common Ground et ASSN, financée par le ministère des Affaires étrangères des Pays-Bas (2021-2025).',
    // « mis en œuvre dans six (06) pays Afghanistan, Burundi, République Démocratique du Congo,
    // Mali, Niger et Soudan du Sud … sur la période 2021-2025 ».
    sinceYear: 2021,
    countries: ['AF', 'BI', 'CD', 'ML', 'NE', 'SS'],
  },
  {
    code: 'RGC',
    name: 'Recherche et gestion de connaissance',
    nameEn: 'Research and knowledge management',
    description: 'Études, enquêtes et partage des résultats de recherche.',
  },
  {
    code: 'DO',
    name: 'Développement organisationnel du réseau et des organisations membres',
    nameEn: 'Organisational development of the network and its members',
    description: 'Partenariats, représentation et renforcement du réseau.',
  },
];

const approx = (value: number): DemoCount => ({ value, qualifier: 'approximate' });
const exact = (value: number): DemoCount => ({ value, qualifier: 'exact' });
const atLeast = (value: number): DemoCount => ({ value, qualifier: 'at-least' });
const BAMAKO = 'ML-BAMAKO';

export const demoActivities: DemoActivity[] = [
  {
    code: 'NEWS-2023-05-29-RETRAITE-ECOWARN',
    programme: 'NEWS',
    title: 'Formation des moniteurs du système d’alerte précoce de la CEDEAO (ECOWARN)',
    summary:
      'Participation du chargé de programme NEWS à la retraite annuelle des moniteurs ECOWARN à Saly : bilan du monitoring, défis et perspectives.',
    type: 'training',
    role: 'participant',
    startDate: '2023-05-29',
    endDate: '2023-06-02',
    places: ['SN-SALY'],
  },
  {
    code: 'FPS-2023-04-06-RESTITUTION-ACCRA',
    programme: 'FPS',
    title: 'Session de restitution de la réunion consultative des OSC d’Accra auprès de la CNF',
    summary:
      'Restitution, au secrétariat national, des conclusions de la réunion consultative d’Accra (21-23 novembre 2022) aux organisations de femmes et de jeunes.',
    type: 'meeting',
    role: 'organiser',
    startDate: '2023-04-06',
    endDate: '2023-04-06',
    places: [BAMAKO],
    participants: { total: approx(15), note: 'une quinzaine de participants' },
  },
  {
    code: 'FPS-2023-04-07-CAPITALISATION-PLF',
    programme: 'FPS',
    title: 'Rencontre de capitalisation des résultats du Programme Leadership Féminin (PLF)',
    summary:
      'Bilan de la phase I du PLF avec le bureau du DRC au Mali : leçons apprises et perspectives.',
    type: 'meeting',
    role: 'co-organiser',
    startDate: '2023-04-07',
    endDate: '2023-04-07',
    places: [BAMAKO],
  },
  {
    code: 'FPS-2023-05-09-CAUSERIE-MGF',
    programme: 'FPS',
    title: 'Causerie-débat sur les mutilations génitales féminines et les mariages précoces',
    summary:
      'À l’initiative de la CNF et de l’ODEF, avec l’appui du CECI, dans la case ronde du CNDIFE.',
    type: 'awareness',
    role: 'participant',
    startDate: '2023-05-09',
    endDate: '2023-05-09',
    places: [BAMAKO],
    participants: {
      total: exact(150),
      cells: [
        { key: { sex: 'female' }, value: 97 },
        { key: { age: 'youth' }, value: 109 },
      ],
    },
  },
  {
    code: 'FPS-2023-05-26-ATELIER-PAN-1325',
    programme: 'FPS',
    title: 'Atelier de haut niveau sur le Plan d’action national de la Résolution 1325',
    summary:
      'À l’invitation d’ONU Femmes : partage des résultats d’une évaluation indépendante de l’agenda Femme, Paix et Sécurité.',
    type: 'workshop',
    role: 'participant',
    startDate: '2023-05-26',
    endDate: '2023-05-26',
    places: [BAMAKO],
  },
  {
    code: 'FPS-2023-06-15-GENDER-TALK',
    programme: 'FPS',
    title:
      'Gender Talk : la nouvelle Constitution, une opportunité pour l’agenda Femme, Paix et Sécurité ?',
    summary:
      'Webinaire avec une ancienne ministre, la vice-présidente de la commission des lois du CNT, des journalistes et des chercheurs.',
    type: 'webinar',
    role: 'organiser',
    startDate: '2023-06-15',
    endDate: '2023-06-15',
    places: [],
    participants: { total: approx(50), note: 'environ cinquante (50) personnes' },
  },
  {
    code: 'JPS-2023-05-29-PLANIFICATION-YTEAM',
    programme: 'JPS',
    title: 'Réunion de planification du programme Y-TEaM',
    summary: 'Adoption du planning des stagiaires du Mali pour juin-septembre 2023.',
    type: 'meeting',
    role: 'organiser',
    startDate: '2023-05-29',
    endDate: '2023-05-29',
    places: [BAMAKO],
  },
  {
    code: 'JPS-2023-05-31-WEBINAIRE-TECHNOLOGIE',
    programme: 'JPS',
    title:
      'Webinaire : tirer profit de la technologie pour avancer l’agenda Jeunesse, Paix et Sécurité',
    summary:
      'Organisé par le bureau régional du WANEP, surtout avec des organisations et réseaux de jeunes.',
    type: 'webinar',
    role: 'participant',
    startDate: '2023-05-31',
    endDate: '2023-05-31',
    places: [],
    participants: { total: approx(50), note: 'environ 50 personnes' },
  },
  {
    code: 'CCS-C-2023-T2-FORMATIONS',
    programme: 'CCS-C',
    title:
      'Sessions de formation et d’appui aux plans d’action des Comités consultatifs de sécurité communaux',
    summary:
      'Treize sessions (police de proximité, évaluation sécuritaire, analyse participative, facilitation) ; dates exactes non précisées dans le bulletin.',
    type: 'training',
    role: 'organiser',
    startDate: '2023-04-01',
    endDate: '2023-06-30',
    sessions: 13,
    places: [
      'Bandiagara',
      'Mopti',
      'San',
      'Ségou',
      'Koutiala',
      'Nara',
      'Nioro du Sahel',
      'Kayes',
    ].map(placeCode),
    participants: {
      total: atLeast(325),
      cells: [
        { key: { sex: 'female' }, value: 78 },
        { key: { age: 'youth' }, value: 117 },
      ],
      note: 'plus de 325 membres de CCS-C touchés',
    },
  },
  {
    code: 'CCS-C-2023-05-20-FORUM-BAMAKO',
    programme: 'CCS-C',
    title: 'Forum de Bamako, 23e édition : panel sur l’approche sécuritaire et la prévention',
    summary: 'Le coordinateur national partage l’expérience du PROSMED et des CCS-C.',
    type: 'conference',
    role: 'participant',
    startDate: '2023-05-20',
    endDate: '2023-05-20',
    places: [BAMAKO],
  },
  {
    code: 'JF-2023-04-06-COORDINATION-ALLIANCE',
    programme: 'JF',
    title: 'Rencontre de coordination de l’alliance Just Future au Mali',
    summary: 'ASSN, SFCG, Cordaid et WANEP-Mali.',
    type: 'meeting',
    role: 'co-organiser',
    startDate: '2023-04-06',
    endDate: '2023-04-06',
    places: [BAMAKO],
  },
  {
    code: 'JF-2023-T2-LOBBYING-CNT',
    programme: 'JF',
    title:
      'Lobbying auprès de la commission Défense nationale, Sécurité et Protection civile du CNT',
    summary:
      'Plaidoyer pour l’inclusion des groupes marginalisés et exclus (CDPH, articles 11, 13 à 16) ; date exacte non précisée dans le bulletin.',
    type: 'lobbying',
    role: 'organiser',
    startDate: '2023-04-01',
    endDate: '2023-06-30',
    places: [BAMAKO],
    participants: { total: exact(17), cells: [{ key: { sex: 'female' }, value: 4 }] },
  },
  {
    code: 'JF-2023-05-15-STRATEGIE-PLAIDOYER',
    programme: 'JF',
    title: 'Atelier de mise à jour de la stratégie de plaidoyer Just Future',
    summary: 'Examen critique des objectifs de plaidoyer de l’année par le consortium.',
    type: 'workshop',
    role: 'participant',
    startDate: '2023-05-15',
    endDate: '2023-05-17',
    places: [],
  },
  {
    code: 'JF-2023-05-18-VISITE-ECHANGES',
    programme: 'JF',
    title: 'Visite d’échanges du Secrétariat international de Just Future',
    summary:
      'Délégation conduite par l’expert sécurité et justice de Cordaid, reçue au secrétariat national.',
    type: 'meeting',
    role: 'organiser',
    startDate: '2023-05-18',
    endDate: '2023-05-18',
    places: [BAMAKO],
  },
  {
    code: 'RGC-2023-04-02-ETUDE-PLCEV',
    programme: 'RGC',
    title:
      'Échanges sur une étude des initiatives de prévention de l’extrémisme violent (Mali, Burkina Faso)',
    summary: 'Étude comparée des expériences du Mali et du Burkina Faso.',
    type: 'research',
    role: 'participant',
    startDate: '2023-04-02',
    endDate: '2023-04-02',
    places: [],
  },
  {
    code: 'RGC-2023-05-31-TABLE-RONDE-FONCIER',
    programme: 'RGC',
    title:
      'Présentation des résultats préliminaires des enquêtes sur les conflits fonciers dans la région de Mopti',
    summary:
      'Table ronde organisée par l’Université des sciences juridiques et politiques de Bamako (USJPB).',
    type: 'research',
    role: 'participant',
    startDate: '2023-05-31',
    endDate: '2023-05-31',
    places: [BAMAKO],
  },
  {
    code: 'DO-2023-04-06-TABLE-RONDE-BAILLEURS',
    programme: 'DO',
    title: 'Table ronde des bailleurs pour le plan d’action 2022-2026 de la PNPLEVT',
    summary:
      'Financement de la politique nationale de prévention et de lutte contre l’extrémisme violent et le terrorisme.',
    type: 'conference',
    role: 'participant',
    startDate: '2023-04-06',
    endDate: '2023-04-06',
    places: [],
  },
  {
    code: 'DO-2023-05-22-MOBILISATION-ELECTIONS',
    programme: 'DO',
    title: 'Atelier sur la mobilisation sociale pour des élections apaisées et réussies',
    summary: 'Organisé par la CEDEAO et le PNUD Mali autour du projet de nouvelle Constitution.',
    type: 'workshop',
    role: 'participant',
    startDate: '2023-05-22',
    endDate: '2023-05-23',
    places: [placeCode('Koulikoro')],
  },
  {
    code: 'DO-2023-05-27-ANNIVERSAIRE-CEDEAO',
    programme: 'DO',
    title: 'Célébration du 48e anniversaire de la CEDEAO',
    summary:
      'Acteurs étatiques, société civile et représentations diplomatiques, dont la MINUSMA et la MISAHEL.',
    type: 'ceremony',
    role: 'participant',
    startDate: '2023-05-27',
    endDate: '2023-05-27',
    places: [BAMAKO],
    participants: { total: approx(50), note: 'une cinquantaine de personnes' },
  },
  {
    code: 'DO-2023-05-29-CASQUES-BLEUS',
    programme: 'DO',
    title: 'Journée internationale des Casques bleus',
    summary: 'Cérémonie au quartier général de la MINUSMA.',
    type: 'ceremony',
    role: 'participant',
    startDate: '2023-05-29',
    endDate: '2023-05-29',
    places: [BAMAKO],
  },
];
