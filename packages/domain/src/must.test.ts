import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MissingValueError, must } from './must';

describe('must', () => {
  it('returns every value that is neither null nor undefined, unchanged', () => {
    fc.assert(
      fc.property(
        fc.anything().filter((v) => v !== null && v !== undefined),
        (v) => must(v, 'v') === v,
      ),
    );
  });

  it('throws a MissingValueError naming the value for null and undefined', () => {
    for (const missing of [null, undefined]) {
      expect(() => must(missing, 'the inserted row')).toThrow(MissingValueError);
      expect(() => must(missing, 'the inserted row')).toThrow('the inserted row is missing');
    }
  });
});
