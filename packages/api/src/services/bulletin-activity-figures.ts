import type { Database } from '@jalon/db';
import {
  aggregateRecords,
  DEFAULT_DIMENSIONS,
  figureOf,
  type Count,
  type Period,
} from '@jalon/domain';
import type { CellFigure } from './bulletin-figures';
import { activitiesOfPeriod, toEvidence } from './report-evidence';

/** One activity's figures as the bulletin quotes them: its participants, women and young people. */
export interface ActivityFigures {
  id: string;
  title: string;
  type: string;
  programme: string;
  date: string;
  endDate: string | null;
  sessions: number | null;
  places: string[];
  /** The total as recorded; null when nobody counted the participants. */
  participants: Count | null;
  /** The part as recorded, else what is certain (a lower bound) with its bounds; null without a count. */
  women: CellFigure | null;
  youth: CellFigure | null;
}

/**
 * Every activity of the period with its own figures, by the engine's rules for one record (the
 * bulletin's « 150 participants, dont 97 femmes et 109 jeunes »), so a reader can trace each total.
 * @example (await activityFigures(db, org, parsePeriod('2023-Q2').value)).length // 20
 */
export async function activityFigures(
  db: Database,
  organisationId: string,
  period: Period,
): Promise<ActivityFigures[]> {
  const rows = await activitiesOfPeriod(db, organisationId, period);
  return rows.map(({ row, grants }) => {
    const a = toEvidence(row, grants);
    const counted = a.participants.total !== null || a.participants.cells.length > 0;
    const breakdown = counted
      ? aggregateRecords([a.participants], ['sex', 'age'], DEFAULT_DIMENSIONS)
      : null;
    const part = (dim: string, cat: string): CellFigure | null => {
      if (!breakdown?.ok) return null;
      const cell = breakdown.value.cells.find(
        (c) => Object.keys(c.key).length === 1 && c.key[dim] === cat,
      );
      if (!cell) return null;
      return cell.value
        ? figureOf({
            value: cell.value.value,
            qualifier: cell.value.qualifier,
            bounds: cell.bounds,
          })
        : figureOf({ value: cell.bounds.lower, qualifier: 'at-least', bounds: cell.bounds });
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
      participants: a.participants.total,
      women: part('sex', 'female'),
      youth: part('age', 'youth'),
    };
  });
}
