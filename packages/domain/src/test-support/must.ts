import type { Result } from '../result';
import { parsePeriod } from '../period/parse-period';
import type { Period } from '../period/period';

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

/** A value the test expects to be there, failing loudly (with what it is) when it is not. */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, got ${value}`);
  return value;
}
