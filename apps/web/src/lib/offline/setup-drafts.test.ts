import { describe, expect, it } from 'vitest';
import { setupDraftKey } from './setup-drafts';

describe('set-up drafts', () => {
  it('are kept per page, form shown and action, whatever the last post did', () => {
    const at = (href: string) => new URL(href, 'http://jalon.test');
    const key = setupDraftKey(at('/parametres/bailleurs?modifier=abc'), '?/save', 1);
    expect(
      setupDraftKey(at('/parametres/bailleurs?modifier=abc&enregistre=PNUD'), '?/save', 1),
    ).toBe(key);
    expect(setupDraftKey(at('/parametres/bailleurs?supprime=1&modifier=abc'), '?/save', 1)).toBe(
      key,
    );
    // After a refused post the page sits at its action's address: the same draft, not a second one.
    expect(setupDraftKey(at('/parametres/bailleurs?/save&modifier=abc'), '?/save', 1)).toBe(key);
    expect(setupDraftKey(at('/parametres/bailleurs'), '?/save', 1)).not.toBe(key);
    expect(setupDraftKey(at('/parametres/bailleurs?modifier=abc'), '?/delete', 1)).not.toBe(key);
    expect(setupDraftKey(at('/en/settings/donors?modifier=abc'), '?/save', 1)).not.toBe(key);
  });
});
