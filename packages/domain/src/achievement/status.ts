import type { Result } from '../result';
import type { NotComputable } from '../not-computable';

/** Statuses of progress against target. */
export const STATUSES = ['on-track', 'watch', 'off-track', 'no-data'] as const;

/** One of {@link STATUSES}. */
export type Status = (typeof STATUSES)[number];

/** Report-card colours. */
export const STATUS_COLOURS: Readonly<Record<Status, 'green' | 'amber' | 'red' | 'grey'>> = {
  'on-track': 'green',
  watch: 'amber',
  'off-track': 'red',
  'no-data': 'grey',
};

/** A band of achievement ratios (both ends inclusive, either may be open) and its status. */
export type StatusBand = { min?: number; max?: number; status: Status };

/** Thresholds as data: the first band that holds the achievement gives the status. */
export type StatusScale = { code: string; bands: StatusBand[] };

/** UNDP report card: ≥ 100 % green, 50–99 % amber, < 50 % red, grey without data. */
export const UNDP_STATUS_SCALE: StatusScale = {
  code: 'undp',
  bands: [{ min: 1, status: 'on-track' }, { min: 0.5, status: 'watch' }, { status: 'off-track' }],
};

/** TolaData's IPTT: 85–115 % is on track; above it over-achievement to explain; below it off track. */
export const BAND_85_115_STATUS_SCALE: StatusScale = {
  code: 'band-85-115',
  bands: [
    { min: 0.85, max: 1.15, status: 'on-track' },
    { min: 1.15, status: 'watch' },
    { status: 'off-track' },
  ],
};

/**
 * The status of an achievement ratio on a scale; `no-data` when the achievement is not computable
 * or no band holds it. Compared unrounded: 99.99 % is not 100 %.
 * @example statusOf(0.9999, UNDP_STATUS_SCALE) // 'watch'
 */
export function statusOf(
  achievement: Result<number, NotComputable> | number | null,
  scale: StatusScale,
): Status {
  const value =
    typeof achievement === 'number' || achievement === null
      ? achievement
      : achievement.ok
        ? achievement.value
        : null;
  if (value === null || !Number.isFinite(value)) return 'no-data';
  for (const band of scale.bands) {
    if (
      (band.min === undefined || value >= band.min) &&
      (band.max === undefined || value <= band.max)
    )
      return band.status;
  }
  return 'no-data';
}
