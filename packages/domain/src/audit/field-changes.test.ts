import { describe, expect, it } from 'vitest';
import { auditFieldLabel, auditValueText, changedFields } from './field-changes';

describe('the audit trail, field by field', () => {
  it('lists the fields that changed, hiding keys and stamps', () => {
    expect(
      changedFields(
        { id: 'x', title: 'Forum', sessions: 1, updatedAt: '1', verified: false },
        { id: 'x', title: 'Forum de Bamako', sessions: 1, updatedAt: '2', verified: true },
      ),
    ).toEqual([
      { field: 'title', before: 'Forum', after: 'Forum de Bamako' },
      { field: 'verified', before: false, after: true },
    ]);
  });

  it('says what a creation set and what a deletion removed, not the empty fields', () => {
    expect(changedFields(null, { code: 'A', description: null })).toEqual([
      { field: 'code', before: undefined, after: 'A' },
    ]);
    expect(changedFields({ code: 'A', note: '' }, null)).toEqual([
      { field: 'code', before: 'A', after: undefined },
    ]);
  });

  it('names fields and says values in the reader’s language', () => {
    expect(auditFieldLabel('title', 'fr')).toBe('Intitulé');
    expect(auditFieldLabel('placeId', 'en')).toBe('Place');
    expect(auditFieldLabel('sourceOfVerification', 'en')).toBe('Source of verification');
    expect(auditValueText(true, 'fr')).toBe('oui');
    expect(auditValueText(1234.5, 'fr')).toBe('1\u202f234,5');
    expect(auditValueText([{ code: 'FPS' }, { name: 'Mopti' }], 'en')).toBe('FPS, Mopti');
    expect(auditValueText([{ displayName: 'Awa Traoré', sex: 'female' }], 'fr')).toBe('Awa Traoré');
    expect(auditValueText(null, 'en')).toBe('');
  });
});
