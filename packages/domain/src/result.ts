/**
 * The outcome of an operation that can fail for an expected reason (bad input, missing data).
 * Expected failures are values, not exceptions, so callers must look at them.
 */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/**
 * Wraps a success.
 * @example ok(3) // { ok: true, value: 3 }
 */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/**
 * Wraps an expected failure.
 * @example err({ code: 'invalid-period' }) // { ok: false, error: { code: 'invalid-period' } }
 */
export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
