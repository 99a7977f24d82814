import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dryRun } from '../dry-run';
import { batchActivitiesOf } from '../kinds/attendance';
import { committedHashes } from '../plan';
import { mappingProfile } from '../profile';
import type { SourceTable } from '../table';
import { REFS } from '../test-support/references';
import {
  KOBO_ACTIVITIES_PROFILE,
  KOBO_ATTENDANCE_PROFILE,
  recordedKoboPage,
} from '../test-support/kobo';
import { minusWindow, pullKobo } from './client';
import { koboJsonToTables, type KoboTables } from './json';
import { koboXlsxToTables } from './xlsx';

/** A recorded response of Kobo's API v2, shaped as its documentation shows. */
function recorded(name: string, origin = 'http://kobo.invalid'): unknown {
  return JSON.parse(recordedKoboPage(name, origin));
}

const activitiesProfile = mappingProfile.parse(KOBO_ACTIVITIES_PROFILE);
const attendanceProfile = mappingProfile.parse(KOBO_ATTENDANCE_PROFILE);

function tables(json: unknown): KoboTables {
  const r = koboJsonToTables(json);
  if (!r.ok) throw new Error(r.error.message.en);
  return r.value;
}

function plans(
  t: KoboTables,
  before = { activities: new Map<string, string>(), attendance: new Map<string, string>() },
) {
  const participants = t.repeats.get('participants') as SourceTable;
  const activities = dryRun({
    table: t.submissions,
    profile: activitiesProfile,
    refs: REFS,
    existing: before.activities,
  });
  if (!activities.ok || activities.value.kind !== 'activities')
    throw new Error('profile does not fit');
  // The activities of the same batch, each with the programme its row gives.
  const ids = batchActivitiesOf(activities.value.rows);
  const attendance = dryRun({
    table: participants,
    profile: attendanceProfile,
    refs: REFS,
    existing: before.attendance,
    batchActivities: ids,
  });
  if (!activities.ok || !attendance.ok) throw new Error('profile does not fit');
  return { activities: activities.value, attendance: attendance.value };
}

