import { roles, type Role } from '@jalon/db/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../router';
import {
  authorize,
  authorizeProcedure,
  checkDeclarations,
  permissions,
  type Resource,
} from './permissions';
import type { Actor } from './sessions';

/** Every procedure of the router, walked from its record (not from the declaration). */
function procedurePaths(
  record: Record<string, unknown>,
  prefix = '',
): { path: string; type: string }[] {
  return Object.entries(record).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const def = (value as { _def?: { type?: string } })._def;
    if (typeof value === 'function' && def?.type) return [{ path, type: def.type }];
    return procedurePaths(value as Record<string, unknown>, path);
  });
}

const procedures = procedurePaths(appRouter._def.record as Record<string, unknown>);

// The situations every procedure is tried in. The programme officer's programme is P1, the donor
// viewer's grant is G1. "Other programme" keeps the grant, "other grant" keeps the programme, so
// each column moves one thing only.
const OWN_ORG = '00000000-0000-4000-8000-00000000000a';
const OTHER_ORG = '00000000-0000-4000-8000-00000000000b';
const P1 = '00000000-0000-4000-8000-0000000000a1';
const P2 = '00000000-0000-4000-8000-0000000000a2';
const G1 = '00000000-0000-4000-8000-0000000000b1';
const G2 = '00000000-0000-4000-8000-0000000000b2';

const situations = {
  own: { organisationId: OWN_ORG, programmeIds: [P1], grantIds: [G1] },
  otherOrganisation: { organisationId: OTHER_ORG, programmeIds: [P1], grantIds: [G1] },
  otherProgramme: { organisationId: OWN_ORG, programmeIds: [P2], grantIds: [G1] },
  otherGrant: { organisationId: OWN_ORG, programmeIds: [P1], grantIds: [G2] },
} satisfies Record<string, Resource>;
const columns = Object.keys(situations) as (keyof typeof situations)[];

function actorFor(role: Role): Actor {
  return {
    userId: '00000000-0000-4000-8000-0000000000cc',
    organisationId: OWN_ORG,
    role,
    programmeIds: role === 'programme-officer' ? [P1] : [],
    grantIds: role === 'donor-viewer' ? [G1] : [],
  };
}

/*
 * The expected answer of every procedure for every role, written by hand from the roles
 * (not computed from the declaration). Columns: own organisation, other organisation, other
 * programme, other grant. Y = allowed, N = refused.
 *   A network admin · M M&E officer · P programme officer (P1) · G manager · D donor viewer (G1)
 */
