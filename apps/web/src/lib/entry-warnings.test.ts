import { describe, expect, it } from 'vitest';
import { warningsBeforeSave, warningsConfirmed, type EntryWarning } from './entry-warnings';

const duplicate: EntryWarning = {
  code: 'probable-duplicate',
  message: { fr: 'Doublon probable', en: 'Probable duplicate' },
  records: [{ id: 'a', code: 'ACT-1', title: 'Atelier' }],
};

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};

describe('warnings before a save', () => {
  it('asks the API, unless the person confirmed', async () => {
    let asked = 0;
    const check = async () => {
      asked += 1;
      return { warnings: [duplicate] };
    };
    expect(await warningsBeforeSave(form({}), check)).toEqual([duplicate]);
    expect(await warningsBeforeSave(form({ confirmWarnings: '1' }), check)).toEqual([]);
    expect(asked).toBe(1);
    expect(warningsConfirmed(form({ confirmWarnings: '0' }))).toBe(false);
  });

  it('never stands in the way of a save when the check fails', async () => {
    expect(
      await warningsBeforeSave(form({}), () => Promise.reject(new Error('unreachable'))),
    ).toEqual([]);
  });
});
