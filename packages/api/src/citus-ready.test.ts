import {
  findOrganisationByCode,
  openDatabase,
  queryRows,
  sql,
  type DatabaseHandle,
} from '@jalon/db';
import { seedDemo } from '@jalon/db/seed';
import { createScratchDatabase, testDatabaseKinds } from '@jalon/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from './auth/login';
import { resolveSession } from './auth/sessions';
import { createContext } from './context';
import { createCaller } from './router';
import { demoActor } from './routers/test-actors';
import { must } from '@jalon/domain';

/**
 * Ready for Citus (PostgreSQL distributed by `organisation_id`): Citus is not packaged here, so its
 * rules are read from PostgreSQL's catalogue and from the statements a representative run sends.
 * The README's "Citus deployment" is written from the lists below.
 */

/**
 * Shared by every organisation, replicated to every node as Citus reference tables: who can sign
 * in (a person may belong to several organisations) and the organisations themselves (networks
 * nest: a national network under a regional one). Jalon has no codelist tables: codelists
 * (activity types, sexes, age groups…) are enums in code and CHECK constraints.
 */
export const referenceTables = ['app_user', 'login_throttle', 'organisation', 'session'] as const;

/**
 * Reference tables that belong to no organisation at all: the sign-in throttle's counters are
 * keyed by email and address, before anyone knows which organisation a sign-in is for.
 */
const withoutOrganisation = ['login_throttle'];

/**
 * Where the schema breaks Citus's rules, pinned so that the list only shrinks: a new violation
 * fails this test, and so does fixing one without removing it here. Migration 0008
 * (`citus_composite_keys`) moved every primary key to `(organisation_id, …)` and put
 * organisation_id first in every unique key; none is left.
 */
const knownViolations: string[] = [];

const kinds = await testDatabaseKinds();

