import { sameText } from '../messages';
import {
  WindowCache,
  computeIndicatorInDatabase,
  expectIndicatorInDatabase,
  type Database,
} from '@jalon/db';
import { must, type IncidentFilter, type IndicatorDefinition, type Period } from '@jalon/domain';

const INCIDENT_MEASURES = ['count', 'deaths', 'injuries'] as const;

/** One incident measure over a filter, as the engine's incident indicator. */
export function incidentDefinition(
  measure: (typeof INCIDENT_MEASURES)[number],
  filter: IncidentFilter,
): IndicatorDefinition {
  return {
    code: 'incidents',
    title: sameText(''),
    unit: 'number',
    direction: 'lower-is-better',
    source: { kind: 'incidents', measure, filter },
    timeRule: 'sum',
    cumulative: false,
  };
}

export interface IncidentTotals {
  incidents: number;
  deaths: number;
  injuries: number;
}

/**
 * Incidents, deaths and injuries for each (period, filter) asked: the engine's incident
 * indicators, in SQL. Every measure is announced to one window cache first, so that each window
 * is read once — one statement with a FILTER per (filter, measure) — however many regions,
 * categories or months are asked (it was three statements for each).
 */
export async function incidentTotals(
  db: Database,
  organisationId: string,
  asked: readonly { period: Period; filter: IncidentFilter }[],
  cache: WindowCache = new WindowCache(db, organisationId),
): Promise<IncidentTotals[]> {
  for (const { period, filter } of asked)
    for (const measure of INCIDENT_MEASURES)
      expectIndicatorInDatabase(incidentDefinition(measure, filter), period, { cache });
  return Promise.all(
    asked.map(async ({ period, filter }) => {
      const [incidents, deaths, injuries] = await Promise.all(
        INCIDENT_MEASURES.map(async (measure) => {
          const r = await computeIndicatorInDatabase(
            db,
            organisationId,
            incidentDefinition(measure, filter),
            period,
            { cache },
          );
          if (!r.ok) throw new Error(r.error.message.en);
          return r.value.value;
        }),
      );
      return {
        incidents: must(incidents, 'incidents'),
        deaths: must(deaths, 'deaths'),
        injuries: must(injuries, 'injuries'),
      };
    }),
  );
}
