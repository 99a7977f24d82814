/**
 * A value the code knows is there (a row just inserted, a key just set, the first of a non-empty
 * list) is missing: a fault in Jalon, never in the user's input. Named, so a log or a test says
 * which value it was instead of « cannot read properties of undefined ».
 */
export class MissingValueError extends Error {
  override readonly name = 'MissingValueError';
  constructor(readonly what: string) {
    super(`Internal error: ${what} is missing`);
  }
}

/**
 * Returns `value`, or throws a {@link MissingValueError} naming `what` when it is `null` or
 * `undefined`. The checked replacement for a non-null assertion (`value!`).
 * @example must([3][0], 'first value') // 3
 */
export function must<T>(value: T, what: string): NonNullable<T> {
  if (value === null || value === undefined) throw new MissingValueError(what);
  return value;
}
