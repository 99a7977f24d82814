import { readFileSync } from 'node:fs';
import type { MappingProfileInput } from '../profile';

/**
 * The recorded KoboToolbox form « Rapport d’activité » the tests share: its mapping profiles
 * (activities, and the attendance of its `participants` repeat group) and its recorded API v2
 * pages (`fixtures/kobo/`), so that the import package, the API and the command line read one
 * copy of them.
 */
export const KOBO_ACTIVITIES_PROFILE: MappingProfileInput = {
  format: 1,
  name: 'Formulaire Kobo « Rapport d’activité »',
  kind: 'activities',
  source: 'kobo',
  columns: [
    { source: 'meta/rootUuid', target: { field: 'externalId' } },
    { source: 'groupe_activite/titre', target: { field: 'title' } },
    { source: 'groupe_activite/type', target: { field: 'type' } },
    { source: 'groupe_activite/programme', target: { field: 'programme' } },
    { source: 'groupe_activite/date_debut', target: { field: 'startDate' } },
    { source: 'groupe_activite/lieu', target: { field: 'places' } },
    { source: 'groupe_effectifs/total', target: { cell: {} } },
    { source: 'groupe_effectifs/femmes', target: { cell: { sex: 'female' } } },
    { source: 'groupe_effectifs/jeunes', target: { cell: { age: 'youth' } } },
  ],
};

export const KOBO_ATTENDANCE_PROFILE: MappingProfileInput = {
  format: 1,
  name: 'Participants du rapport Kobo',
  kind: 'attendance',
  source: 'kobo',
  columns: [
    { source: 'meta/rootUuid', target: { field: 'activity' } },
    { source: 'participants/code', target: { field: 'code' } },
    { source: 'participants/sexe', target: { field: 'sex' } },
    { source: 'participants/age', target: { field: 'age' } },
  ],
};

/** The form's asset uid in the recorded pages. */
export const KOBO_ASSET = 'aJalonRapportActivite23';

/**
 * A recorded page of Kobo's API v2 (`data-page-1.json`, `data-page-2.json`, `data-edited.json`)
 * as its text, its links pointing at `origin` (a local server in the tests).
 */
export function recordedKoboPage(name: string, origin = 'http://kobo.invalid'): string {
  return readFileSync(new URL(`../../fixtures/kobo/${name}`, import.meta.url), 'utf8').replaceAll(
    '{{origin}}',
    origin,
  );
}
