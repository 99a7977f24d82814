import type { CalendarDate } from '../period/calendar-date';
import type { CellKey } from '../disaggregation/cell-key';
import type { CountRecord } from '../disaggregation/count-record';
import type { Qualifier } from '../disaggregation/count';

/**
 * A dated activity. It falls in a period by its start `date`. `places` are paths from region down
 * (`mopti/bandiagara`), so a filter on `mopti` takes the region and everything in it.
 */
export type ActivityFact = {
  id: string;
  date: CalendarDate;
  endDate: CalendarDate;
  programme: string;
  grants: string[];
  type: string;
  places: string[];
  sessions: number;
  participation: CountRecord | null;
};

/**
 * One person's attendance at an activity on a day. It falls in a period by its own `date`;
 * `attributes` hold category codes per dimension (`{ sex: 'female', age: 'youth' }`).
 */
export type AttendanceFact = {
  personId: string;
  activityId: string;
  date: CalendarDate;
  attributes: Record<string, string>;
};

/** An early-warning incident (NEWS): "116 incidents majeurs, 153 morts et 236 blessés". */
export type IncidentFact = {
  id: string;
  date: CalendarDate;
  place: string;
  category: string;
  deaths: number;
  injuries: number;
  verified: boolean;
};

/** A product counted by indicators: weekly report, monthly bulletin, policy brief, study… */
export type DeliverableFact = {
  id: string;
  date: CalendarDate;
  type: string;
  programme: string;
  grants?: string[];
};

/**
 * A value entered by hand for an indicator and a period, optionally for one breakdown cell. For a
 * `ratio` indicator, `numerator` and `denominator` are entered so that periods can be combined.
 */
export type ManualValue = {
  indicator: string;
  period: { code?: string; start: CalendarDate; end: CalendarDate };
  value: number;
  qualifier?: Qualifier;
  breakdown?: CellKey;
  numerator?: number;
  denominator?: number;
};

/** The index an organisation obtained in an assessment (in %), dated by the end of its cycle. */
export type AssessmentFact = {
  organisation: string;
  framework: string;
  date: CalendarDate;
  score: number;
};

/** Everything the indicator engine reads; each array may be left out. */
export type Facts = {
  activities?: readonly ActivityFact[];
  attendance?: readonly AttendanceFact[];
  incidents?: readonly IncidentFact[];
  deliverables?: readonly DeliverableFact[];
  manualValues?: readonly ManualValue[];
  assessments?: readonly AssessmentFact[];
};
