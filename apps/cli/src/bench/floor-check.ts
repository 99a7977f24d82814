import type { IndicatorPeriodValue } from '@jalon/api';
import type { FloorFigures } from '@jalon/db/synthetic';

/**
 * The people the report certainly places in a breakdown cell (its lower bound: the cell's value
 * when exact), or undefined when the report has no such cell.
 */
function cell(v: IndicatorPeriodValue, key: Record<string, string>): number | undefined {
  const found = v.value?.breakdown?.cells.find(
    (c) =>
      Object.keys(c.key).length === Object.keys(key).length &&
      Object.entries(key).every(([d, k]) => c.key[d] === k),
  );
  return found?.bounds.lower;
}

/**
 * Where the hand-written floor and the report disagree on a synthetic organisation's figures
 * (indicator, what, report, floor); empty when they answer the same, so that the benchmark's
 * ratio compares the same work.
 */
export function floorMismatches(
  values: readonly IndicatorPeriodValue[],
  floor: ReadonlyMap<string, FloorFigures>,
): string[] {
  const out: string[] = [];
  const check = (what: string, report: number | undefined, expected: number) => {
    if (report !== expected) out.push(`${what}: report ${report ?? 'none'}, floor ${expected}`);
  };
  const grants = new Set(values.flatMap((v) => (v.indicator.grant ? [v.indicator.grant] : [])));
  for (const grant of grants) {
    const f = floor.get(grant);
    if (!f) {
      out.push(`${grant}: no figures from the floor`);
      continue;
    }
    const of = (suffix: string) => values.find((v) => v.indicator.code === `${grant}${suffix}`);
    const total = (suffix: string) => of(suffix)?.value?.value;
    check(`${grant}-ACT`, total('-ACT'), f.activities);
    check(`${grant}-SES`, total('-SES'), f.sessions);
    check(`${grant}-PART`, total('-PART'), f.participations);
    check(`${grant}-WOMEN`, total('-WOMEN'), f.women);
    check(`${grant}-UNIQ`, total('-UNIQ'), f.people);
    check(`${grant}-NEW`, total('-NEW'), f.newPeople);
    check(`${grant}-UNIQ-CUM`, total('-UNIQ-CUM'), f.cumulativePeople);
    const uniq = of('-UNIQ');
    const cumulative = of('-UNIQ-CUM');
    if (!uniq || !cumulative) {
      out.push(`${grant}: the report has no -UNIQ or -UNIQ-CUM value`);
      continue;
    }
    for (const sex of ['female', 'male']) {
      check(
        `${grant}-UNIQ-CUM sex=${sex}`,
        cell(cumulative, { sex }),
        f.cumulativePeopleBySex[sex] ?? 0,
      );
      check(`${grant}-UNIQ sex=${sex}`, cell(uniq, { sex }), f.peopleByCell[`${sex}|`] ?? 0);
      for (const age of ['child', 'youth', 'adult'])
        check(
          `${grant}-UNIQ sex=${sex} age=${age}`,
          cell(uniq, { sex, age }),
          f.peopleByCell[`${sex}|${age}`] ?? 0,
        );
    }
  }
  return out;
}
