import { describe, expect, it } from 'vitest';
import { textIn } from './localized-text';

describe('textIn: a text as an output in one language prints it', () => {
  it('prints the text written in that language, else the other one marked with its language', () => {
    const both = { fr: 'Treize sessions.', en: 'Thirteen sessions.' };
    expect(textIn(both, null, 'fr')).toBe('Treize sessions.');
    expect(textIn(both, undefined, 'en')).toBe('Thirteen sessions.');
    // Written only in French: the English side carries the French text, marked as French.
    const frenchOnly = { fr: 'Treize sessions.', en: 'Treize sessions.' };
    expect(textIn(frenchOnly, { fr: 'fr', en: 'fr' }, 'en')).toBe('(fr) Treize sessions.');
    expect(textIn(frenchOnly, { fr: 'fr', en: 'fr' }, 'fr')).toBe('Treize sessions.');
    expect(textIn({ en: 'Only English.' }, { fr: 'en', en: 'en' }, 'fr')).toBeUndefined();
    expect(textIn({ fr: 'Only English.', en: 'Only English.' }, { fr: 'en', en: 'en' }, 'fr')).toBe(
      '(en) Only English.',
    );
    expect(textIn(null, null, 'fr')).toBeUndefined();
  });
});
