import type { Database } from '@jalon/db';
import { roles, type Role } from '@jalon/db/schema';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { appRouter, createCaller } from '../router';
import { authorizeProcedure } from './permissions';
import type { Actor } from './sessions';
import { must } from '@jalon/domain';

/**
 * The declaration is enforced, not only declared: every procedure of the router, called by every
 * role (and by nobody), is refused by the middleware exactly when `authorizeProcedure` refuses it
 * — before its input is even read. The database is a trap: a call the gate lets through fails on
 * its (deliberately wrong) input or on the trap, never with 401/403.
 */
const procedures = Object.entries(appRouter._def.procedures as Record<string, unknown>).map(
  ([path, p]) => ({ path, type: (p as { _def: { type: string } })._def.type }),
);

const trap = new Proxy(
  {},
  {
    get() {
      throw new Error('the gate let an unauthorised call reach the database');
    },
  },
) as Database;

function actorFor(role: Role): Actor {
  return {
    userId: '00000000-0000-4000-8000-0000000000cc',
    organisationId: '00000000-0000-4000-8000-00000000000a',
    role,
    programmeIds: role === 'programme-officer' ? ['00000000-0000-4000-8000-0000000000a1'] : [],
    grantIds: role === 'donor-viewer' ? ['00000000-0000-4000-8000-0000000000b1'] : [],
  };
}

async function outcome(actor: Actor | null, path: string): Promise<string> {
  const caller = createCaller(createContext({ db: trap, actor })) as unknown as Record<
    string,
    Record<string, (input: unknown) => Promise<unknown>>
  >;
  const [group, name] = path.split('.') as [string, string];
  try {
    await must(
      must(caller[group], 'caller[group]')[name],
      'caller[group]![name]',
    )({ __probe: 'not an input any procedure accepts' });
    return 'OK';
  } catch (e) {
    return e instanceof TRPCError ? e.code : 'ERROR';
  }
}

describe('the permission middleware enforces the declaration on every procedure', () => {
  const cases = procedures.flatMap(({ path }) =>
    [...roles, null].map((role) => ({ path, role: role ?? 'anonymous' })),
  );

  it.each(cases)('$path as $role', async ({ path, role }) => {
    const actor = role === 'anonymous' ? null : actorFor(role as Role);
    const gate = authorizeProcedure(actor, path);
    const code = await outcome(actor, path);
    if (gate.allow) expect(['UNAUTHORIZED', 'FORBIDDEN']).not.toContain(code);
    else expect(code).toBe(actor ? 'FORBIDDEN' : 'UNAUTHORIZED');
  });

  it('tried every procedure of the router', () => {
    expect(procedures.length).toBeGreaterThan(30);
    expect(cases).toHaveLength(procedures.length * (roles.length + 1));
  });
});
