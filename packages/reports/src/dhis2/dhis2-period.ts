import { addDays } from '@jalon/domain';

/** Financial years DHIS2 has a period type for, by the month they start in. */
const FINANCIAL: Record<number, string> = { 4: 'April', 7: 'July', 10: 'Oct', 11: 'Nov' };

/**
 * A period as DHIS2 writes it, from its first and last days: a day `20230415`, a month `202304`,
 * a calendar quarter `2023Q2`, a half-year `2023S1` (`2023AprilS1` April–September, `2023AprilS2` October–March), a year `2023`, a
 * financial year named by the year it starts in (`2023Oct` is October 2023 – September 2024).
 * Null when DHIS2 has no period type for the span (a quarter from February, a range of days).
 * @example dhis2Period('2023-04-01', '2023-06-30') // '2023Q2'
 */
export function dhis2Period(start: string, end: string): string | null {
  const year = start.slice(0, 4);
  if (start === end) return start.replaceAll('-', '');
  const after = addDays(end, 1);
  if (start.slice(8) !== '01' || after.slice(8) !== '01') return null;
  const month = Number(start.slice(5, 7));
  const months =
    (Number(after.slice(0, 4)) - Number(year)) * 12 + Number(after.slice(5, 7)) - month;
  if (months === 1) return `${year}${start.slice(5, 7)}`;
  if (months === 3 && month % 3 === 1) return `${year}Q${(month + 2) / 3}`;
  if (months === 6 && (month === 1 || month === 7)) return `${year}S${month === 1 ? 1 : 2}`;
  if (months === 6 && (month === 4 || month === 10)) return `${year}AprilS${month === 4 ? 1 : 2}`;
  if (months === 12 && month === 1) return year;
  if (months === 12 && FINANCIAL[month]) return `${year}${FINANCIAL[month]}`;
  return null;
}
