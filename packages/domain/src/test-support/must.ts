import type { Result } from '../result.js';
import { parsePeriod } from '../period/parse-period.js';
import type { Period } from '../period/period.js';

/** Unwraps a result in tests, failing loudly with the error. */
export function unwrap<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

/** A period from its code, for tests. */
export function period(code: string, fiscalYearStartMonth?: number): Period {
  return unwrap(
    parsePeriod(code, fiscalYearStartMonth === undefined ? {} : { fiscalYearStartMonth }),
  );
}
