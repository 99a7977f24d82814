import { permissions } from '@jalon/api';
import { describe, expect, it } from 'vitest';
import { modulesFor } from './navigation';

const roles = [
  'network-admin',
  'me-officer',
  'manager',
  'programme-officer',
  'donor-viewer',
] as const;

/** The procedures a role may call, as the permission declarations give them. */
const proceduresOf = (role: (typeof roles)[number]) =>
  Object.entries(permissions)
    .filter(([, p]) => (p.roles as Record<string, string | undefined>)[role] !== undefined)
    .map(([path]) => path);

/** Every write the set-up pages make: a role shown the entry may make each of them. */
const setupWrites = [
  'donor.create',
  'donor.update',
  'donor.delete',
  'programme.create',
  'programme.update',
  'programme.delete',
  'grant.create',
  'grant.update',
  'grant.delete',
  'grant.addNode',
  'grant.updateNode',
  'grant.removeNode',
];

describe('the set-up entry of the navigation', () => {
  it('is shown, once, to exactly the roles that may make every set-up write', () => {
    for (const role of roles) {
      const procedures = proceduresOf(role);
      const shown = modulesFor(procedures).filter((module) => module.href === '/parametres');
      const mayWriteAll = setupWrites.every((p) => procedures.includes(p));
      expect(shown.length, role).toBe(mayWriteAll ? 1 : 0);
    }
    expect(
      roles.filter((r) => modulesFor(proceduresOf(r)).some((m) => m.href === '/parametres')),
    ).toEqual(['network-admin', 'me-officer']);
  });
});
