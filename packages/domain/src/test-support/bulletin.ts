import type {
  ActivityFact,
  AttendanceFact,
  DeliverableFact,
  Facts,
  IncidentFact,
} from '../facts/facts';
import {
  AWARENESS_SESSION,
  CCSC_TRAININGS,
  CNF_RESTITUTION,
  CNT_LOBBYING,
  GENDER_TALK,
  count,
} from './records';

function activity(
  partial: Partial<ActivityFact> & Pick<ActivityFact, 'id' | 'date' | 'programme' | 'type'>,
): ActivityFact {
  return {
    endDate: partial.date,
    grants: [],
    places: ['bamako'],
    sessions: 1,
    participation: null,
    ...partial,
  };
}

/** The activities of WANEP-Mali's bulletin for the second quarter of 2023. */
export const BULLETIN_ACTIVITIES: ActivityFact[] = [
  activity({
    id: 'cnf-restitution',
    date: '2023-04-06',
    programme: 'wps',
    type: 'restitution',
    participation: CNF_RESTITUTION,
  }),
  activity({
    id: 'jf-coordination',
    date: '2023-04-06',
    programme: 'just-future',
    type: 'meeting',
    grants: ['nl-just-future'],
  }),
  activity({ id: 'plf-capitalisation', date: '2023-04-07', programme: 'wps', type: 'meeting' }),
  activity({
    id: 'fgm-awareness',
    date: '2023-05-09',
    programme: 'wps',
    type: 'awareness',
    places: ['bamako/commune-3'],
    participation: AWARENESS_SESSION,
  }),
  activity({
    id: 'ccsc-trainings',
    date: '2023-04-17',
    endDate: '2023-06-16',
    programme: 'security-governance',
    type: 'training',
    grants: ['undp-prosmed'],
    places: ['bandiagara', 'mopti', 'san', 'segou', 'koutiala', 'nara', 'nioro', 'kayes'],
    sessions: 13,
    participation: CCSC_TRAININGS,
  }),
  activity({
    id: 'cnt-lobbying',
    date: '2023-05-10',
    programme: 'just-future',
    type: 'lobbying',
    grants: ['nl-just-future'],
    participation: CNT_LOBBYING,
  }),
  activity({
    id: 'jf-advocacy-update',
    date: '2023-05-15',
    endDate: '2023-05-17',
    programme: 'just-future',
    type: 'workshop',
    grants: ['nl-just-future'],
  }),
  activity({ id: 'unscr-1325-workshop', date: '2023-05-26', programme: 'wps', type: 'workshop' }),
  activity({ id: 'yteam-planning', date: '2023-05-29', programme: 'yps', type: 'meeting' }),
  activity({
    id: 'yps-webinar',
    date: '2023-05-31',
    programme: 'yps',
    type: 'webinar',
    places: ['online'],
    participation: { total: count(50, 'approximate'), cells: [] },
  }),
  activity({
    id: 'gender-talk',
    date: '2023-06-15',
    programme: 'wps',
    type: 'webinar',
    places: ['online'],
    participation: GENDER_TALK,
  }),
];

/** 116 major incidents with 153 dead and 236 injured between April and June 2023 (NEWS-Mali). */
export const BULLETIN_INCIDENTS: IncidentFact[] = Array.from({ length: 116 }, (_, i) => {
  const month = i < 40 ? 4 : i < 80 ? 5 : 6;
  const day = (i % 28) + 1;
  return {
    id: `inc-${i + 1}`,
    date: `2023-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    place: ['mopti/bandiagara', 'segou', 'tombouctou', 'gao'][i % 4] ?? 'mopti',
    category:
      [
        'organised-crime-violent-extremism',
        'democracy-governance',
        'women-peace-security',
        'environmental-security',
      ][i % 4] ?? 'other',
    // 153 = 116 + 37 and 236 = 2 × 116 + 4, spread evenly
    deaths: 1 + (i < 37 ? 1 : 0),
    injuries: 2 + (i < 4 ? 1 : 0),
    verified: i % 10 !== 0,
  };
});

/** Twelve weekly reports and three monthly bulletins (NEWS), three monthly reports and one note (Interpeace). */
export const BULLETIN_DELIVERABLES: DeliverableFact[] = [
  ...Array.from({ length: 12 }, (_, i): DeliverableFact => ({
    id: `weekly-${i + 1}`,
    date:
      [
        '2023-04-07',
        '2023-04-14',
        '2023-04-21',
        '2023-04-28',
        '2023-05-05',
        '2023-05-12',
        '2023-05-19',
        '2023-05-26',
        '2023-06-02',
        '2023-06-09',
        '2023-06-16',
        '2023-06-23',
      ][i] ?? '2023-04-07',
    type: 'weekly-report',
    programme: 'news',
  })),
  ...['2023-04-30', '2023-05-31', '2023-06-30'].map((date, i): DeliverableFact => ({
    id: `bulletin-${i}`,
    date,
    type: 'monthly-bulletin',
    programme: 'news',
  })),
  ...['2023-04-30', '2023-05-31', '2023-06-30'].map((date, i): DeliverableFact => ({
    id: `interpeace-${i}`,
    date,
    type: 'monthly-report',
    programme: 'news',
    grants: ['interpeace-borders'],
  })),
  {
    id: 'interpeace-note',
    date: '2023-06-15',
    type: 'note',
    programme: 'news',
    grants: ['interpeace-borders'],
  },
];

/** Named attendance for the Just Future lobbying meeting and a follow-up, to count unique people. */
export const LOBBYING_ATTENDANCE: AttendanceFact[] = [
  ...Array.from({ length: 17 }, (_, i): AttendanceFact => ({
    personId: `p${i + 1}`,
    activityId: 'cnt-lobbying',
    date: '2023-05-10',
    attributes: { sex: i < 4 ? 'female' : 'male' },
  })),
];

/** The bulletin's facts. */
export const BULLETIN_FACTS: Facts = {
  activities: BULLETIN_ACTIVITIES,
  incidents: BULLETIN_INCIDENTS,
  deliverables: BULLETIN_DELIVERABLES,
  assessments: [
    { organisation: 'wanep-mali', framework: 'wodi', date: '2022-12-31', score: 86.85 },
    { organisation: 'wanep-mali', framework: 'wodi', date: '2021-12-31', score: 81.2 },
  ],
};
