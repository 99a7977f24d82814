import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { err, ok } from '../result';
import { unwrap } from '../test-support/must';
import { notComputable } from '../not-computable';
import type { Count } from '../disaggregation/count';
import { figureOf, formatFigure } from '../format/figure';
import { dependencyOrder } from './dependency-graph';
import { evaluateFormula, type FormulaValue } from './evaluate-formula';
import { formatFormula, formulaReferences } from './formula';
import { parseFormula } from './parse-formula';

const exact = (value: number): Count => ({ value, qualifier: 'exact' });
const values: Record<string, FormulaValue> = {
  // 56–97 young women: a lower bound with a known upper end.
  youngWomen: { value: 56, qualifier: 'at-least', bounds: { lower: 56, upper: 97 } },
  // 2023-Q2 women: 13 activities nobody counted leave it open.
  q2Women: {
    value: 179,
    qualifier: 'at-least',
    bounds: { lower: 179, upper: null },
    uncounted: 13,
  },
  // FPS: about 215 and open, two activities not counted.
  fps: { value: 215, qualifier: 'approximate', atLeast: true, uncounted: 2 },
  women: exact(97),
  total: exact(150),
  youth: exact(109),
  zero: exact(0),
  ccsc: { value: 325, qualifier: 'at-least' },
  webinar: { value: 50, qualifier: 'approximate' },
  'IND-3': exact(12),
};
const resolve = (code: string) => {
  const v = values[code];
  return v ? ok(v) : err(notComputable('missing-reference', `inconnu ${code}`, `unknown ${code}`));
};
const run = (text: string) => evaluateFormula(unwrap(parseFormula(text)), resolve);

describe('parseFormula', () => {
  it('reads arithmetic with precedence and both ASCII and typographic operators', () => {
    expect(formatFormula(unwrap(parseFormula('women/total*100')))).toBe('women / total * 100');
    expect(formatFormula(unwrap(parseFormula('(a + b) × 2 − c ÷ d')))).toBe('(a + b) * 2 - c / d');
    expect(formatFormula(unwrap(parseFormula('a - (b - c)')))).toBe('a - (b - c)');
    expect(formatFormula(unwrap(parseFormula('-a + +b')))).toBe('-a + b');
    expect(formatFormula(unwrap(parseFormula('max(a; 2, min(b, c)) + round(x, 1)')))).toBe(
      'max(a, 2, min(b, c)) + round(x, 1)',
    );
    expect(formatFormula(unwrap(parseFormula('{IND-3} * 2 + {max} + 1.5e2')))).toBe(
      '{IND-3} * 2 + {max} + 150',
    );
    expect(formatFormula(unwrap(parseFormula('.5 * PO1.1')))).toBe('0.5 * PO1.1');
  });

  it('lists references once', () => {
    expect(formulaReferences(unwrap(parseFormula('women / total * 100 + women')))).toEqual([
      'women',
      'total',
    ]);
    expect(formulaReferences(unwrap(parseFormula('max(-a, round(b))')))).toEqual(['a', 'b']);
  });

  it('explains what it cannot read', () => {
    expect(parseFormula('women / ')).toMatchObject({
      ok: false,
      error: { code: 'formula-syntax', position: 8 },
    });
    expect(parseFormula('(a + b')).toMatchObject({ ok: false, error: { code: 'formula-syntax' } });
    expect(parseFormula('a b')).toMatchObject({
      ok: false,
      error: { code: 'formula-syntax', position: 2 },
    });
    expect(parseFormula('a $ b')).toMatchObject({
      ok: false,
      error: { message: { fr: 'Caractère inattendu « $ » (position 3)' } },
    });
    expect(parseFormula('eval(a)')).toMatchObject({
      ok: false,
      error: { code: 'unknown-function' },
    });
    expect(parseFormula('round(a, 1, 2)')).toMatchObject({
      ok: false,
      error: { code: 'wrong-arity' },
    });
    expect(parseFormula('min()')).toMatchObject({ ok: false, error: { code: 'wrong-arity' } });
    expect(parseFormula('max(a, b')).toMatchObject({
      ok: false,
      error: { code: 'formula-syntax' },
    });
    expect(parseFormula('{IND-3')).toMatchObject({ ok: false, error: { code: 'formula-syntax' } });
    expect(parseFormula(')')).toMatchObject({ ok: false, error: { code: 'formula-syntax' } });
  });
});

