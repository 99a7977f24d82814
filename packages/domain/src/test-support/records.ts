import type { CellKey } from '../disaggregation/cell-key';
import type { Cell, CountRecord } from '../disaggregation/count-record';
import type { Count, Qualifier } from '../disaggregation/count';

/** A cell, for tests. */
export function cell(key: CellKey, value: number, qualifier: Qualifier = 'exact'): Cell {
  return { key, value, qualifier };
}

/** A count, for tests. */
export function count(value: number, qualifier: Qualifier = 'exact'): Count {
  return { value, qualifier };
}

/** "150 participants dont 97 femmes et 109 jeunes" — the bulletin's awareness session of 9 May 2023. */
export const AWARENESS_SESSION: CountRecord = {
  total: count(150),
  cells: [cell({ sex: 'female' }, 97), cell({ age: 'youth' }, 109)],
};

/** "plus de 325 membres de CCS-C touchés parmi lesquels 78 femmes et 117 jeunes" — 13 training sessions. */
export const CCSC_TRAININGS: CountRecord = {
  total: count(325, 'at-least'),
  cells: [cell({ sex: 'female' }, 78), cell({ age: 'youth' }, 117)],
};

/** "dix-sept (17) personnes dont 4 femmes" — Just Future lobbying of the CNT defence commission. */
export const CNT_LOBBYING: CountRecord = { total: count(17), cells: [cell({ sex: 'female' }, 4)] };

/** "environ cinquante (50) personnes" — the Gender Talk webinar of 15 June 2023. */
export const GENDER_TALK: CountRecord = { total: count(50, 'approximate'), cells: [] };

/** "une quinzaine de participants" — the CNF restitution session of 6 April 2023. */
export const CNF_RESTITUTION: CountRecord = { total: count(15, 'approximate'), cells: [] };
