import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../client';
import { seedDemo } from '../../seed/seed-demo';
import { openTestDatabase, testDatabaseKinds } from '../../testing';
import { createActivity, type ActivityInput } from '../activity/commands';
import { setAttendance } from '../attendance/commands';
import { setIndicatorComment } from '../comment/commands';
import { findGrantByCode } from '../grant/queries';
import { createIncident, type IncidentInput } from '../incident/commands';
import { listIndicators } from '../indicator/queries';
import { setManualValue } from '../manual-value/commands';
import { findOrganisationByCode } from '../organisation/queries';
import { listProgrammes } from '../programme/queries';
import { lastAuditId } from './queries';
import { submitReport } from './commands';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

/** A quarter of 2023 as the submission names it. */
const quarter = (q: 1 | 2 | 3 | 4) => {
  const start = `2023-${String(q * 3 - 2).padStart(2, '0')}-01`;
  const end = { 1: '2023-03-31', 2: '2023-06-30', 3: '2023-09-30', 4: '2023-12-31' }[q];
  return { periodCode: `2023-Q${q}`, periodStart: start, periodEnd: end };
};

describe.each(kinds)(
  'which changes made while a report is built refuse its submission, on %s',
  (kind) => {
    let handle: DatabaseHandle;
    let org: string;
    let prosmed: string;
    let justFuture: string;
    let ccsc: string;
    let news: string;
    let prosmedIndicator: string;

    beforeAll(async () => {
      handle = await openTestDatabase(kind);
      await seedDemo(handle.db);
      org = must(
        await findOrganisationByCode(handle.db, 'WANEP-ML'),
        "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
      ).id;
      prosmed = must(
        await findGrantByCode(handle.db, org, 'PROSMED-CCSC'),
        "(await findGrantByCode(handle.db, org, 'PROSMED-CCSC'))",
      ).id;
      justFuture = must(
        await findGrantByCode(handle.db, org, 'JUST-FUTURE'),
        "(await findGrantByCode(handle.db, org, 'JUST-FUTURE'))",
      ).id;
      const programmes = await listProgrammes(handle.db, org);
      ccsc = must(
        programmes.find((p) => p.code === 'CCS-C'),
        "programmes.find((p) => p.code === 'CCS-C')",
      ).id;
      news = must(
        programmes.find((p) => p.code === 'NEWS'),
        "programmes.find((p) => p.code === 'NEWS')",
      ).id;
      prosmedIndicator = must(
        (await listIndicators(handle.db, org)).find((i) => i.code === 'CCSC-SESSIONS'),
        "(await listIndicators(handle.db, org)).find( (i) => i.code === 'CCS...",
      ).id;
    }, 60_000);
    afterAll(async () => handle?.close());

    /** Submits PROSMED's report for a quarter as built before `change` ran: the outcome's kind. */
    async function submitAround(q: 1 | 2 | 3 | 4, change: () => Promise<{ ok: boolean }>) {
      const builtAfterAuditId = await lastAuditId(handle.db, org);
      expect((await change()).ok).toBe(true);
      const r = await submitReport(handle.db, org, {
        grantId: prosmed,
        ...quarter(q),
        template: 'undp-quarterly',
        templateVersion: '1.0.0',
        model: { q },
        sha256: '0'.repeat(64),
        builtAfterAuditId,
      });
      return r.ok ? 'submitted' : r.error.kind;
    }

    const activity = (grantIds: string[], date: string): ActivityInput => ({
      programmeId: ccsc,
      title: 'Atelier',
      type: 'workshop',
      role: 'organiser',
      startDate: date,
      endDate: date,
      sessions: 1,
      placeIds: [],
      grantIds,
      participants: { total: { value: 10, qualifier: 'exact' }, cells: [] },
    });
    const incident = (programmeId: string, date: string): IncidentInput => ({
      date,
      category: 'democracy-governance',
      deaths: 1,
      injuries: 0,
      verified: true,
      placeId: null,
      programmeId,
      description: null,
    });

    it('refuses it for each kind of fact the report counts, and locks nothing', async () => {
      const created = await createActivity(handle.db, org, activity([prosmed], '2023-02-01'));
      if (!created.ok) throw new Error('not created');
      const changes: [string, () => Promise<{ ok: boolean }>][] = [
        [
          'an activity of the grant',
          () => createActivity(handle.db, org, activity([prosmed], '2023-02-02')),
        ],
        [
          'the attendance of one',
          () => setAttendance(handle.db, org, created.value.id, undefined, [{ code: 'R-1' }]),
        ],
        [
          'an incident of a programme it funds',
          () => createIncident(handle.db, org, incident(ccsc, '2023-03-03')),
        ],
        [
          'a value of its indicator entered by hand',
          () =>
            setManualValue(
              handle.db,
              org,
              {
                indicatorId: prosmedIndicator,
                ...quarter(1),
                cellKey: '',
                value: 4,
                qualifier: 'exact',
                numerator: null,
                denominator: null,
                note: null,
              },
              undefined,
            ),
        ],
        [
          'a comment on its indicator',
          () =>
            setIndicatorComment(handle.db, org, {
              grantId: prosmed,
              indicatorId: prosmedIndicator,
              ...quarter(1),
              comment: 'Quatre sessions.',
            }),
        ],
      ];
      for (const [what, change] of changes)
        expect([what, await submitAround(1, change)]).toEqual([what, 'conflict']);
    });

    it('lets it through whatever else changes in the organisation meanwhile', async () => {
      const changes: [string, () => Promise<{ ok: boolean }>][] = [
        [
          'an incident of a programme it does not fund',
          () => createIncident(handle.db, org, incident(news, '2023-03-03')),
        ],
        [
          'an activity of another grant',
          () => createActivity(handle.db, org, activity([justFuture], '2023-02-02')),
        ],
        [
          'an activity of no grant',
          () => createActivity(handle.db, org, activity([], '2023-02-02')),
        ],
        [
          'an incident of a funded programme after the period',
          () => createIncident(handle.db, org, incident(ccsc, '2024-03-03')),
        ],
      ];
      for (const [i, [what, change]] of changes.entries())
        expect([what, await submitAround((i + 1) as 1 | 2 | 3 | 4, change)]).toEqual([
          what,
          'submitted',
        ]);
    });
  },
);

