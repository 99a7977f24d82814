import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { findOrganisationByCode } from '../repositories/organisation/queries';
import { listProgrammes } from '../repositories/programme/queries';
import { findMembership, findUserByEmail } from '../repositories/user/queries';
import { listGrants } from '../repositories/grant/queries';
import { roles } from '../schema/index';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import { seedDemo } from './seed-demo';
import { demoUsers } from './seed-users';
import { must } from '@jalon/domain';

const kinds = await testDatabaseKinds();

describe.each(kinds)('demo users on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    await seedDemo(handle.db);
  });
  afterAll(async () => handle?.close());

  it('has one demo account per role, each with a hashed password', () => {
    expect(demoUsers.map((u) => u.role).sort()).toEqual([...roles].sort());
    for (const u of demoUsers) expect(u.passwordHash).toMatch(/^\$scrypt\$ln=\d+,r=\d+,p=\d+\$/);
    expect(new Set(demoUsers.map((u) => u.passwordHash)).size).toBe(demoUsers.length);
  });

  it('gives WANEP-Mali its accounts, the programme officer FPS only and the UNDP viewer PROSMED-CCSC only', async () => {
    const org = must(
      await findOrganisationByCode(handle.db, 'WANEP-ML'),
      "(await findOrganisationByCode(handle.db, 'WANEP-ML'))",
    );
    const fps = must(
      (await listProgrammes(handle.db, org.id)).find((p) => p.code === 'FPS'),
      "(await listProgrammes(handle.db, org.id)).find((p) => p.code === 'F...",
    );
    const prosmed = must(
      (await listGrants(handle.db, org.id)).find((g) => g.code === 'PROSMED-CCSC'),
      "(await listGrants(handle.db, org.id)).find((g) => g.code === 'PROSM...",
    );
    for (const u of demoUsers) {
      const user = await findUserByEmail(handle.db, u.email.toUpperCase());
      expect(user, u.email).toBeDefined();
      expect(must(user, 'user').passwordHash).toBe(u.passwordHash);
      const m = await findMembership(handle.db, org.id, must(user, 'user').id);
      expect(m?.role).toBe(u.role);
      expect(m?.programmeIds).toEqual(u.role === 'programme-officer' ? [fps.id] : []);
      expect(m?.grantIds).toEqual(u.role === 'donor-viewer' ? [prosmed.id] : []);
    }
  });
});
