import { and, eq } from 'drizzle-orm';
import { appUser, grant, membership, membershipScope, type Role } from '../schema/index';
import type { Tx } from '../command';
import { must } from '@jalon/domain';

/** The password of every demo account (listed in the README). Demo data only: never a real deployment. */
export const demoPassword = 'jalon-demo-2023';

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  locale: 'fr' | 'en';
  /** programme codes a programme officer is limited to */
  programmes?: string[];
  /** grant codes a donor viewer is limited to */
  grants?: string[];
  /**
   * `demoPassword` hashed once by `@jalon/api`'s `hashPassword` (scrypt, its own salt each). The
   * database package cannot import the API's hashing (dependencies point the other way) and must
   * not carry a second copy of it, so the seed stores these; the API's tests prove each one
   * verifies with `demoPassword` at today's parameters. Fixed strings also make re-seeding change
   * no row, and a re-seed puts a demo account back on the documented password.
   */
  passwordHash: string;
}

export const demoUsers: readonly DemoUser[] = [
  {
    email: 'admin@wanep-mali.demo',
    name: 'Awa Coulibaly',
    role: 'network-admin',
    locale: 'fr',
    passwordHash:
      '$scrypt$ln=15,r=8,p=1$k2fqy2GbsiYAQC03KXweBA==$A8RB72tUBxanONm2/aU5O2OXRU5F2gOLUih0bUyqzI4=',
  },
  {
    email: 'suivi@wanep-mali.demo',
    name: 'Moussa Diarra',
    role: 'me-officer',
    locale: 'fr',
    passwordHash:
      '$scrypt$ln=15,r=8,p=1$0UfrdyI3t+S9NHWU0vGqgQ==$/Luk6W+CbV8m6BPTWOX3fCbikrvrQdfiTcLOogVBFug=',
  },
  {
    email: 'programme@wanep-mali.demo',
    name: 'Fatoumata Keïta',
    role: 'programme-officer',
    locale: 'fr',
    programmes: ['FPS'],
    passwordHash:
      '$scrypt$ln=15,r=8,p=1$Wiq606/tyRLtbzooujn9jA==$ZObnc805qC+tFQvxw76W5Av0RAg7fWuAJ1QyhUxHNMw=',
  },
  {
    email: 'direction@wanep-mali.demo',
    name: 'Ibrahim Sangaré',
    role: 'manager',
    locale: 'fr',
    passwordHash:
      '$scrypt$ln=15,r=8,p=1$xZvl//2mR5I2V8vfxGictQ==$G1UhbrS13GvWmooji5JA5AtSBWgFyWETwiqkCc7ZVQM=',
  },
  {
    email: 'pnud@wanep-mali.demo',
    name: 'Claire Dembélé (PNUD)',
    role: 'donor-viewer',
    locale: 'fr',
    grants: ['PROSMED-CCSC'],
    passwordHash:
      '$scrypt$ln=15,r=8,p=1$8s6LrHgEVuMzXrHFXxfQVQ==$dKaKOwGqcjqkrWt+cBepLPuHVwpJ2FUMfcdNy3DBncE=',
  },
];

/**
 * One demo account per role for the organisation, upserted by email, with its membership and
 * scopes replaced as a whole. Idempotent: a second run changes no row.
 */
export async function seedUsers(
  tx: Tx,
  organisationId: string,
  refs: { programmeIds: Map<string, string> },
): Promise<{ users: number }> {
  for (const u of demoUsers) {
    const values = { name: u.name, locale: u.locale, passwordHash: u.passwordHash, organisationId };
    const [user] = await tx
      .insert(appUser)
      .values({ email: u.email, ...values })
      .onConflictDoUpdate({ target: appUser.email, set: values })
      .returning({ id: appUser.id });
    const userId = must(user, 'the demo user just written').id;

    const [member] = await tx
      .insert(membership)
      .values({ organisationId, userId, role: u.role })
      .onConflictDoUpdate({
        target: [membership.organisationId, membership.userId],
        set: { role: u.role },
      })
      .returning({ id: membership.id });
    const membershipId = must(member, 'the demo membership just written').id;

    const scopes: { scopeKind: 'programme' | 'grant'; scopeId: string }[] = [];
    for (const code of u.programmes ?? []) {
      const id = refs.programmeIds.get(code);
      if (!id) throw new Error(`seed: user ${u.email} names unknown programme ${code}`);
      scopes.push({ scopeKind: 'programme', scopeId: id });
    }
    for (const code of u.grants ?? []) {
      const [row] = await tx
        .select({ id: grant.id })
        .from(grant)
        .where(and(eq(grant.organisationId, organisationId), eq(grant.code, code)));
      if (!row) throw new Error(`seed: user ${u.email} names unknown grant ${code}`);
      scopes.push({ scopeKind: 'grant', scopeId: row.id });
    }
    await tx.delete(membershipScope).where(eq(membershipScope.membershipId, membershipId));
    if (scopes.length > 0) {
      await tx
        .insert(membershipScope)
        .values(scopes.map((s) => ({ organisationId, membershipId, ...s })));
    }
  }
  return { users: demoUsers.length };
}
