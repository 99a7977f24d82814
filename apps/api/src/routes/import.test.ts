import { readFileSync } from 'node:fs';
import type { DatabaseHandle } from '@jalon/db';
import { findGrantByCode, findOrganisationByCode, importReferences } from '@jalon/db';
import { periodLock } from '@jalon/db/schema';
import { seedDemo } from '@jalon/db/seed';
import { must } from '@jalon/domain';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { defaultBodyLimits } from '../http/limits';
import { signIn, testOrigin } from '../testing';

/**
 * `POST /api/import/upload`: a LibreOffice workbook streamed to disk as multipart, read through
 * its profile, planned and staged (then committed through tRPC); 413 above the route's own cap;
 * the M&E team only; a file that is no table refused with its code.
 */
const kinds = await testDatabaseKinds();

const workbook = readFileSync(
  new URL('../../../../packages/import/fixtures/activites.xlsx', import.meta.url),
);

const profile = {
  format: 1,
  name: 'Activités du secrétariat',
  kind: 'activities',
  columns: [
    { source: 'Identifiant', target: { field: 'externalId' } },
    { source: 'Titre', target: { field: 'title' } },
    { source: 'Type', target: { field: 'type' } },
    { source: 'Programme', target: { field: 'programme' } },
    { source: 'Date de début', target: { field: 'startDate' } },
    { source: 'Date de fin', target: { field: 'endDate' }, optional: true },
    { source: 'Lieux', target: { field: 'places' } },
    { source: 'Participants', target: { cell: {} } },
    { source: 'Femmes', target: { cell: { sex: 'female' } } },
    { source: 'Jeunes', target: { cell: { age: 'youth' } } },
  ],
};

function form(bytes: Uint8Array, fileName: string, profileJson = JSON.stringify(profile)) {
  const f = new FormData();
  f.set('profile', profileJson);
  f.set('file', new Blob([bytes]), fileName);
  return f;
}