type Row = { A: string; M: string; P: string; G: string; D: string };
const readsForAll: Row = { A: 'YNYY', M: 'YNYY', P: 'YNNY', G: 'YNYY', D: 'YNYN' };
const staffAndProgrammes: Row = { A: 'YNYY', M: 'YNYY', P: 'YNNY', G: 'YNYY', D: 'NNNN' };
const staffOnly: Row = { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'YNYY', D: 'NNNN' };
const writers: Row = { A: 'YNYY', M: 'YNYY', P: 'YNNY', G: 'NNNN', D: 'NNNN' };
const donorReports: Row = { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'YNYY', D: 'YNYN' };
const meTeam: Row = { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' };
const approvers: Row = { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'YNYY', D: 'NNNN' };

const expected: Record<string, Row> = {
  'session.me': { A: 'YYYY', M: 'YYYY', P: 'YYYY', G: 'YYYY', D: 'YYYY' },
  // Her own password: nothing of an organisation's data, every signed-in role.
  'session.changePassword': { A: 'YYYY', M: 'YYYY', P: 'YYYY', G: 'YYYY', D: 'YYYY' },
  'programme.list': staffAndProgrammes,
  'programme.byId': staffAndProgrammes,
  'programme.create': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'programme.update': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'programme.delete': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'place.list': { A: 'YNYY', M: 'YNYY', P: 'YNYY', G: 'YNYY', D: 'YNYY' },
  'place.byId': { A: 'YNYY', M: 'YNYY', P: 'YNYY', G: 'YNYY', D: 'YNYY' },
  'place.create': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'place.update': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'place.delete': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'donor.list': { A: 'YNYY', M: 'YNYY', P: 'YNYY', G: 'YNYY', D: 'YNYY' },
  'donor.byId': { A: 'YNYY', M: 'YNYY', P: 'YNYY', G: 'YNYY', D: 'YNYY' },
  'donor.create': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'donor.update': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'donor.delete': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'activity.list': readsForAll,
  'activity.byId': readsForAll,
  'activity.check': writers,
  'activity.create': writers,
  'activity.update': writers,
  'activity.delete': writers,
  'activity.submit': writers,
  'activity.validate': approvers,
  'activity.reject': approvers,
  'attendance.list': readsForAll,
  'attendance.set': writers,
  'activity.restate': { A: 'YNYY', M: 'NNNN', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'manualValue.list': readsForAll,
  'manualValue.set': writers,
  'manualValue.submit': writers,
  'manualValue.validate': approvers,
  'manualValue.reject': approvers,
  'grant.list': readsForAll,
  'grant.byId': readsForAll,
  'grant.create': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'grant.update': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'grant.delete': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'grant.addNode': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'grant.updateNode': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'grant.removeNode': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'grant.moveNode': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'indicator.list': readsForAll,
  'indicator.byId': readsForAll,
  'indicator.values': readsForAll,
  'indicator.statuses': readsForAll,
  'person.list': staffAndProgrammes,
  'indicator.create': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'indicator.preview': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'indicator.update': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'indicator.delete': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'target.list': readsForAll,
  'target.set': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'target.remove': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'target.setBaseline': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'reportText.get': donorReports,
  'reportText.set': meTeam,
  // The organisation's people: the network admin alone.
  'user.list': { A: 'YNYY', M: 'NNNN', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'user.create': { A: 'YNYY', M: 'NNNN', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'user.setRole': { A: 'YNYY', M: 'NNNN', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'user.deactivate': { A: 'YNYY', M: 'NNNN', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'user.resetPassword': { A: 'YNYY', M: 'NNNN', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'bulletin.figures': staffOnly,
  'assessment.scorecard': staffOnly,
  'incident.list': staffAndProgrammes,
  'incident.summary': staffOnly,
  'organisation.settings': staffOnly,
  'organisation.updateSettings': { A: 'YNYY', M: 'NNNN', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'incident.byId': staffAndProgrammes,
  'incident.check': writers,
  'pivot.query': readsForAll,
  'incident.create': writers,
  'incident.update': writers,
  'incident.delete': writers,
  'dashboard.summary': readsForAll,
  'report.templates': { A: 'YYYY', M: 'YYYY', P: 'YYYY', G: 'YYYY', D: 'YYYY' },
  'report.preview': donorReports,
  'report.model': donorReports,
  'report.bulletin': staffOnly,
  'report.setComment': { A: 'YNYY', M: 'YNYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'report.validateTemplate': { A: 'YYYY', M: 'YYYY', P: 'NNNN', G: 'NNNN', D: 'NNNN' },
  'report.submit': meTeam,
  'report.snapshot': donorReports,
  'adx.export': donorReports,
  'adx.dhis2': donorReports,
  'adx.mapping': staffOnly,
  'adx.setMapping': meTeam,
  'audit.list': meTeam,
  // Imports write many records at once: the M&E team, and a programme officer into her
  // programmes (each row held to them: import-values.test.ts).
  'import.stage': writers,
  'import.plan': writers,
  'import.commit': writers,
  'import.undo': writers,
  'import.list': writers,
  'import.byId': writers,
};

const letter: Record<Role, keyof Row> = {
  'network-admin': 'A',
  'me-officer': 'M',
  'programme-officer': 'P',
  manager: 'G',
  'donor-viewer': 'D',
};

describe('permission declarations', () => {
  it('walks the router: the record and the flat procedure list agree', () => {
    expect(procedures.map((p) => p.path).sort()).toEqual(
      Object.keys(appRouter._def.procedures).sort(),
    );
    expect(procedures.length).toBeGreaterThan(0);
  });

  it('declares every procedure of the router, and nothing else', () => {
    const declared = Object.keys(permissions);
    const undeclared = procedures.map((p) => p.path).filter((p) => !declared.includes(p));
    const unknown = declared.filter((d) => !procedures.some((p) => p.path === d));
    expect(
      undeclared,
      'procedures without a declared permission (add them to auth/permissions.ts)',
    ).toEqual([]);
    expect(unknown, 'declarations naming no procedure').toEqual([]);
  });

  it('has an expected row for every procedure (a new procedure needs one here too)', () => {
    expect(procedures.map((p) => p.path).filter((p) => !expected[p])).toEqual([]);
  });

  it('declares mutations as writes, and grants no write to donor viewers', () => {
    for (const { path, type } of procedures) {
      const p = permissions[path as keyof typeof permissions];
      if (p.access === 'write') expect(type, path).toBe('mutation');
      if (type === 'mutation' && p.access !== 'write')
        expect(p.target, `${path} is a mutation that writes nothing`).toBe('none');
      if (p.access === 'write') expect(Object.keys(p.roles), path).not.toContain('donor-viewer');
    }
    expect(checkDeclarations(permissions)).toEqual([]);
    expect(
      checkDeclarations({
        'x.y': { access: 'write', target: 'record', roles: { 'donor-viewer': 'grant' } },
      }),
    ).toHaveLength(1);
    expect(
      checkDeclarations({
        'x.y': { access: 'read', target: 'record', roles: { intern: 'organisation' } as never },
      }),
    ).toHaveLength(1);
    // A change to one's own account names no record of an organisation.
    expect(
      checkDeclarations({
        'x.y': { access: 'self', target: 'record', roles: { manager: 'organisation' } },
      }),
    ).toHaveLength(1);
  });
});

describe('authorisation matrix: every procedure × role × situation', () => {
  const cases = procedures.flatMap(({ path }) =>
    roles.flatMap((role) =>
      columns.map((column, i) => ({
        path,
        role,
        column,
        allow: expected[path]?.[letter[role]]?.[i] === 'Y',
      })),
    ),
  );

  it('covers every procedure, role and situation', () => {
    expect(cases).toHaveLength(procedures.length * roles.length * columns.length);
  });

  it.each(cases)('$path as $role on $column → allow=$allow', ({ path, role, column, allow }) => {
    const decision = authorize(actorFor(role), path, situations[column]);
    expect(decision.allow).toBe(allow);
  });
});

describe('authorize', () => {
  it('refuses an undeclared procedure and an anonymous caller', () => {
    expect(authorize(actorFor('network-admin'), 'user.delete', situations.own)).toEqual({
      allow: false,
      reason: 'undeclared',
    });
    expect(authorize(actorFor('network-admin'), 'toString', situations.own)).toEqual({
      allow: false,
      reason: 'undeclared',
    });
    // Anonymous callers get the public procedures (who is signed in) and nothing else.
    for (const { path } of procedures)
      expect(authorize(null, path, situations.own), path).toEqual(
        permissions[path as keyof typeof permissions].access === 'public'
          ? { allow: true }
          : { allow: false, reason: 'unauthenticated' },
      );
  });

  it('gives the reason of a refusal', () => {
    expect(authorize(actorFor('manager'), 'activity.create', situations.own)).toEqual({
      allow: false,
      reason: 'role',
    });
    expect(authorize(actorFor('donor-viewer'), 'activity.delete', situations.own)).toEqual({
      allow: false,
      reason: 'read-only',
    });
    expect(
      authorize(actorFor('me-officer'), 'activity.byId', situations.otherOrganisation),
    ).toEqual({ allow: false, reason: 'other-organisation' });
    expect(
      authorize(actorFor('programme-officer'), 'activity.update', situations.otherProgramme),
    ).toEqual({ allow: false, reason: 'other-programme' });
    expect(authorize(actorFor('donor-viewer'), 'report.preview', situations.otherGrant)).toEqual({
      allow: false,
      reason: 'other-grant',
    });
    expect(authorize(actorFor('me-officer'), 'activity.byId', null)).toEqual({
      allow: false,
      reason: 'no-resource',
    });
  });

  it('narrows an unfiltered list to the caller’s programmes or grants, and refuses a record that names neither', () => {
    const org = { organisationId: OWN_ORG };
    expect(authorize(actorFor('programme-officer'), 'activity.list', org)).toEqual({
      allow: true,
      narrow: { programmeIds: [P1] },
    });
    expect(authorize(actorFor('donor-viewer'), 'activity.list', org)).toEqual({
      allow: true,
      narrow: { grantIds: [G1] },
    });
    expect(authorize(actorFor('me-officer'), 'activity.list', org)).toEqual({ allow: true });
    expect(authorize(actorFor('programme-officer'), 'activity.byId', org)).toEqual({
      allow: false,
      reason: 'other-programme',
    });
    expect(authorize(actorFor('donor-viewer'), 'grant.byId', { ...org, grantIds: [] })).toEqual({
      allow: false,
      reason: 'other-grant',
    });
    const noProgramme = { ...actorFor('programme-officer'), programmeIds: [] };
    expect(authorize(noProgramme, 'activity.list', org)).toEqual({
      allow: false,
      reason: 'other-programme',
    });
  });

  it('a record of several grants is reached through any of them; a list filtered to several needs them all', () => {
    const donor = actorFor('donor-viewer');
    expect(
      authorize(donor, 'activity.byId', { organisationId: OWN_ORG, grantIds: [G2, G1] }).allow,
    ).toBe(true);
    expect(
      authorize(donor, 'activity.list', { organisationId: OWN_ORG, grantIds: [G2, G1] }).allow,
    ).toBe(false);
    expect(
      authorize(donor, 'activity.list', { organisationId: OWN_ORG, grantIds: [G1] }).allow,
    ).toBe(true);
    const officer = actorFor('programme-officer');
    expect(
      authorize(officer, 'incident.list', { organisationId: OWN_ORG, programmeIds: [P1, P2] })
        .allow,
    ).toBe(false);
  });

  it('the middleware’s check before the resource is known: declared, signed in, role listed', () => {
    expect(authorizeProcedure(actorFor('programme-officer'), 'activity.create')).toEqual({
      allow: true,
      reach: 'programme',
    });
    expect(authorizeProcedure(actorFor('manager'), 'activity.create')).toEqual({
      allow: false,
      reason: 'role',
    });
    expect(authorizeProcedure(null, 'activity.list')).toEqual({
      allow: false,
      reason: 'unauthenticated',
    });
    expect(authorizeProcedure(actorFor('manager'), 'nope.nothing')).toEqual({
      allow: false,
      reason: 'undeclared',
    });
  });
});

describe('authorize, properties', () => {
  const id = fc.constantFrom(P1, P2, G1, G2, '00000000-0000-4000-8000-0000000000ff');
  const actor = fc.record({
    userId: fc.uuid(),
    organisationId: fc.constantFrom(OWN_ORG, OTHER_ORG),
    role: fc.constantFrom(...roles),
    programmeIds: fc.uniqueArray(id, { maxLength: 3 }),
    grantIds: fc.uniqueArray(id, { maxLength: 3 }),
  });
  const resource = fc.record(
    {
      organisationId: fc.constantFrom(OWN_ORG, OTHER_ORG, '00000000-0000-4000-8000-0000000000dd'),
      programmeIds: fc.uniqueArray(id, { maxLength: 3 }),
      grantIds: fc.uniqueArray(id, { maxLength: 3 }),
    },
    { requiredKeys: ['organisationId'] },
  );
  const path = fc.constantFrom(...procedures.map((p) => p.path));

  it('never lets anyone across organisations, except to what holds no organisation data', () => {
    fc.assert(
      fc.property(actor, resource, path, (a, r, p) => {
        fc.pre(a.organisationId !== r.organisationId);
        const d = authorize(a, p, r);
        if (d.allow) expect(permissions[p as keyof typeof permissions].target).toBe('none');
      }),
      { numRuns: 2000 },
    );
  });

  it('never lets a donor viewer write, and narrows only within the caller’s own scope', () => {
    fc.assert(
      fc.property(actor, resource, path, (a, r, p) => {
        const d = authorize(a, p, r);
        if (
          a.role === 'donor-viewer' &&
          permissions[p as keyof typeof permissions].access === 'write'
        )
          expect(d.allow).toBe(false);
        if (d.allow && d.narrow?.programmeIds)
          expect(a.programmeIds).toEqual(expect.arrayContaining(d.narrow.programmeIds));
        if (d.allow && d.narrow?.grantIds)
          expect(a.grantIds).toEqual(expect.arrayContaining(d.narrow.grantIds));
        if (
          d.allow &&
          a.role === 'programme-officer' &&
          r.programmeIds?.length &&
          permissions[p as keyof typeof permissions].target !== 'none' &&
          // places and donors are the whole organisation's map, read by every role: not narrowed
          (permissions[p as keyof typeof permissions].roles as Partial<Record<Role, string>>)[
            'programme-officer'
          ] === 'programme'
        ) {
          expect(r.programmeIds.some((x) => a.programmeIds.includes(x))).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
