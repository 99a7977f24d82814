import type { Qualifier } from '../disaggregation/count';

/**
 * A value entered by hand (`manualValue.set`) as an import reads, stages and writes it: one
 * indicator, one period read on its grant's calendar, one breakdown cell (`''` the total), the
 * value with its qualifier (`environ 50`: approximate, `plus de 50`: at least) and a note. Its id
 * is the indicator's code, the period and the cell — the key of the value itself — so a value
 * typed in the page and the same value in a file are one value. The one shape of a values row
 * for the import package (which makes it) and the db package (which writes it).
 */
export interface ValueRecord {
  externalId: string;
  indicatorId: string;
  periodCode: string;
  periodStart: string;
  periodEnd: string;
  cellKey: string;
  value: number;
  qualifier: Qualifier;
  note: string | null;
}