describe.each(kinds)('import upload on %s', (kind) => {
  let handle: DatabaseHandle;
  let app: ReturnType<typeof createApp>;
  let small: ReturnType<typeof createApp>;
  let cookie: string;
  const upload = (a: ReturnType<typeof createApp>, body: FormData, who = cookie) =>
    a.request('/api/import/upload', {
      method: 'POST',
      headers: { origin: testOrigin, ...(who ? { cookie: who } : {}) },
      body,
    });

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    app = createApp({ db: handle.db, databaseKind: handle.kind });
    small = createApp({
      db: handle.db,
      databaseKind: handle.kind,
      bodyLimits: { ...defaultBodyLimits, upload: 4096 },
    });
    cookie = await signIn(app, 'suivi@wanep-mali.demo');
  }, 180_000);
  afterAll(async () => handle?.close(), 60_000);

  it('stages a LibreOffice workbook sent as multipart, and tRPC commits the batch', async () => {
    const res = await upload(app, form(workbook, 'activites.xlsx'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      id: string;
      counts: Record<string, number>;
      groups: { code: string; rowRanges: string }[];
    };
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    const rows = Object.values(body.counts).reduce((a, b) => a + b, 0);
    expect(rows).toBeGreaterThanOrEqual(4);
    expect(body.counts.create).toBeGreaterThan(0);

    const plan = await app.request(
      `/trpc/import.plan?input=${encodeURIComponent(JSON.stringify({ id: body.id }))}`,
      {
        headers: { cookie },
      },
    );
    expect(plan.status).toBe(200);
    const planned = (await plan.json()) as {
      result: { data: { batch: { fileName: string; sheet: string } } };
    };
    expect(planned.result.data.batch.fileName).toBe('activites.xlsx');
    expect(planned.result.data.batch.sheet).toBe('Activités');

    const commit = await app.request('/trpc/import.commit', {
      method: 'POST',
      headers: { cookie, origin: testOrigin, 'content-type': 'application/json' },
      body: JSON.stringify({ id: body.id, validOnly: true }),
    });
    expect(commit.status).toBe(200);
    const done = (await commit.json()) as { result: { data: { counts: Record<string, number> } } };
    expect(done.result.data.counts.create).toBe(body.counts.create);
  });

  it('refuses a file over the route’s cap with 413, and writes no batch', async () => {
    const res = await upload(small, form(new Uint8Array(20_000).fill(65), 'gros.csv'));
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a PDF with its code, a broken profile with its path, and other roles', async () => {
    const pdf = await upload(app, form(new TextEncoder().encode('%PDF-1.7\n…'), 'r.pdf'));
    expect(pdf.status).toBe(400);
    expect(((await pdf.json()) as { error: { message: string } }).error.message).toMatch(
      /PDF.*\(file-wrong-type\)$/,
    );
    const broken = await upload(app, form(workbook, 'a.xlsx', '{"format":2}'));
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { message: string } }).error.message).toMatch(
      /^Profil refusé — format/,
    );
    const donor = await signIn(app, 'pnud@wanep-mali.demo');
    expect((await upload(app, form(workbook, 'a.xlsx'), donor)).status).toBe(403);
    const manager = await signIn(app, 'direction@wanep-mali.demo');
    expect((await upload(app, form(workbook, 'a.xlsx'), manager)).status).toBe(403);
    expect((await upload(app, form(workbook, 'a.xlsx'), '')).status).toBe(401);
  });

  it.each([
    ['activities', 'xlsx'],
    ['attendance', 'csv'],
    ['incidents', 'csv'],
    ['incidents', 'xlsx'],
    ['targets', 'xlsx'],
    ['targets', 'csv'],
    ['values', 'xlsx'],
    ['values', 'csv'],
  ] as const)(
    'serves the %s template as %s, which the upload reads back by its kind alone',
    async (importKind, format) => {
      const res = await app.request(`/api/import/template/${importKind}.${format}`, {
        headers: { cookie },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(
        new RegExp(`^attachment; filename="modele-import-\\w+\\.${format}"$`),
      );
      const bytes = new Uint8Array(await res.arrayBuffer());
      const f = new FormData();
      f.set('kind', importKind);
      f.set('file', new Blob([bytes]), `modele.${format}`);
      const staged = await upload(app, f);
      expect(staged.status).toBe(200);
      const body = (await staged.json()) as { counts: Record<string, number>; groups: unknown[] };
      // The example row names the demo's own programme, place and activity: nothing to correct.
      expect(body.groups).toEqual([]);
      expect(body.counts).toEqual({ create: 1, update: 0, unchanged: 0, rejected: 0 });
    },
  );

  it('imports targets and a baseline: row errors named in the caller’s language, a locked period’s target refused, the rest written', async () => {
    const org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    const grant = must(await findGrantByCode(handle.db, org, 'PROSMED-CCSC'), 'PROSMED-CCSC');
    // Broken down by sex: the rows below set women's targets.
    const ind = must(
      (await importReferences(handle.db, org)).indicators
        .filter((i) => i.grant?.id === grant.id && i.dimensions.includes('sex'))
        .sort((a, b) => (a.names[0] ?? '').localeCompare(b.names[0] ?? ''))[0],
      'an indicator of PROSMED-CCSC broken down by sex',
    );
    const code = must(ind.names[0], 'code');
    const csv = (lines: string[]) => {
      const f = new FormData();
      f.set('kind', 'targets');
      const text = ['Nature;Indicateur;Subvention;Période;Valeur;Sexe', ...lines].join('\r\n');
      f.set('file', new Blob([new TextEncoder().encode(text)]), 'cibles.csv');
      return f;
    };
    const wrong = await app.request('/api/import/upload', {
      method: 'POST',
      headers: { origin: testOrigin, cookie, 'accept-language': 'en' },
      body: csv([`Cible;NOPE-9;;2024;5;`, `Cible;${code};;2024-Q9;5;`]),
    });
    const refused = (await wrong.json()) as {
      counts: Record<string, number>;
      groups: { code: string; rowRanges: string; examples: { message: { en: string } }[] }[];
    };
    expect(refused.counts.rejected).toBe(2);
    expect(refused.groups.map((g) => [g.code, g.rowRanges])).toEqual([
      ['indicator-not-found', '2'],
      ['not-a-period', '3'],
    ]);
    expect(refused.groups[0]?.examples[0]?.message.en).toContain('Indicator "NOPE-9" not found');

    // As a submitted report leaves it.
    await handle.db
      .insert(periodLock)
      .values({
        organisationId: org,
        grantId: grant.id,
        periodCode: '2023-Q3',
        periodStart: '2023-07-01',
        periodEnd: '2023-09-30',
      })
      .onConflictDoNothing();
    const trpc = (path: string, input: unknown) =>
      app.request(`/trpc/${path}`, {
        method: 'POST',
        headers: {
          cookie,
          origin: testOrigin,
          'content-type': 'application/json',
          'accept-language': 'en',
        },
        body: JSON.stringify(input),
      });
    const stage = async (lines: string[]) =>
      ((await (await upload(app, csv(lines))).json()) as { id: string }).id;
    const locked = await trpc('import.commit', {
      id: await stage([
        `Cible;${code};${grant.code};2024-Q1;40;Femme`,
        `Cible;${code};;2023-Q3;999;Femme`,
      ]),
    });
    expect(locked.status).toBe(412);
    expect(((await locked.json()) as { error: { message: string } }).error.message).toMatch(
      /^Nothing was imported: 1 row cannot be written — row 3: Period 2023-Q3 .* locked/,
    );
    const ok = await trpc('import.commit', {
      id: await stage([
        `Cible;${code};${grant.code};2024-Q1;40;Femme`,
        `Référence;${code};;2021;12;`,
      ]),
    });
    expect(ok.status).toBe(200);
    const listed = await app.request(
      `/trpc/target.list?input=${encodeURIComponent(JSON.stringify({ indicatorId: ind.id }))}`,
      { headers: { cookie } },
    );
    const data = (
      (await listed.json()) as {
        result: {
          data: {
            targets: { periodCode: string; cellKey: string; value: number }[];
            baselines: { cellKey: string; value: number; year: number }[];
          };
        };
      }
    ).result.data;
    expect(
      data.targets.filter((t) => t.periodCode === '2024-Q1' && t.cellKey === 'sex=female'),
    ).toMatchObject([{ value: 40 }]);
    expect(data.targets.some((t) => t.value === 999)).toBe(false);
    expect(data.baselines.filter((b) => b.cellKey === '')).toMatchObject([
      { value: 12, year: 2021 },
    ]);
  });

  it('refuses an unknown template, and the template to whoever may not import', async () => {
    const get = (path: string, who = cookie) =>
      app.request(path, { headers: who ? { cookie: who } : {} });
    expect((await get('/api/import/template/budget.xlsx')).status).toBe(404);
    expect((await get('/api/import/template/activities.pdf')).status).toBe(404);
    const officer = await signIn(app, 'programme@wanep-mali.demo');
    expect((await get('/api/import/template/targets.csv', officer)).status).toBe(403);
    const manager = await signIn(app, 'direction@wanep-mali.demo');
    expect((await get('/api/import/template/activities.csv', manager)).status).toBe(403);
    expect((await get('/api/import/template/activities.csv', '')).status).toBe(401);
  });

  it('who may import what: every role against every template and the upload (a matrix)', async () => {
    // A programme officer: every kind she may enter by hand (not targets), her programmes only.
    const team = [200, 200, 400];
    const no = [403, 403, 403];
    const mayImport: Record<string, number[][]> = {
      admin: [team, team, team, team, team],
      suivi: [team, team, team, team, team],
      programme: [team, team, team, no, team],
      direction: [no, no, no, no, no],
      pnud: [no, no, no, no, no],
    };
    const seen: Record<string, number[]> = {};
    for (const [who, expected] of Object.entries(mayImport)) {
      const as = await signIn(app, `${who}@wanep-mali.demo`);
      const statuses: number[] = [];
      for (const k of ['activities', 'attendance', 'incidents', 'targets', 'values'] as const) {
        for (const format of ['xlsx', 'csv'])
          statuses.push(
            (await app.request(`/api/import/template/${k}.${format}`, { headers: { cookie: as } }))
              .status,
          );
        // A kind without a file: refused as a bad request by whoever may import it, before by the others.
        const f = new FormData();
        f.set('kind', k);
        statuses.push((await upload(app, f, as)).status);
      }
      seen[who] = statuses;
      expect(statuses, who).toEqual(expected.flat());
    }
    expect(Object.keys(seen)).toHaveLength(5);
  });
});