describe('evaluateFormula', () => {
  it('computes the share of women at the awareness session', () => {
    expect(unwrap(run('women / total * 100')).value).toBeCloseTo(64.6667, 4);
    expect(unwrap(run('round(women / total * 100, 2)'))).toEqual(exact(64.67));
    expect(unwrap(run('max(women, youth) - min(women, youth)'))).toEqual(exact(12));
    expect(unwrap(run('-women + {IND-3}'))).toEqual(exact(-85));
    expect(unwrap(run('round(10.5)'))).toEqual(exact(11));
  });

  it('gives "not computable" for a division by zero, never Infinity', () => {
    expect(run('women / zero')).toEqual({
      ok: false,
      error: {
        reason: 'division-by-zero',
        message: {
          fr: 'Division par zéro : « zero » vaut 0 sur la période',
          en: 'Division by zero: "zero" is 0 for the period',
        },
      },
    });
    expect(run('women / (total - total)').ok).toBe(false);
    expect(run('min(women / zero, 1)').ok).toBe(false);
    expect(run('unknown + 1')).toMatchObject({ ok: false, error: { reason: 'missing-reference' } });
    expect(run('1 + unknown')).toMatchObject({ ok: false, error: { reason: 'missing-reference' } });
    expect(run('-unknown').ok).toBe(false);
  });

  it('carries qualifiers honestly', () => {
    expect(unwrap(run('ccsc + women')).qualifier).toBe('at-least');
    expect(unwrap(run('ccsc * 2')).qualifier).toBe('at-least');
    expect(unwrap(run('2 * ccsc')).qualifier).toBe('at-least');
    expect(unwrap(run('ccsc / total')).qualifier).toBe('at-least');
    expect(unwrap(run('max(ccsc, women)')).qualifier).toBe('at-least');
    expect(unwrap(run('round(ccsc)')).qualifier).toBe('at-least');
    expect(unwrap(run('round(women, ccsc)')).qualifier).toBe('approximate');
    expect(unwrap(run('total - ccsc')).qualifier).toBe('approximate');
    expect(unwrap(run('women / ccsc')).qualifier).toBe('approximate');
    expect(unwrap(run('min(ccsc, women)')).qualifier).toBe('approximate');
    expect(unwrap(run('-ccsc')).qualifier).toBe('approximate');
    expect(unwrap(run('webinar + ccsc')).qualifier).toBe('approximate');
  });

  it('keeps the « au moins », the bounds and the uncounted activities of its inputs', () => {
    const fr = (text: string) => formatFigure(figureOf(unwrap(run(text))), 'fr');
    expect(unwrap(run('q2Women'))).toEqual(values['q2Women']);
    expect(fr('q2Women + 10')).toBe('au moins 189 (13 activités sans décompte)');
    expect(fr('q2Women - 9')).toBe('au moins 170 (13 activités sans décompte)');
    expect(fr('q2Women * 2')).toBe('au moins 358 (13 activités sans décompte)');
    expect(fr('youngWomen + women')).toBe('entre 153 et 194');
    expect(fr('youngWomen * 2')).toBe('entre 112 et 194');
    expect(fr('max(youngWomen, 60)')).toBe('entre 60 et 97');
    expect(fr('youngWomen + q2Women')).toBe('au moins 235 (13 activités sans décompte)');
    expect(fr('fps + women')).toBe('au moins environ 312 (2 activités sans décompte)');
    expect(fr('fps + webinar')).toBe('au moins environ 265 (2 activités sans décompte)');
    expect(fr('fps + q2Women')).toBe('au moins environ 394 (13 activités sans décompte)');
    expect(fr('fps / 5')).toBe('au moins environ 43 (2 activités sans décompte)');
    // Not increasing in the open input: approximate, no longer « au moins », uncounted still said.
    expect(fr('total - fps')).toBe('environ -65 (2 activités sans décompte)');
    expect(fr('women / q2Women')).toBe('environ 0,54 (13 activités sans décompte)');
    expect(unwrap(run('min(q2Women, 200)'))).toMatchObject({ qualifier: 'approximate' });
    // A recorded lower bound without bounds keeps its words.
    expect(fr('ccsc + 15')).toBe('plus de 340');
  });

  it('puts the truth inside the bounds it gives (property)', () => {
    const lowerBound = fc
      .tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.boolean())
      .map(([lower, width, open]): FormulaValue => ({
        value: lower,
        qualifier: 'at-least',
        bounds: { lower, upper: open ? null : lower + width },
      }));
    fc.assert(
      fc.property(
        lowerBound,
        lowerBound,
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom('a + b', 'a * k', 'a / k', 'max(a, b)', 'a - k', 'round(a / k) + b'),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b, k, text, ta, tb) => {
          const own: Record<string, FormulaValue> = { a, b, k: exact(k) };
          const at = (code: string) => {
            const v = own[code];
            return v ? ok(v) : err(notComputable('missing-reference', code, code));
          };
          const result = unwrap(evaluateFormula(unwrap(parseFormula(text)), at));
          expect(result.qualifier).toBe('at-least');
          const bounds = result.bounds;
          expect(bounds?.lower).toBe(result.value);
          // One possible truth of each input, inside its bounds (far above when open).
          const pick = (v: FormulaValue, t: number) =>
            exact(Math.round(v.value + t * ((v.bounds?.upper ?? v.value + 10_000) - v.value)));
          const truth = unwrap(
            evaluateFormula(unwrap(parseFormula(text)), (code) =>
              code === 'a' ? ok(pick(a, ta)) : code === 'b' ? ok(pick(b, tb)) : at(code),
            ),
          ).value;
          expect(truth).toBeGreaterThanOrEqual(result.value - 1e-9);
          if (bounds?.upper !== null && bounds?.upper !== undefined)
            expect(truth).toBeLessThanOrEqual(bounds.upper + 1e-9);
        },
      ),
      { seed: 1818, numRuns: 300 },
    );
  });

  it('matches plain arithmetic on random sums and products (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 8 }),
        (xs) => {
          const text = xs.map((x, i) => (i % 2 === 0 ? `(${x})` : `${x} * 2`)).join(' + ');
          const expected = xs.reduce((s, x, i) => s + (i % 2 === 0 ? x : x * 2), 0);
          expect(unwrap(run(text)).value).toBe(expected);
        },
      ),
    );
  });
});

describe('dependencyOrder', () => {
  it('orders indicators after what they refer to', () => {
    expect(
      dependencyOrder([
        { code: 'share', references: ['women', 'total'] },
        { code: 'women', references: [] },
        { code: 'total', references: [] },
      ]),
    ).toEqual({ ok: true, value: ['women', 'total', 'share'] });
  });

  it('names the loop of a cycle', () => {
    const r = dependencyOrder([
      { code: 'a', references: ['b'] },
      { code: 'b', references: ['c'] },
      { code: 'c', references: ['a'] },
    ]);
    expect(r).toMatchObject({
      ok: false,
      error: {
        reason: 'dependency-cycle',
        message: { en: 'The formulas refer to each other in a loop: a → b → c → a' },
      },
    });
    expect(dependencyOrder([{ code: 'a', references: ['a'] }])).toMatchObject({
      ok: false,
      error: { reason: 'dependency-cycle' },
    });
  });

  it('names a missing reference', () => {
    expect(dependencyOrder([{ code: 'share', references: ['women'] }])).toMatchObject({
      ok: false,
      error: { reason: 'missing-reference', indicator: 'share' },
    });
  });
});