describe.skipIf(!kinds.includes('postgres'))(
  'ready for Citus: distributed by organisation_id',
  () => {
    let handle: DatabaseHandle;
    let drop: () => Promise<void>;
    const statements: string[] = [];

    beforeAll(async () => {
      const scratch = await createScratchDatabase('jalon_citus');
      drop = scratch.drop;
      handle = await openDatabase({
        url: scratch.url,
        maxConnections: 4,
        onQuery: (text) => statements.push(text),
      });
    });
    afterAll(async () => {
      await handle?.close();
      await drop?.();
    });

    const rows = <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) =>
      queryRows<T>(handle.db, q);

    it('has organisation_id on every table, tenant or reference', async () => {
      const missing = await rows<{ t: string }>(sql`
      select c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p')
         and not exists (select 1 from pg_attribute a
                          where a.attrelid = c.oid and a.attname = 'organisation_id' and not a.attisdropped)`);
      expect(missing.map((m) => m.t).sort()).toEqual(withoutOrganisation);
    });

    it('keeps organisation_id in every key and foreign key between distributed tables (known debts pinned)', async () => {
      const constraints = await rows<{
        t: string;
        kind: string;
        cols: string;
        ref: string | null;
        has_org: boolean;
        ref_has_org: boolean | null;
      }>(sql`
      select c.conrelid::regclass::text as t, c.contype as kind,
             (select string_agg(a.attname, ', ' order by array_position(c.conkey, a.attnum))
                from pg_attribute a where a.attrelid = c.conrelid and a.attnum = any(c.conkey)) as cols,
             c.confrelid::regclass::text as ref,
             exists (select 1 from pg_attribute a where a.attrelid = c.conrelid
                        and a.attnum = any(c.conkey) and a.attname = 'organisation_id') as has_org,
             case when c.contype = 'f' then
               array_position(c.conkey, (select attnum from pg_attribute where attrelid = c.conrelid and attname = 'organisation_id'))
                 = array_position(c.confkey, (select attnum from pg_attribute where attrelid = c.confrelid and attname = 'organisation_id'))
             end as ref_has_org
        from pg_constraint c join pg_namespace n on n.oid = c.connamespace
       where n.nspname = 'public' and c.contype in ('p', 'u', 'f')`);
      // A unique index that is not a constraint counts too.
      const indexes = await rows<{ t: string; cols: string }>(sql`
      select i.indrelid::regclass::text as t,
             (select string_agg(a.attname, ', ') from pg_attribute a
               where a.attrelid = i.indrelid and a.attnum = any(i.indkey)) as cols
        from pg_index i join pg_class c on c.oid = i.indexrelid
        join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and i.indisunique
         and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
         and not exists (select 1 from pg_attribute a where a.attrelid = i.indrelid
                           and a.attnum = any(i.indkey) and a.attname = 'organisation_id')`);
      const reference = new Set<string>(referenceTables);
      const violations: string[] = [];
      for (const c of constraints) {
        if (reference.has(c.t)) {
          // A reference table may not point into a distributed one.
          if (c.kind === 'f' && !reference.has(must(c.ref, 'c.ref')))
            violations.push(
              `${c.t}: reference table has a foreign key (${c.cols}) to distributed ${c.ref}`,
            );
          continue;
        }
        if (c.kind === 'p' && !c.has_org)
          violations.push(`${c.t}: primary key (${c.cols}) lacks organisation_id`);
        if (c.kind === 'u' && !c.has_org)
          violations.push(`${c.t}: unique (${c.cols}) lacks organisation_id`);
        // Distributed → reference is allowed; distributed → distributed must join on organisation_id.
        if (c.kind === 'f' && !reference.has(must(c.ref, 'c.ref')) && !c.ref_has_org)
          violations.push(`${c.t}: foreign key (${c.cols}) to ${c.ref} lacks organisation_id`);
      }
      for (const i of indexes)
        if (!reference.has(i.t))
          violations.push(`${i.t}: unique index (${i.cols}) lacks organisation_id`);
      expect(violations.sort()).toEqual([...knownViolations].sort());
    });

    it('sends only statements that name organisation_id, but for an explicit few', async () => {
      statements.length = 0;
      await seedDemo(handle.db);
      const org = must(
        await findOrganisationByCode(handle.db, 'WANEP-ML'),
        "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
      ).id;
      const signedIn = await login(
        handle.db,
        'suivi@wanep-mali.demo',
        'jalon-demo-2023',
        '127.0.0.1',
      );
      if (!signedIn.ok) throw new Error('sign-in failed');
      await resolveSession(handle.db, signedIn.token);
      const caller = createCaller(
        createContext({
          db: handle.db,
          actor: await demoActor(handle.db, org, 'suivi@wanep-mali.demo'),
        }),
      );
      // A representative day: lists, an activity entered with its participants, the indicators,
      // the dashboard, a report previewed and submitted, the audit trail.
      const programmeId = must(
        (await caller.programme.list()).items.find((p) => p.code === 'JPS'),
        "(await caller.programme.list()).items.find((p) => p.code === 'JPS')",
      ).id;
      const { activity } = await caller.activity.create({
        programmeId,
        title: 'Dialogue à Ségou',
        type: 'dialogue',
        startDate: '2023-06-20',
        endDate: '2023-06-20',
        participants: { total: { value: 12, qualifier: 'exact' }, cells: [] },
      });
      await caller.attendance.set({
        activityId: activity.id,
        version: activity.version,
        participants: [{ code: 'JPS-001', sex: 'female', ageGroup: 'youth' }],
      });
      await caller.activity.byId({ id: activity.id });
      await caller.activity.list({ period: '2023-Q2', limit: 50 });
      const indicators = (await caller.indicator.list()).items.map((i) => i.id);
      await caller.indicator.values({
        indicatorIds: indicators.slice(0, 30),
        period: '2023-Q2',
        breakdown: ['sex'],
      });
      await caller.dashboard.summary({ period: '2023-Q2' });
      await caller.bulletin.figures({ period: '2023-Q2' });
      const request = { grant: 'PROSMED-CCSC', period: '2023-Q2', template: 'undp-quarterly' };
      await caller.report.preview(request);
      const submitted = await caller.report.submit(request);
      await caller.report.snapshot({ id: submitted.id });
      await caller.audit.list({ limit: 20, offset: 0 });
      await caller.incident.list({ period: '2023-Q2' });
      await caller.place.list({});

      const allowed: [RegExp, string][] = [
        [
          /^\s*(begin|commit|rollback|savepoint|release savepoint|set |select set_config|show )/i,
          'transaction control and settings',
        ],
        [/^\s*select 1( as ok)?\s*$/i, 'health ping'],
        [
          /\bfrom "?(app_user|login_throttle|organisation|session)"?\b(?![\s\S]*\bjoin\b)/i,
          'reference tables only',
        ],
        [
          /^\s*(insert into|update|delete from) "?(app_user|login_throttle|organisation|session)"?\b/i,
          'writes to reference tables',
        ],
        [/pg_advisory|__drizzle_migrations/i, 'migrations'],
        [/from pg_catalog\.pg_type/i, "the driver's own type lookup when it connects"],
      ];
      /**
       * Statements that reach a tenant table by a parent's id alone, pinned so that the list only
       * shrinks (on Citus each would be a multi-shard statement). The nine found by the first run
       * (deletes of an activity's, a grant's or a membership's links, the seed's targets, the
       * snapshot tied to its lock, a membership's scopes) now name organisation_id; a new one
       * fails the test.
       */
      const knownStatements: string[] = [];
      const offenders = new Map<string, number>();
      for (const text of statements) {
        if (/organisation_id/i.test(text)) continue;
        if (allowed.some(([re]) => re.test(text))) continue;
        const key = text
          .replace(/\s+/g, ' ')
          .trim()
          .replace(/\(\$1(, \$\d+)+\)/g, () => '($1, …)');
        offenders.set(key, (offenders.get(key) ?? 0) + 1);
      }
      expect(statements.length).toBeGreaterThan(100);
      expect([...offenders.keys()].sort()).toEqual([...knownStatements].sort());
    });
  },
);
