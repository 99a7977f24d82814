import { testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJalon, type RunningJalon } from '../src/server';

/**
 * Every role lands on a page it can read, and no page offers a link the API will refuse: for each
 * demo account, the walk starts at `/`, follows every link of every page it reaches (navigation
 * entries, buttons that are links, downloads of `/api/reports/…`, both languages) and finds no
 * 401 or 403, no page saying « Code : FORBIDDEN », and no refused API call in the server's log.
 *
 * To stay finite (period and page links lead on forever), the walk follows at most
 * {@link PER_SHAPE} addresses of each shape (the path with ids replaced, and the names of its
 * query parameters), and at most {@link MAX_PAGES} in all, which it must not reach.
 */
const kinds = await testDatabaseKinds();

const PER_SHAPE = 3;
const MAX_PAGES = 400;

const accounts = {
  'network admin': 'admin@wanep-mali.demo',
  'M&E officer': 'suivi@wanep-mali.demo',
  'programme officer': 'programme@wanep-mali.demo',
  manager: 'direction@wanep-mali.demo',
  'donor viewer': 'pnud@wanep-mali.demo',
} as const;

/** The links of a page that stay on Jalon, without their fragment. */
function linksOf(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/\shref="([^"]*)"/g)) {
    const href = (match[1] ?? '').replaceAll('&amp;', '&').split('#')[0] ?? '';
    if (!href.startsWith('/') || href.startsWith('//')) continue;
    if (href.startsWith('/_app/') || /\.(css|js|png|svg|ico|webmanifest|woff2?)$/.test(href))
      continue;
    found.add(href);
  }
  return [...found];
}

/** What a link is, for bounding the walk: `/activites/:id?period`. */
function shapeOf(href: string): string {
  const url = new URL(href, 'http://jalon.test');
  const path = url.pathname.replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    ':id',
  );
  const keys = [...new Set(url.searchParams.keys())].sort();
  return keys.length ? `${path}?${keys.join('&')}` : path;
}

describe('linksOf and shapeOf', () => {
  it('keeps Jalon’s own links, decoded, and gives the same shape to the same kind of page', () => {
    const html =
      '<a href="/activites?period=2023-Q2&amp;page=2#x">a</a><a href="https://iati.org">b</a>' +
      '<link href="/_app/immutable/x.css"><a href="//cdn/x">c</a>' +
      '<a href="/api/reports/xlsx?grant=G&amp;period=2023-Q2">d</a>';
    expect(linksOf(html)).toEqual([
      '/activites?period=2023-Q2&page=2',
      '/api/reports/xlsx?grant=G&period=2023-Q2',
    ]);
    expect(shapeOf('/activites/912821fe-8d9b-4129-aea3-150b3262d030?period=2023')).toBe(
      shapeOf('/activites/00000000-8d9b-4129-aea3-150b3262d030?period=2023-Q2'),
    );
    expect(shapeOf('/activites?page=2&period=2023')).not.toBe(shapeOf('/activites?period=2023'));
  });
});

describe.runIf(kinds.includes('postgres'))('every link of every page, for every role', () => {
  let jalon: RunningJalon;

  beforeAll(async () => {
    jalon = await startJalon();
  }, 120_000);
  afterAll(async () => {
    await jalon?.stop();
  });

  async function signIn(email: string): Promise<string> {
    const res = await fetch(`${jalon.url}/api/auth/login`, {
      method: 'POST',
      headers: { origin: jalon.url, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'jalon-demo-2023' }),
    });
    expect(res.status, `sign-in of ${email}`).toBe(200);
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) throw new Error(`no session cookie for ${email}`);
    return cookie;
  }

  for (const [role, email] of Object.entries(accounts)) {
    it(`walks the ${role}’s pages without a refusal`, { timeout: 300_000 }, async () => {
      const cookie = await signIn(email);
      const logBefore = jalon.output().length;
      const problems: string[] = [];
      const seen = new Set<string>();
      const perShape = new Map<string, number>();
      const queue: { href: string; from: string }[] = [{ href: '/', from: '(start)' }];
      let landing: string | null = null;

      while (queue.length > 0 && seen.size < MAX_PAGES) {
        const { href, from } = queue.shift()!;
        if (seen.has(href)) continue;
        const shape = shapeOf(href);
        if ((perShape.get(shape) ?? 0) >= PER_SHAPE) continue;
        seen.add(href);
        perShape.set(shape, (perShape.get(shape) ?? 0) + 1);

        const res = await fetch(`${jalon.url}${href}`, { headers: { cookie }, redirect: 'follow' });
        const where = `${href} (linked from ${from})`;
        if (href === '/') landing = new URL(res.url).pathname;
        if (res.status === 401 || res.status === 403) {
          problems.push(`${where}: HTTP ${res.status}`);
          await res.arrayBuffer();
          continue;
        }
        if (!(res.headers.get('content-type') ?? '').includes('text/html')) {
          await res.arrayBuffer();
          if (res.status >= 400) problems.push(`${where}: HTTP ${res.status}`);
          continue;
        }
        const html = await res.text();
        if (new URL(res.url).pathname.endsWith('/connexion'))
          problems.push(`${where}: sent to the sign-in page`);
        const refused = html.match(/<code>(FORBIDDEN|UNAUTHORIZED)<\/code>/);
        if (refused) problems.push(`${where}: the page says « Code : ${refused[1]} »`);
        for (const link of linksOf(html)) {
          if (!seen.has(link)) queue.push({ href: link, from: href });
        }
        // The reports page chooses its grant with a form: submitted for the demo grant (every
        // role that opens reports reads it), to reach its preview and downloads.
        if (href === '/rapports')
          queue.push({ href: '/rapports?grant=PROSMED-CCSC&period=2023-Q2', from: 'its form' });
      }

      expect(seen.size, 'the walk ended before its cap').toBeLessThan(MAX_PAGES);
      expect(landing, 'the landing page').toBe('/tableau-de-bord');
      // Every module of the navigation was reached (each is linked from every page).
      expect(
        [...seen].filter((h) => !h.includes('?') && !h.startsWith('/en')).length,
      ).toBeGreaterThan(1);
      expect(problems).toEqual([]);
      // A call the page made but hid (a filter left empty) is refused all the same: the log says so.
      const log = jalon.output().slice(logBefore);
      expect(log.match(/.*(FORBIDDEN|UNAUTHORIZED).*/g) ?? []).toEqual([]);
    });
  }
});
