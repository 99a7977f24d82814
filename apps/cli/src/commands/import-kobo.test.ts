import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabaseKinds } from '@jalon/db/testing';
import { KOBO_ACTIVITIES_PROFILE, KOBO_ASSET, recordedKoboPage } from '@jalon/import/test-support';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshDatabaseFlags, runJalon as jalon } from '../testing';

/**
 * `jalon import --kobo URL --asset UID`: a form's submissions pulled from a KoboToolbox server
 * (here a local one answering Kobo's API v2 with the recorded pages vendored in packages/import),
 * through the same staging, plan and commit as a file; the token only from JALON_KOBO_TOKEN, the
 * watermark printed for the next `--since`, and the same submissions again « inchangées ».
 */
const kinds = await testDatabaseKinds();
const dir = mkdtempSync(join(tmpdir(), 'jalon-cli-kobo-'));
const ASSET = KOBO_ASSET;
const TOKEN = 'kobo-token-for-tests';

/** What the fake Kobo server was asked: each request's query and whether it carried the token. */
const asked: { query: URLSearchParams; token: boolean }[] = [];
/** Two more forms on the same server: one pulled twice at once, one with a rejected report. */
const RACE = 'aJalonCourse';
const BROKEN = 'aJalonRejete';
let server: Server;
let origin = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const token = req.headers.authorization === `Token ${TOKEN}`;
    // No kept-alive sockets: one reused after the server timed it out (while PGlite opened in
    // this same process) fails the next pull with « fetch failed ».
    res.setHeader('connection', 'close');
    asked.push({ query: url.searchParams, token });
    if (!token) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"detail":"Invalid token."}');
      return;
    }
    const asset = /^\/api\/v2\/assets\/([^/]+)\/data\/$/.exec(url.pathname)?.[1];
    if (asset !== ASSET && asset !== RACE && asset !== BROKEN) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"detail":"Not found."}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    if (asset === BROKEN) {
      // The first page alone, one report saying 30 women of 3 participants: a rejected row.
      const page = JSON.parse(recordedKoboPage('data-page-1.json', origin)) as {
        next: string | null;
        results: Record<string, unknown>[];
      };
      page.next = null;
      if (page.results[0]) page.results[0]['groupe_effectifs/femmes'] = '30';
      res.end(JSON.stringify(page));
      return;
    }
    const page = url.searchParams.get('start') === '2' ? 'data-page-2.json' : 'data-page-1.json';
    res.end(recordedKoboPage(page, origin).replaceAll(`/assets/${ASSET}/`, `/assets/${asset}/`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const profile = join(dir, 'profil-kobo.json');
writeFileSync(profile, JSON.stringify(KOBO_ACTIVITIES_PROFILE));

describe.each(kinds)('jalon import --kobo on %s', (kind) => {
  let db: string[];
  let drop: (() => Promise<void>) | undefined;
  const pullOf = (asset: string, ...more: string[]) =>
    jalon(['import', '--kobo', origin, '--asset', asset, '--profile', profile, ...more, ...db]);
  const pull = (...more: string[]) => pullOf(ASSET, ...more);

  beforeAll(async () => {
    const fresh = await freshDatabaseFlags(kind, dir + kind, 'jalon_cli_kobo');
    drop = fresh.drop;
    db = fresh.flags;
    expect((await jalon(['seed', ...db])).code).toBe('ok');
  }, 120_000);
  afterAll(async () => drop?.());

  it('refuses without a token, naming where it goes, and never asks the server', async () => {
    vi.stubEnv('JALON_KOBO_TOKEN', '');
    const before = asked.length;
    const run = await pull();
    expect(run.code).toBe('jalon.import');
    expect(run.err).toContain('JALON_KOBO_TOKEN');
    expect(asked.length).toBe(before);
    const both = await jalon([
      'import',
      profile,
      '--kobo',
      origin,
      '--asset',
      ASSET,
      '-p',
      profile,
      ...db,
    ]);
    expect(both.code).toBe('jalon.import');
    expect(both.err).toContain('un fichier ou --kobo, pas les deux');
    const noAsset = await jalon(['import', '--kobo', origin, '-p', profile, ...db]);
    expect(noAsset.err).toContain('--kobo demande --asset');
  }, 60_000);

  it('a wrong token is said in words, nothing staged', async () => {
    vi.stubEnv('JALON_KOBO_TOKEN', 'wrong');
    const run = await pull('--lang', 'en');
    expect(run.code).toBe('jalon.import');
    expect(run.err).toMatch(/token|Kobo/i);
    expect(run.lines).toEqual([]);
  }, 60_000);

  it('pulls every page with the token, plans, commits, and the same submissions again are unchanged', async () => {
    vi.stubEnv('JALON_KOBO_TOKEN', TOKEN);
    const before = asked.length;
    const dry = await pull();
    const calls = asked.slice(before);
    expect(calls.length).toBe(2);
    expect(calls.every((c) => c.token)).toBe(true);
    expect(calls[0]?.query.get('query')).toBeNull();
    expect(dry.err).toContain('3 soumission(s) lue(s) en 2 page(s)');
    expect(dry.err).toContain('2023-05-20T09:15:00');
    expect(dry.lines[0]).toMatch(new RegExp(`— kobo-${ASSET}\\.json$`));
    // The submission a reviewer marked « not approved » is left out (Kobo's validation status).
    expect(dry.lines[1]).toBe('2 à créer, 0 à mettre à jour, 0 inchangée, 0 rejetée');

    // The dry run stored no watermark: the commit reads the form from its start.
    const beforeCommit = asked.length;
    const commit = await pull('--commit');
    expect(asked[beforeCommit]?.query.get('query')).toBeNull();
    expect(commit.code).toBe('ok');
    expect(commit.lines).toContain(
      'Importé\u202f: 2 créées, 0 mises à jour, 0 inchangée, 0 rejetée',
    );
    expect(commit.err).toContain('repère Kobo enregistré\u202f: 2023-05-20T09:15:00');

    // Run again as cron would, without --since: from the stored watermark minus a week.
    const cron = await pull('--commit');
    expect(cron.code).toBe('ok');
    expect(cron.err).toContain('reprise au repère enregistré\u202f: 2023-05-20T09:15:00');
    expect(asked.at(-2)?.query.get('query')).toContain('2023-05-13T09:15:00');
    expect(cron.lines).toContain(
      'Importé\u202f: 0 créées, 0 mises à jour, 2 inchangées, 0 rejetée',
    );
    expect(cron.err).toContain('repère Kobo inchangé\u202f: 2023-05-20T09:15:00');

    const again = await pull('--since', '2023-05-20T09:15:00');
    // From the watermark minus a week, so that edits come back: the two read again, unchanged.
    expect(asked.at(-2)?.query.get('query')).toContain('2023-05-13T09:15:00');
    expect(again.lines[1]).toBe('0 à créer, 0 à mettre à jour, 2 inchangées, 0 rejetée');
  }, 120_000);

  it('a refused batch stores no watermark: the next pull reads the form from its start again', async () => {
    vi.stubEnv('JALON_KOBO_TOKEN', TOKEN);
    const refused = await pullOf(BROKEN, '--commit');
    expect(refused.code).toBe('jalon.import');
    expect(refused.err).not.toContain('repère Kobo enregistré');
    const before = asked.length;
    const again = await pullOf(BROKEN);
    expect(asked[before]?.query.get('query')).toBeNull();
    expect(again.err).not.toContain('reprise au repère');
  }, 120_000);

  it.runIf(kind === 'postgres')(
    'two pulls of one form at the same time import each submission once and store the watermark',
    async () => {
      vi.stubEnv('JALON_KOBO_TOKEN', TOKEN);
      const runs = await Promise.all([pullOf(RACE, '--commit'), pullOf(RACE, '--commit')]);
      const created = runs.map((r) => {
        const done = r.lines.find((x) => x.startsWith('Importé'));
        return done ? Number(/(\d+) créée/.exec(done)?.[1]) : 0;
      });
      // One writes the two reports; the other finds them written (unchanged) or is refused as a
      // concurrent import — never two copies.
      expect(created.reduce((a, b) => a + b, 0)).toBe(2);
      expect(runs.some((r) => r.code === 'ok')).toBe(true);
      const after = await pullOf(RACE);
      expect(after.err).toContain('reprise au repère enregistré\u202f: 2023-05-20T09:15:00');
      expect(after.lines[1]).toBe('0 à créer, 0 à mettre à jour, 2 inchangées, 0 rejetée');
    },
    120_000,
  );
});