// A fact written at the very moment the period is being locked: only PostgreSQL runs both at once.
describe.each(kinds.filter((k) => k === 'postgres'))(
  'a submission racing a fact of its period on %s',
  (kind) => {
    let handle: DatabaseHandle;
    let org: string;
    let ccsc: string;
    let grantIds: string[];

    beforeAll(async () => {
      handle = await openTestDatabase(kind);
      await seedDemo(handle.db);
      org = must(
        await findOrganisationByCode(handle.db, 'WANEP-ML'),
        "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
      ).id;
      ccsc = must(
        (await listProgrammes(handle.db, org)).find((p) => p.code === 'CCS-C'),
        "(await listProgrammes(handle.db, org)).find((p) => p.code === 'CCS-C')",
      ).id;
      grantIds = [
        must(
          await findGrantByCode(handle.db, org, 'PROSMED-CCSC'),
          "(await findGrantByCode(handle.db, org, 'PROSMED-CCSC'))",
        ).id,
      ];
    }, 60_000);
    afterAll(async () => handle?.close());

    it('never both locks the period and lets in a fact its snapshot does not hold', async () => {
      // Each round a month of its own, locked like a reporting period.
      for (let round = 0; round < 20; round++) {
        const year = 2010 + Math.floor(round / 12);
        const month = String((round % 12) + 1).padStart(2, '0');
        const builtAfterAuditId = await lastAuditId(handle.db, org);
        const [submitted, written] = await Promise.all([
          submitReport(handle.db, org, {
            grantId: must(grantIds[0], 'grantIds[0]'),
            periodCode: `${year}-M${month}`,
            periodStart: `${year}-${month}-01`,
            periodEnd: `${year}-${month}-28`,
            template: 'undp-quarterly',
            templateVersion: '1.0.0',
            model: { round },
            sha256: '0'.repeat(64),
            builtAfterAuditId,
          }),
          createIncident(handle.db, org, {
            date: `${year}-${month}-15`,
            category: 'democracy-governance',
            deaths: 1,
            injuries: 0,
            verified: true,
            placeId: null,
            programmeId: ccsc,
            description: null,
          }),
        ]);
        // One of them must give way: the submission (conflict) or the incident (locked).
        expect([submitted.ok, written.ok]).not.toEqual([true, true]);
      }
    });
  },
);
