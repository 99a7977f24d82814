import { describe, expect, it } from 'vitest';
import { evaluateExcel } from './evaluate-excel';

describe('evaluateExcel (test support)', () => {
  const cells: Record<string, number | string | null> = {
    C6: 300,
    D6: 325,
    E6: 130,
    F6: 'En bonne voie',
    G6: null,
  };
  const read = (r: string) => cells[r] ?? null;
  it('evaluates the formulas and conditions the renderer writes', () => {
    expect(evaluateExcel('D6/C6', read)).toBeCloseTo(325 / 300);
    expect(evaluateExcel('(D6-E6)/(C6-E6)', read)).toBeCloseTo(195 / 170);
    expect(evaluateExcel('SUM(C6,D6)', read)).toBe(625);
    expect(evaluateExcel('AND(ISNUMBER(D6),D6>=1)', read)).toBe(true);
    expect(evaluateExcel('NOT(ISNUMBER(G6))', read)).toBe(true);
    expect(evaluateExcel('F6="En bonne voie"', read)).toBe(true);
    expect(evaluateExcel('AND(ISNUMBER($D$6),D6<=1.15,-1<0)', read)).toBe(false);
    expect(() => evaluateExcel('FOO(1)', read)).toThrow();
  });
});
