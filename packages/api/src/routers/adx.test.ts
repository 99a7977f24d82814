import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figureOf, must, type Bounds, type Qualifier } from '@jalon/domain';
import { findOrganisationByCode, queryRows, sql, type DatabaseHandle } from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { openTestDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { adxDataSetSchema, adxMappingSchema, figuresOfAdx, readAdx } from '@jalon/reports';
import { ADX_XSD, XMLLINT, iatiValidationAvailable } from '@jalon/reports/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { createCaller } from '../router';
import { demoActor } from './test-actors';

const kinds = await testDatabaseKinds();
const haveTools = iatiValidationAvailable(process.env, [XMLLINT, ADX_XSD]);

function validate(xml: string, schema: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'jalon-adx-api-'));
  writeFileSync(join(dir, 'm.xml'), xml);
  try {
    execFileSync(XMLLINT, ['--noout', '--schema', schema, join(dir, 'm.xml')], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
}

function unwrap<T, E>(r: { ok: true; value: T } | { ok: false; error: E }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

type Stated = { value: number; qualifier: Qualifier; atLeast?: boolean; bounds?: Bounds | null };
/** Whether ADX may carry a figure as a number: never an interval, never an unknown count. */
function sendable(v: Stated, uncounted = 0): boolean {
  const f = figureOf({ ...v, uncounted });
  if (f.bounds && f.bounds.upper !== null && f.bounds.upper !== f.bounds.lower) return false;
  return !(f.atLeast && f.value === 0);
}

const sortKey = (x: { indicator: string; key: Record<string, string> }) =>
  `${x.indicator}|${JSON.stringify(Object.entries(x.key).sort())}`;

describe.each(kinds)('ADX export on %s', (kind) => {
  let handle: DatabaseHandle;
  let org: string;
  let me: ReturnType<typeof createCaller>;
  let meEn: ReturnType<typeof createCaller>;
  let programmeOfficer: ReturnType<typeof createCaller>;
  const where = { grant: 'PROSMED-CCSC', period: '2023-Q2' };

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
    org = must(await findOrganisationByCode(handle.db, 'WANEP-ML'), 'WANEP-ML').id;
    const as = async (email: string, locale: 'fr' | 'en' = 'fr') =>
      createCaller(
        createContext({
          db: handle.db,
          actor: await demoActor(handle.db, org, email),
          locale,
        }),
      );
    me = await as('suivi@wanep-mali.demo');
    meEn = await as('suivi@wanep-mali.demo', 'en');
    programmeOfficer = await as('programme@wanep-mali.demo');
  }, 60_000);
  afterAll(async () => handle?.close());

  /**
   * The file's figures against `indicator.values` for the same grant and period (differential):
   * every value read back is the one the API states, and every total and single-dimension cell
   * the API states as a number is in the file.
   */
  it('reads back to indicator.values, exactly, and validates as ADX', async () => {
    const out = await me.adx.export(where);
    expect(out.source).toBe('default');
    expect(out.fileName).toBe('PROSMED-CCSC_2023-Q2_adx.xml');
    if (haveTools) expect(validate(out.xml, ADX_XSD)).toBe('');
    const read = unwrap(readAdx(out.xml));
    expect(new Set(read.values.map((v) => v.period))).toEqual(new Set(['2023-04-01/P3M']));

    const grants = await me.grant.list();
    const grant = must(
      grants.items.find((g) => g.code === where.grant),
      'the PROSMED grant',
    );
    const indicators = (await me.indicator.list({ grantId: grant.id })).items.filter(
      (i) => i.unit !== 'qualitative',
    );
    const expected: { indicator: string; key: Record<string, string>; value: number }[] = [];
    for (const ind of indicators) {
      const dims = ind.dimensions.filter((d) =>
        ['sex', 'age', 'disability', 'category'].includes(d),
      );
      const [v] = (
        await me.indicator.values({
          indicatorIds: [ind.id],
          period: where.period,
          ...(dims.length
            ? { breakdown: dims as ('sex' | 'age' | 'disability' | 'category')[] }
            : {}),
        })
      ).items;
      const value = v?.value;
      if (!value) continue;
      if (sendable(value, value.uncounted ?? 0))
        expected.push({ indicator: ind.code, key: {}, value: value.value });
      for (const c of value.breakdown?.cells ?? [])
        if (
          Object.keys(c.key).length === 1 &&
          c.value &&
          sendable({ ...c.value, bounds: c.bounds })
        )
          expected.push({ indicator: ind.code, key: c.key, value: c.value.value });
    }
    const got = unwrap(figuresOfAdx(read.values, out.mapping)).map(({ indicator, key, value }) => ({
      indicator,
      key,
      value,
    }));
    expect(got.length).toBeGreaterThan(0);
    expect([...got].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
      [...expected].sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    );
  });

  it('follows the grant’s stored mapping, audited; only the M&E team stores it', async () => {
    const own = {
      dataSet: 'WANEP_QRPT',
      orgUnit: 'OU_MALI',
      groupAttributes: { FUNDING_MECHANISM: 'UNDP_PROSMED' },
      indicators: {
        'CCSC-MEMBRES': {
          total: 'DE_PART',
          breakdowns: [{ dataElement: 'DE_PART_SEX', by: ['sex'] }],
        },
      },
      categories: { sex: { category: 'GENDER', options: { female: 'F', male: 'M' } } },
    };
    expect(await me.adx.mapping({ grant: where.grant })).toEqual({ mapping: null, version: 0 });
    expect(await me.adx.setMapping({ grant: where.grant, version: 0, mapping: own })).toEqual({
      stored: true,
      version: 1,
    });
    expect((await me.adx.mapping({ grant: where.grant })).mapping).toEqual(
      adxMappingSchema.parse(own),
    );
    const out = await me.adx.export(where);
    expect(out.source).toBe('stored');
    if (haveTools) {
      expect(validate(out.xml, ADX_XSD)).toBe('');
      const dsd = join(mkdtempSync(join(tmpdir(), 'jalon-adx-dsd-')), 'dsd.xsd');
      writeFileSync(dsd, adxDataSetSchema(adxMappingSchema.parse(own)));
      expect(validate(out.xml, dsd)).toBe('');
    }
    const figures = unwrap(
      figuresOfAdx(unwrap(readAdx(out.xml)).values, adxMappingSchema.parse(own)),
    );
    expect(figures.every((f) => f.indicator === 'CCSC-MEMBRES')).toBe(true);
    expect(out.xml).toContain('FUNDING_MECHANISM="UNDP_PROSMED"');
    const audit = await queryRows<{ action: string }>(
      handle.db,
      sql`select action from audit_log where organisation_id = ${org} and entity = 'adx-mapping' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create']);
    // A save from the version read before someone else's save is refused, in the reader's words.
    await expect(
      me.adx.setMapping({ grant: where.grant, version: 0, mapping: { ...own, dataSet: 'AUTRE' } }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(
        'Quelqu’un a modifié cette correspondance d’échange ADX / DHIS2 entre-temps (version 1)',
      ),
    });
    await expect(
      meEn.adx.setMapping({ grant: where.grant, version: 0, mapping: null }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(
        'Someone changed this ADX / DHIS2 exchange mapping in the meantime (version 1)',
      ),
    });
    expect((await me.adx.mapping({ grant: where.grant })).mapping?.dataSet).toBe('WANEP_QRPT');
    // A mapping the schema refuses is said in the reader's words, field by field; nothing changes.
    const bad = { ...own, dataSet: '', categories: {} };
    await expect(
      me.adx.setMapping({ grant: where.grant, version: 1, mapping: bad }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        'Correspondance refusée, rien n’a été enregistré\u202f: dataSet\u202f: à remplir\u202f; ' +
        'indicators.CCSC-MEMBRES.breakdowns.0.by.0\u202f: aucune catégorie n’est associée à la ventilation sex.',
    });
    await expect(
      meEn.adx.setMapping({ grant: where.grant, version: 1, mapping: bad }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        'Mapping refused, nothing was saved: dataSet: required; ' +
        'indicators.CCSC-MEMBRES.breakdowns.0.by.0: no category is mapped for the breakdown sex.',
    });
    expect(await me.adx.mapping({ grant: where.grant })).toMatchObject({ version: 1 });
    expect(await me.adx.setMapping({ grant: where.grant, version: 1, mapping: null })).toEqual({
      stored: false,
      version: 0,
    });
    expect((await me.adx.export(where)).source).toBe('default');
    await expect(
      programmeOfficer.adx.setMapping({ grant: where.grant, version: 0, mapping: own }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
