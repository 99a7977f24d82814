import {
  createActivity,
  findGrantByCode,
  findOrganisationByCode,
  listProgrammes,
  listRegions,
  setAdxMapping,
  type DatabaseHandle,
} from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { must } from '@jalon/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { signIn } from '../testing';

/*
 * The remarks of an exchange file over HTTP: a per-region file that leaves activities out says so
 * — the count in a header, the notes themselves (in the reader's language) in the `/notes`
 * companion the `Link` header names — for DHIS2's dataValueSet and ADX alike.
 */

const kinds = await testDatabaseKinds();

describe.each(kinds)('exchange downloads’ notes on %s', (kind) => {
  let handle: DatabaseHandle;
  let app: ReturnType<typeof createApp>;
  let cookie: string;
  const get = (path: string, lang?: string) =>
    app.request(path, {
      headers: { cookie, ...(lang ? { 'accept-language': lang } : {}) },
    });
  const query = '?grant=PROSMED-CCSC&period=2023-Q2';

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    app = createApp({ db: handle.db, databaseKind: handle.kind });
    cookie = await signIn(app, 'suivi@wanep-mali.demo');
    const org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML');
    const grant = must(await findGrantByCode(handle.db, org.id, 'PROSMED-CCSC'), 'the grant');
    const regions = (await listRegions(handle.db, org.id)).map((r) => r.path);
    const mapping = {
      dataSet: 'PROSMED',
      orgUnit: 'WANEP-ML',
      indicators: { 'CCSC-SESSIONS': { total: 'CCSC-SESSIONS', breakdowns: [] } },
      categories: {},
      dhis2: {
        idScheme: 'CODE',
        orgUnit: 'OU_MALI',
        regions: Object.fromEntries(regions.map((r) => [r, `OU_${r}`])),
      },
    };
    expect((await setAdxMapping(handle.db, org.id, { grantId: grant.id, mapping })).ok).toBe(true);
    // Two sessions of the grant's programme held in no region: left out of a per-region file.
    const programme = must(
      (await listProgrammes(handle.db, org.id)).find((p) => p.code === 'CCS-C'),
      'CCS-C',
    );
    for (const day of ['2023-05-15', '2023-05-16'])
      expect(
        (
          await createActivity(handle.db, org.id, {
            programmeId: programme.id,
            title: `Session sans lieu ${day}`,
            type: 'training',
            role: 'organiser',
            startDate: day,
            endDate: day,
            sessions: 1,
            placeIds: [],
            grantIds: [grant.id],
            participants: null,
          })
        ).ok,
      ).toBe(true);
  }, 60_000);
  afterAll(async () => handle?.close());

  it.each(['dhis2', 'adx'] as const)(
    '%s: the file counts its notes and names its companion, which says them in the reader’s language',
    async (format) => {
      const res = await get(`/api/reports/${format}${query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get(`x-jalon-${format}-notes`)).toBe('1');
      const link = res.headers.get('link') ?? '';
      expect(link).toBe(
        `</api/reports/${format}/notes${query}>; rel="describedby"; type="application/json"`,
      );
      const companion = must(/^<([^>]+)>/.exec(link)?.[1], 'the companion');
      const fr = await get(companion);
      expect(fr.status).toBe(200);
      expect(fr.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await fr.json()) as { fileName: string; notes: string[]; omitted: unknown[] };
      expect(body.fileName).toBe(
        `PROSMED-CCSC_2023-Q2_${format}.${format === 'adx' ? 'xml' : 'json'}`,
      );
      // The two sessions without a place at least (the demo may hold others).
      expect(body.notes).toHaveLength(1);
      expect(Number(/^(\d+) activités/.exec(body.notes[0] ?? '')?.[1])).toBeGreaterThanOrEqual(2);
      expect(body.notes[0]).toContain('aucune région\u202f:');
      expect(Array.isArray(body.omitted)).toBe(true);
      const en = (await (await get(`${companion}&lang=en`)).json()) as { notes: string[] };
      expect(en.notes).toEqual([expect.stringContaining('in no region')]);
      // Refused as the file is: no query, no caller.
      expect((await get(`/api/reports/${format}/notes?grant=PROSMED-CCSC`)).status).toBe(400);
      expect((await app.request(companion)).status).toBe(401);
    },
  );
});
