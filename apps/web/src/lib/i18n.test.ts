import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Messages = Record<string, (inputs?: object, options?: { locale: 'fr' | 'en' }) => string>;

const readCatalogue = async (locale: string) => {
  const { $schema: _schema, ...messages } = JSON.parse(
    await readFile(new URL(`../../messages/${locale}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  return messages;
};

// Compiles the real project settings into a scratch folder with the same options as the build: if the
// message-format plugin cannot be loaded (e.g. a CDN URL in `modules`), Paraglide still
// "succeeds" with zero messages, and this suite fails.
describe('Paraglide compilation of messages/*.json', () => {
  let outdir: string;
  let m: Messages;

  beforeAll(async () => {
    outdir = await mkdtemp(join(tmpdir(), 'jalon-web-i18n-'));
    await promisify(execFile)(process.execPath, ['scripts/compile-i18n.js', '--outdir', outdir], {
      cwd: new URL('../..', import.meta.url),
    });
    m = (await import(pathToFileURL(join(outdir, 'messages.js')).href)) as Messages;
  }, 60_000);

  afterAll(async () => {
    await rm(outdir, { recursive: true, force: true });
  });

  it('renders the navigation in French and in English', () => {
    expect(m.nav_activities?.({}, { locale: 'fr' })).toBe('Activités');
    expect(m.nav_activities?.({}, { locale: 'en' })).toBe('Activities');
    expect(m.nav_early_warning?.({}, { locale: 'fr' })).toBe('Alerte précoce');
  });

  it('compiles every message of the catalogue', async () => {
    const keys = Object.keys(await readCatalogue('fr'));
    expect(keys.length).toBeGreaterThan(50);
    for (const key of keys) expect(typeof m[key], key).toBe('function');
  });

  it('gives every page an English address without a French slug, and back', async () => {
    const runtime = (await import(pathToFileURL(join(outdir, 'runtime.js')).href)) as {
      localizeHref: (href: string, options: { locale: 'fr' | 'en' }) => string;
      deLocalizeHref: (href: string) => string;
    };
    const routes = new URL('../routes/', import.meta.url);
    const pages = (await readdir(routes, { recursive: true }))
      .filter((file) => /(^|\/)\+page\.svelte$/.test(file))
      .map((file) => `/${file.replace(/\/?\+page\.svelte$/, '')}`);
    expect(pages).toContain('/alerte-precoce/[id=uuid]');
    const id = '1b8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
    // The route's own words (French), except those English spells the same.
    const same = new Set(['participants', 'programmes', 'export', 'organisation']);
    for (const route of pages) {
      const fr = route.replace(/\[id=uuid\]/g, id);
      const en = runtime.localizeHref(fr, { locale: 'en' });
      expect(en, route).toMatch(/^\/en(\/|$)/);
      const french = fr.split('/').filter((word) => word && word !== id && !same.has(word));
      for (const word of french) expect(en.split('/'), `${route} → ${en}`).not.toContain(word);
      expect(runtime.deLocalizeHref(en), route).toBe(fr);
    }
  });

  it('chooses plural forms by locale', () => {
    expect(m.activities_count?.({ count: 1, value: '1' }, { locale: 'fr' })).toBe('1 activité');
    expect(m.activities_count?.({ count: 0, value: '0' }, { locale: 'fr' })).toBe('0 activité');
    expect(m.activities_count?.({ count: 0, value: '0' }, { locale: 'en' })).toBe('0 activities');
    expect(m.period_quarter?.({ quarter: 1, year: '2023' }, { locale: 'fr' })).toBe(
      '1er trimestre 2023',
    );
  });
});

describe('message catalogues', () => {
  it('have the same keys in French and in English', async () => {
    const fr = Object.keys(await readCatalogue('fr')).sort();
    const en = Object.keys(await readCatalogue('en')).sort();
    expect(en).toEqual(fr);
  });

  it('keep a narrow no-break space inside « » in every French message', async () => {
    // every text of the catalogue, plural variants included
    const texts = (value: unknown): string[] =>
      typeof value === 'string'
        ? [value]
        : typeof value === 'object' && value !== null
          ? Object.values(value).flatMap(texts)
          : [];
    const fr = await readCatalogue('fr');
    const faults = Object.entries(fr).filter(([, value]) =>
      texts(value).some((t) => /«(?!\u202f)|(?<!\u202f)»/.test(t)),
    );
    expect(faults).toEqual([]);
    expect(texts(fr).join('')).toContain('«\u202f');
  });
});
