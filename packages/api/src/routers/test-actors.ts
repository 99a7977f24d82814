import { findMembership, findUserByEmail, type Database } from '@jalon/db';
import type { Actor } from '../auth/sessions';

/** The demo user with this email as a session would make her (tests only). */
export async function demoActor(
  db: Database,
  organisationId: string,
  email: string,
): Promise<Actor> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`no demo user ${email}`);
  const m = await findMembership(db, organisationId, user.id);
  if (!m) throw new Error(`${email} is no member of ${organisationId}`);
  return {
    userId: user.id,
    organisationId,
    role: m.role,
    programmeIds: m.role === 'programme-officer' ? m.programmeIds : [],
    grantIds: m.role === 'donor-viewer' ? m.grantIds : [],
  };
}
