import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { must } from '@jalon/domain';
import {
  accountOf,
  changesSession,
  dataAnswered,
  dataRequestPage,
  entryPagesIn,
  everyLoad,
  isDataAnswered,
  isEntryPage,
  isKeptPage,
  isPagesCache,
  isReadPage,
  keptDataKey,
  keptKey,
  markKept,
  offlinePage,
  pagesCache,
  shellCache,
  stale,
} from './sw-rules';

describe('the service worker’s rules', () => {
  it('keeps the activity and incident entry pages, in both languages, and nothing else', () => {
    for (const path of ['/activites/nouvelle', '/en/activities/new', '/alerte-precoce/'])
      expect(isEntryPage(path)).toBe(true);
    for (const path of [
      '/activites',
      '/en/activities',
      '/tableau-de-bord',
      '/activites/x/modifier',
    ])
      expect(isEntryPage(path)).toBe(false);
    expect(entryPagesIn('fr')).toEqual(['/activites/nouvelle', '/alerte-precoce']);
    expect(entryPagesIn('en')).toEqual(['/en/activities/new', '/en/early-warning']);
  });

  it('keeps the correction pages opened too, and no other page of a record', () => {
    const id = '1b8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
    for (const path of [
      `/activites/${id}/modifier`,
      `/en/activities/${id}/edit`,
      `/alerte-precoce/${id}`,
      `/alerte-precoce/${id}/`,
      `/en/early-warning/${id}`,
      '/activites/nouvelle',
    ])
      expect(isKeptPage(path), path).toBe(true);
    for (const path of [
      `/activites/${id}`,
      `/activites/${id}/supprimer`,
      '/activites/x/modifier',
      `/subventions/${id}`,
      `/alerte-precoce/${id}/autre`,
      `/en/alerte-precoce/${id}`,
      `/en/activities/${id}/delete`,
      '/parametres/indicateurs',
      '/participants',
    ])
      expect(isKeptPage(path), path).toBe(false);
  });

  it('forgets the kept pages when a session starts or ends (POST only)', () => {
    expect(changesSession('POST', '/deconnexion')).toBe(true);
    expect(changesSession('POST', '/en/sign-out')).toBe(true);
    expect(changesSession('POST', '/connexion')).toBe(true);
    expect(changesSession('POST', '/api/auth/login')).toBe(true);
    expect(changesSession('GET', '/connexion')).toBe(false);
    expect(changesSession('POST', '/activites/nouvelle')).toBe(false);
  });

  it('keeps one account’s pages per build, and deletes every other Jalon cache', () => {
    const a = accountOf({ organisation: { id: 'org-a' }, user: { id: 'u1' } });
    const b = accountOf({ organisation: { id: 'org-b' }, user: { id: 'u1' } });
    expect(a).not.toBe(b);
    const names = [
      shellCache('v1'),
      shellCache('v2'),
      pagesCache('v2', a),
      pagesCache('v2', b),
      pagesCache('v1', a),
      'another-app-cache',
    ];
    expect(stale(names, 'v2', a).sort()).toEqual(
      [shellCache('v1'), pagesCache('v2', b), pagesCache('v1', a)].sort(),
    );
    expect(stale(names, 'v2', null)).not.toContain(shellCache('v2'));
    expect(stale(names, 'v2', null)).not.toContain('another-app-cache');
    expect(isPagesCache(pagesCache('v2', b), 'v2')).toBe(true);
    expect(isPagesCache(pagesCache('v1', b), 'v2')).toBe(false);
  });

  it('never keeps two accounts’ pages under one name', () => {
    const id = fc.string({ minLength: 1 });
    fc.assert(
      fc.property(id, id, id, id, (o1, u1, o2, u2) => {
        fc.pre(o1 !== o2 || u1 !== u2);
        const one = pagesCache('v', accountOf({ organisation: { id: o1 }, user: { id: u1 } }));
        const two = pagesCache('v', accountOf({ organisation: { id: o2 }, user: { id: u2 } }));
        // `:` inside an id could make two pairs one string: ids are UUIDs, checked here anyway.
        fc.pre(!`${o1}${u1}${o2}${u2}`.includes(':'));
        expect(one).not.toBe(two);
      }),
    );
  });

  it('answers « Hors ligne » in the page’s language, with the entry pages', () => {
    const fr = offlinePage('/indicateurs');
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('Hors ligne');
    expect(fr).toContain('href="/activites/nouvelle"');
    expect(fr).toContain('connexion\u202f:');
    const en = offlinePage('/en/indicators');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Offline');
    expect(en).toContain('href="/en/early-warning"');
    expect(offlinePage('/"><script>')).not.toContain('<script>');
  });

  it('keeps the lists and the dashboard per address, their filters included', () => {
    for (const path of [
      '/activites',
      '/en/activities/',
      '/alerte-precoce',
      '/indicateurs',
      '/en/indicators',
      '/tableau-de-bord',
      '/en/dashboard',
    ])
      expect(isKeptPage(path) && isReadPage(path), path).toBe(true);
    expect(isReadPage('/activites/nouvelle')).toBe(false);
    expect(isReadPage('/parametres/indicateurs')).toBe(false);
    expect(keptKey('http://x.test/activites?period=2024-Q1#top')).toBe(
      'http://x.test/activites?period=2024-Q1',
    );
    expect(keptKey('http://x.test/activites/nouvelle?programme=p')).toBe(
      'http://x.test/activites/nouvelle',
    );
  });

  it('keeps a client-side navigation’s data beside its page, every load of it', () => {
    const asked =
      'http://x.test/en/activities/__data.json?period=2023-Q2&x-sveltekit-invalidated=01';
    const page = dataRequestPage(asked);
    expect(page?.href).toBe('http://x.test/en/activities?period=2023-Q2');
    expect(everyLoad(asked)).toBe(
      'http://x.test/en/activities/__data.json?period=2023-Q2&x-sveltekit-invalidated=11',
    );
    expect(keptDataKey(must(page, 'the page'))).toBe(
      'http://x.test/en/activities/__data.json?period=2023-Q2',
    );
    // Another period is another key; a form's query is no part of an entry page's.
    expect(keptDataKey(new URL('http://x.test/activites?period=2023-Q3'))).not.toBe(
      keptDataKey(new URL('http://x.test/activites?period=2023-Q2')),
    );
    expect(keptDataKey(new URL('http://x.test/activites/nouvelle?programme=p'))).toBe(
      'http://x.test/activites/nouvelle/__data.json',
    );
    const trailing = dataRequestPage(
      'http://x.test/alerte-precoce/__data.json?x-sveltekit-trailing-slash=1&x-sveltekit-invalidated=1',
    );
    expect(trailing?.href).toBe('http://x.test/alerte-precoce');
    expect(dataRequestPage('http://x.test/activites?period=2023-Q2')).toBeNull();
    expect(dataRequestPage('http://x.test/api/trpc/activity.list')).toBeNull();
  });

  it('tells the page where its data came from, in a message it can check', () => {
    const page = new URL('http://x.test/activites?period=2023-Q2');
    const kept = dataAnswered(page, '2026-12-03T10:00:00.000Z');
    expect(kept).toEqual({
      type: 'jalon-data',
      path: '/activites?period=2023-Q2',
      keptAt: '2026-12-03T10:00:00.000Z',
    });
    expect(isDataAnswered(kept)).toBe(true);
    expect(isDataAnswered(dataAnswered(page, null))).toBe(true);
    for (const other of [null, 'x', { type: 'warm' }, { type: 'jalon-data', path: 1 }])
      expect(isDataAnswered(other)).toBe(false);
  });

  it('marks a kept page with the time it was fetched', () => {
    const html = markKept(
      '<html><head><title>x</title></head><body></body></html>',
      '2026-12-03T10:00:00.000Z"',
    );
    expect(html).toContain(
      '<meta name="jalon-kept-at" content="2026-12-03T10:00:00.000Z&quot;"></head>',
    );
  });
});