describe('Kobo API v2 JSON', () => {
  const page1 = recorded('data-page-1.json') as { results: unknown[] };
  const page2 = recorded('data-page-2.json') as { results: unknown[] };
  const all = [...page1.results, ...page2.results];

  it('becomes submissions by xpath and a repeat group of attendance rows; « not approved » is left out', () => {
    const t = tables(all);
    expect(t.submissions.rows).toHaveLength(2);
    expect(t.skipped).toEqual([
      { rootUuid: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', validation: 'not-approved' },
    ]);
    expect(t.submissions.rows[0]?.cells).toMatchObject({
      'meta/rootUuid': '3f2b8c1e-0a4d-4c8e-9b6f-1d2e3f4a5b6c',
      'groupe_activite/titre': 'Formation des jeunes leaders à Ségou',
      _validation_status: 'approved',
      _submission_time: '2023-05-09T18:02:45',
    });
    const participants = t.repeats.get('participants');
    expect(
      participants?.rows.map((r) => [
        r.cells['meta/rootUuid'],
        r.cells._index,
        r.cells['participants/sexe'],
      ]),
    ).toEqual([
      ['3f2b8c1e-0a4d-4c8e-9b6f-1d2e3f4a5b6c', 1, 'F'],
      ['3f2b8c1e-0a4d-4c8e-9b6f-1d2e3f4a5b6c', 2, 'M'],
      ['3f2b8c1e-0a4d-4c8e-9b6f-1d2e3f4a5b6c', 3, 'F'],
    ]);
    // A page object reads the same as its results.
    expect(tables({ ...page1 }).submissions.rows).toHaveLength(2);
  });

  it('becomes activities and attendance; an edited submission (same rootUuid) updates, never duplicates', () => {
    const first = plans(tables(all));
    expect(first.activities.counts).toEqual({ create: 2, update: 0, unchanged: 0, rejected: 0 });
    expect(first.attendance.counts).toEqual({ create: 3, update: 0, unchanged: 0, rejected: 0 });
    expect(first.activities.rows[0]?.record).toMatchObject({
      programmeId: 'prog-jps',
      placeIds: ['place-segou'],
      type: 'training',
      participants: { total: { value: 3, qualifier: 'exact' } },
    });
    expect(first.attendance.rows[0]?.record).toMatchObject({
      activity: { externalId: '3f2b8c1e-0a4d-4c8e-9b6f-1d2e3f4a5b6c', programmeId: 'prog-jps' },
      sex: 'female',
      ageGroup: 'youth',
    });
    const before = {
      activities: committedHashes(first.activities),
      attendance: committedHashes(first.attendance),
    };
    const again = plans(tables(all), before);
    expect(again.activities.counts.unchanged).toBe(2);
    expect(again.attendance.counts.unchanged).toBe(3);
    const edited = plans(
      tables((recorded('data-edited.json') as { results: unknown[] }).results),
      before,
    );
    expect(edited.activities.counts).toEqual({ create: 0, update: 1, unchanged: 1, rejected: 0 });
    expect(edited.activities.rows.find((r) => r.action === 'update')?.externalId).toBe(
      '3f2b8c1e-0a4d-4c8e-9b6f-1d2e3f4a5b6c',
    );
    expect(edited.attendance.counts).toEqual({ create: 1, update: 0, unchanged: 3, rejected: 0 });
  });

  it('a renamed question (a new form version) refuses the profile, naming the xpath', () => {
    const renamed = all.map((s) => {
      const { 'groupe_effectifs/femmes': femmes, ...rest } = s as Record<string, unknown>;
      return { ...rest, 'groupe_effectifs/nb_femmes': femmes };
    });
    const r = dryRun({
      table: tables(renamed).submissions,
      profile: activitiesProfile,
      refs: REFS,
      existing: new Map(),
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.missing).toEqual(['groupe_effectifs/femmes']);
  });

  it('refuses what is not a Kobo export', () => {
    const r = koboJsonToTables({ data: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('kobo-malformed');
  });
});

describe('pulling from a Kobo server (a local server replaying recorded responses)', () => {
  let server: Server;
  let origin = '';
  const requests: URL[] = [];
  let mode: 'normal' | 'edited' | 'foreign' | 'broken' = 'normal';

  const reply = (req: IncomingMessage) => {
    const url = new URL(req.url ?? '/', origin);
    if (req.headers.authorization !== 'Token s3cr3t')
      return { status: 401, body: { detail: 'Invalid token.' } };
    if (!url.pathname.startsWith('/api/v2/assets/aJalonRapportActivite23/data/'))
      return { status: 404, body: { detail: 'Not found.' } };
    requests.push(url);
    if (mode === 'broken') return { status: 200, body: { detail: 'nothing' } };
    if (mode === 'edited') return { status: 200, body: recorded('data-edited.json', origin) };
    if (url.searchParams.get('start') === '2')
      return { status: 200, body: recorded('data-page-2.json', origin) };
    const page = recorded(
      'data-page-1.json',
      mode === 'foreign' ? 'http://elsewhere.invalid' : origin,
    );
    return { status: 200, body: page };
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const { status, body } = reply(req);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const options = () => ({ baseUrl: origin, assetUid: 'aJalonRapportActivite23', token: 's3cr3t' });

  it('follows `next` with the token, and sets the watermark to the latest submission time', async () => {
    mode = 'normal';
    requests.length = 0;
    const r = await pullKobo({ ...options(), pageSize: 2 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.pages).toBe(2);
    expect(r.value.submissions).toHaveLength(3);
    expect(r.value.watermark).toBe('2023-05-20T09:15:00');
    expect(r.value.from).toBeNull();
    expect(requests[0]?.searchParams.get('limit')).toBe('2');
    expect(requests[0]?.searchParams.get('query')).toBeNull();
    expect(requests[1]?.searchParams.get('start')).toBe('2');
  });

  it('re-reads a window before the watermark, so edits come back as updates', async () => {
    mode = 'edited';
    requests.length = 0;
    const r = await pullKobo({ ...options(), watermark: '2023-05-20T09:15:00' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.parse(requests[0]?.searchParams.get('query') ?? '{}')).toEqual({
      _submission_time: { $gte: '2023-05-13T09:15:00' },
    });
    expect(r.value.watermark).toBe('2023-05-20T09:15:00');
    expect(r.value.submissions.map((s) => s['meta/instanceID'])).toContain(
      'uuid:e9d8c7b6-a5f4-4e3d-9c2b-1a0f9e8d7c6b',
    );
  });

  it('says why it fails: a wrong token, an unknown asset, a foreign link, a malformed answer, no server', async () => {
    mode = 'normal';
    const codes = async (o: Parameters<typeof pullKobo>[0]) => {
      const r = await pullKobo(o);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await codes({ ...options(), token: 'wrong' })).toBe('kobo-unauthorized');
    expect(await codes({ ...options(), assetUid: 'aInconnu' })).toBe('kobo-asset-not-found');
    mode = 'foreign';
    expect(await codes(options())).toBe('kobo-foreign-link');
    mode = 'broken';
    expect(await codes(options())).toBe('kobo-malformed');
    expect(await codes({ ...options(), baseUrl: 'http://127.0.0.1:9' })).toBe('kobo-unavailable');
  });

  it('computes the window in Kobo’s own time format', () => {
    expect(minusWindow('2023-05-20T09:15:00', 86_400_000)).toBe('2023-05-19T09:15:00');
  });
});

describe('Kobo xlsx export ("XML values and headers"), written by LibreOffice', () => {
  it('gives the same activities and attendance as the JSON', async () => {
    const bytes = new Uint8Array(
      readFileSync(new URL('../../fixtures/kobo/kobo-export.xlsx', import.meta.url)),
    );
    const r = await koboXlsxToTables(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.skipped).toEqual([
      { rootUuid: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', validation: 'not-approved' },
    ]);
    expect(
      r.value.repeats.get('participants')?.rows.map((row) => row.cells['meta/rootUuid']),
    ).toEqual([
      '3f2b8c1e-0a4d-4c8e-9b6f-1d2e3f4a5b6c',
      '3f2b8c1e-0a4d-4c8e-9b6f-1d2e3f4a5b6c',
      '3f2b8c1e-0a4d-4c8e-9b6f-1d2e3f4a5b6c',
    ]);
    const fromXlsx = plans(r.value);
    const fromJson = plans(
      tables([
        ...(recorded('data-page-1.json') as { results: unknown[] }).results,
        ...(recorded('data-page-2.json') as { results: unknown[] }).results,
      ]),
    );
    expect(fromXlsx.activities.rows.map((x) => x.hash)).toEqual(
      fromJson.activities.rows.map((x) => x.hash),
    );
    expect(fromXlsx.attendance.rows.map((x) => x.hash)).toEqual(
      fromJson.attendance.rows.map((x) => x.hash),
    );
  });

  it('refuses a workbook that is no Kobo export', async () => {
    const bytes = new Uint8Array(
      readFileSync(new URL('../../fixtures/activites.xlsx', import.meta.url)),
    );
    const r = await koboXlsxToTables(bytes);
    expect(r.ok ? 'ok' : r.error.code).toBe('kobo-malformed');
  });
});
