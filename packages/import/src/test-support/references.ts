import type { MappingProfileInput } from '../profile';
import type { ReferenceData } from '../rows';

/** The demo organisation's programmes and a few places, as the database half will give them. */
export const REFS: ReferenceData = {
  programmes: [
    { id: 'prog-fps', names: ['Femme, paix et sécurité', 'FPS', 'Women, Peace and Security'] },
    { id: 'prog-jps', names: ['Jeunesse, paix et sécurité', 'JPS', 'Youth, Peace and Security'] },
    {
      id: 'prog-do',
      names: ['Développement organisationnel du réseau et des organisations membres', 'DO'],
    },
  ],
  places: [
    { id: 'place-bamako', names: ['Bamako', 'ML-BAMAKO'] },
    { id: 'place-segou', names: ['Ségou', 'ML-SEGOU'] },
    { id: 'place-mopti', names: ['Mopti', 'ML-MOPTI'] },
    { id: 'place-menaka', names: ['Ménaka', 'ML-MENAKA'] },
  ],
  grants: [{ id: 'grant-jf', names: ['JF-2021', 'Just Future'] }],
  activities: [{ id: 'act-1', names: ['A-001', 'ACT-2023-001'] }],
  indicators: [
    {
      id: 'ind-1',
      names: ['JF-1.1'],
      dimensions: ['sex', 'age', 'disability'],
      // A fiscal year from October: FY2024 runs from 1 October 2023.
      grant: {
        id: 'grant-jf',
        startDate: '2021-01-01',
        endDate: '2025-12-31',
        fiscalYearStartMonth: 10,
      },
    },
    { id: 'ind-free', names: ['ORG-1'], dimensions: [], grant: null },
  ],
};

/** The profile of `fixtures/activites.xlsx` (its French headers). */
export const ACTIVITES_PROFILE: MappingProfileInput = {
  format: 1,
  name: 'Activités du secrétariat',
  kind: 'activities',
  columns: [
    { source: 'Identifiant', target: { field: 'externalId' } },
    { source: 'Titre', target: { field: 'title' } },
    { source: 'Type', target: { field: 'type' } },
    { source: 'Programme', target: { field: 'programme' } },
    { source: 'Date de début', target: { field: 'startDate' } },
    { source: 'Date de fin', target: { field: 'endDate' }, optional: true },
    { source: 'Lieux', target: { field: 'places' } },
    { source: 'Participants', target: { cell: {} } },
    { source: 'Femmes', target: { cell: { sex: 'female' } } },
    { source: 'Jeunes', target: { cell: { age: 'youth' } } },
  ],
};
