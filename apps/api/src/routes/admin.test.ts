import type { Actor, SessionActor } from '@jalon/api';
import type { Database } from '@jalon/db';
import { describe, expect, it } from 'vitest';
import { adminRoutes } from './admin';

const origin = 'http://jalon.test';

/** A network admin's session, her password temporary or her own. */
const admin = (mustChangePassword: boolean): SessionActor => ({
  userId: 'u1',
  organisationId: 'o1',
  role: 'network-admin',
  programmeIds: [],
  grantIds: [],
  sessionId: 's1',
  expiresAt: new Date(Date.now() + 60_000),
  email: 'nouvelle.admin@example.org',
  name: 'Nouvelle admin',
  locale: 'fr',
  mustChangePassword,
});

async function ask(actor: Actor | null, language = 'fr') {
  let backups = 0;
  const app = adminRoutes({
    session: { db: null as unknown as Database, https: false, allowedOrigins: [origin] },
    actorOf: async () => actor,
    backup: async () => {
      backups += 1;
      return { archive: Buffer.from('archive'), summary: 'ok' };
    },
  });
  const res = await app.request('/backup', {
    method: 'POST',
    headers: { origin, 'accept-language': language },
  });
  return { res, backups };
}

describe('the backup of a signed-in network admin', () => {
  it('is refused while her password is a temporary one (an account just opened, or reset)', async () => {
    const { res, backups } = await ask(admin(true));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'Votre mot de passe est temporaire\u202f: choisissez-en un nouveau',
    );
    expect(backups).toBe(0);
  });

  it('is taken once she has chosen her own', async () => {
    const { res, backups } = await ask(admin(false));
    expect(res.status).toBe(200);
    expect(backups).toBe(1);
  });
});
