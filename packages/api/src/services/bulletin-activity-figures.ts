import { activityParticipation, WindowCache, type Database } from '@jalon/db';
import { figureOf, type Count, type Figure, type Period } from '@jalon/domain';
import { activitiesOfPeriod, toEvidence } from './report-evidence';

/**
 * One activity's figures as the bulletin quotes them: its participants, women, young people and
 * people with disabilities, each the domain's `Figure` with its qualifier (« environ 50 », « plus
 * de 325 », « entre 56 et 97 », « nombre inconnu » when nobody counted them).
 */
export interface ActivityFigures {
  id: string;
  title: string;
  type: string;
  programme: string;
  date: string;
  endDate: string | null;
  sessions: number | null;
  places: string[];
  /** The total as recorded; null when nobody recorded one. */
  recorded: Count | null;
  /** Each figure by the engine's rule for this one activity; null only if it cannot compute one. */
  participants: Figure | null;
  women: Figure | null;
  youth: Figure | null;
  disabled: Figure | null;
}

const PARTS = {
  participants: undefined,
  women: { sex: 'female' },
  youth: { age: 'youth' },
  disabled: { disability: 'with' },
} as const;

/**
 * Every activity of the period with its own figures, computed as the programme's are (the same
 * readings — counts, else named people — and the same rule for one record), so a reader can trace
 * each total: the bulletin's « 150 participants, dont 97 femmes et 109 jeunes ». An activity nobody
 * counted is open above, `uncounted: 1`: a programme's `uncounted` is the sum of its activities'.
 * @example (await activityFigures(db, org, parsePeriod('2023-Q2').value)).length // 20
 */
export async function activityFigures(
  db: Database,
  organisationId: string,
  period: Period,
  cache: WindowCache = new WindowCache(db, organisationId),
): Promise<ActivityFigures[]> {
  const [rows, ...parts] = await Promise.all([
    activitiesOfPeriod(db, organisationId, period),
    ...Object.values(PARTS).map((where) =>
      activityParticipation(db, organisationId, period, where, { cache }),
    ),
  ]);
  const names = Object.keys(PARTS) as (keyof typeof PARTS)[];
  return rows.map(({ row, grants }) => {
    const a = toEvidence(row, grants);
    const figure = (name: keyof typeof PARTS): Figure | null => {
      const r = parts[names.indexOf(name)]?.get(row.id);
      return r?.ok ? figureOf(r.value) : null;
    };
    return {
      id: a.id,
      title: a.title,
      type: a.type,
      programme: a.programmeCode,
      date: a.date,
      endDate: a.endDate ?? null,
      sessions: a.sessions ?? null,
      places: a.places,
      recorded: a.participants.total,
      participants: figure('participants'),
      women: figure('women'),
      youth: figure('youth'),
      disabled: figure('disabled'),
    };
  });
}
