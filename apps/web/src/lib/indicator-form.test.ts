import { describe, expect, it } from 'vitest';
import type { IndicatorDto } from '$lib/api-types';
import { checkIndicator, previewPeriodOf, storedIndicator } from './indicator-form';

/** An indicator as the API answers it, from what `checkIndicator` sent. */
function asStored(input: ReturnType<typeof sent>): IndicatorDto {
  return {
    id: 'i',
    code: input.code,
    title: input.title,
    titleEn: input.titleEn,
    description: input.description ?? null,
    unit: input.unit,
    direction: input.direction,
    timeRule: input.timeRule,
    subPeriod: input.subPeriod ?? null,
    cumulative: input.cumulative,
    achievementRule: input.achievementRule ?? null,
    source: input.source,
    dimensions: input.dimensions ?? [],
    sourceOfVerification: input.sourceOfVerification ?? null,
    node: input.nodeId ? { id: input.nodeId, code: 'OP1', level: 'output' } : null,
    grant: null,
  };
}

function sent(values: Record<string, string>) {
  const checked = checkIndicator(values, true);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.input;
}

describe('the indicator form', () => {
  it.each<Record<string, string>>([
    {
      sourceKind: 'participation',
      participationMeasure: 'unique-people',
      where: 'sex=female',
      programmes: 'PAIX-J,CCS-C',
      places: 'ml/mopti,ml/segou/san',
      dimensions: 'sex,age',
      cumulative: 'on',
      nodeId: 'n',
    },
    { sourceKind: 'activities', activityMeasure: 'sessions', types: 'dialogue,training' },
    { sourceKind: 'activities', activityMeasure: 'count', places: 'ml/mopti/bandiagara' },
    { sourceKind: 'incidents', incidentMeasure: 'injuries', verifiedOnly: 'on' },
    { sourceKind: 'incidents', incidentMeasure: 'deaths', places: 'ml/gao' },
    { sourceKind: 'deliverables', grants: 'FX-2024' },
    { sourceKind: 'manual', timeRule: 'ratio', unit: 'percent' },
    {
      sourceKind: 'manual',
      direction: 'lower-is-better',
      achievementRule: 'progress-from-baseline',
    },
    {
      sourceKind: 'formula',
      expression: '{A} / {B} * 100',
      timeRule: 'latest',
      subPeriod: 'quarter',
    },
  ])('reads back what it sent: $sourceKind', (source) => {
    const values = { code: 'X-1', title: 'Titre', titleEn: 'Title', ...source };
    const input = sent(values);
    const back = storedIndicator(asStored(input));
    // what was sent, read back into the form, sends the same again
    expect(sent(back)).toEqual(input);
    for (const [k, v] of Object.entries(source)) expect(back[k], k).toBe(v);
  });

  it('keeps only what the chosen source reads', () => {
    const input = sent({
      code: 'X',
      title: 'T',
      sourceKind: 'manual',
      expression: '{A}',
      where: 'sex=female',
      programmes: 'PAIX-J',
    });
    expect(input.source).toEqual({ kind: 'manual' });
    // Deliverables have no place: a place ticked before the source changed is not sent.
    expect(
      sent({ code: 'X', title: 'T', sourceKind: 'deliverables', places: 'ml/mopti' }).source,
    ).toEqual({ kind: 'deliverables' });
  });

  it('sends the places ticked as the filter of activities, attendance and incidents', () => {
    const base = { code: 'X', title: 'T', places: 'ml/mopti,ml/segou/san' };
    const places = ['ml/mopti', 'ml/segou/san'];
    expect(sent({ ...base, sourceKind: 'activities', activityMeasure: 'count' }).source).toEqual({
      kind: 'activities',
      measure: 'count',
      filter: { places },
    });
    expect(
      sent({ ...base, sourceKind: 'incidents', incidentMeasure: 'count', verifiedOnly: 'on' })
        .source,
    ).toEqual({ kind: 'incidents', measure: 'count', filter: { places, verifiedOnly: true } });
    expect(
      sent({ ...base, sourceKind: 'participation', participationMeasure: 'participations' }).source,
    ).toEqual({ kind: 'participation', measure: 'participations', filter: { places } });
  });

  it('asks for a source', () => {
    expect(checkIndicator({ code: 'X', title: 'T' }, true)).toEqual({
      ok: false,
      errors: [{ field: 'sourceKind', message: 'Choisissez la source des valeurs.' }],
    });
  });
});

describe('the preview’s period', () => {
  it('is the period typed, else the quarter of today', () => {
    const typed = new FormData();
    typed.set('previewPeriod', ' 2023-Q2 ');
    expect(previewPeriodOf(typed, new Date('2026-12-04T10:00:00Z'))).toBe('2023-Q2');
    expect(previewPeriodOf(new FormData(), new Date('2026-12-04T10:00:00Z'))).toBe('2026-Q4');
    expect(previewPeriodOf(new FormData(), new Date('2027-01-01T00:00:00Z'))).toBe('2027-Q1');
    expect(previewPeriodOf(new FormData(), new Date('2027-06-30T23:59:59Z'))).toBe('2027-Q2');
  });
});
