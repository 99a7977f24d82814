import { findUserByEmail, normaliseEmail, updatePasswordHash, type Database } from '@jalon/db';
import { messageText, type Message } from '../messages';
import { hashPassword, needsRehash, unmatchableHash, verifyPassword } from './password';
import { createSession } from './sessions';
import { LoginThrottle } from './throttle';
import { must } from '@jalon/domain';

/** One message for an unknown email and a wrong password alike: a login form must not tell which. */
export const invalidCredentialsMessage: Message = messageText('login.invalid-credentials');

/** Said whether or not the account exists: attempts are counted per email, known or not. */
export const throttledMessage: Message = messageText('login.throttled');

export type LoginResult =
  | { ok: true; token: string; expiresAt: Date; userId: string; organisationId: string }
  | { ok: false; reason: 'invalid-credentials'; message: Message }
  | { ok: false; reason: 'throttled'; message: Message; retryAfterSeconds: number };

/** The process's throttle, shared by every login unless a caller (a test) brings its own. */
export const defaultLoginThrottle = new LoginThrottle();

const MAX_PASSWORD_LENGTH = 1024;

/**
 * Checks an email and password and opens a session. An unknown email is verified against a hash
 * no password matches, so it costs the same time as a wrong password and gets the same message;
 * an attempt over the throttle's limits is refused before any password is checked.
 *
 *   await login(db, 'suivi@wanep-mali.demo', 'jalon-demo-2023', '10.0.0.1') → { ok: true, token, … }
 */
export async function login(
  db: Database,
  email: string,
  password: string,
  ip: string | null | undefined,
  options: { throttle?: LoginThrottle; now?: Date; organisationId?: string } = {},
): Promise<LoginResult> {
  const throttle = options.throttle ?? defaultLoginThrottle;
  const address = normaliseEmail(email);
  const gate = await throttle.attempt(db, address, ip);
  if (!gate.allowed)
    return {
      ok: false,
      reason: 'throttled',
      message: throttledMessage,
      retryAfterSeconds: Math.ceil(gate.retryAfterMs / 1000),
    };

  // No address holds a control character (and PostgreSQL's text cannot hold NUL): such an email
  // is an unknown one, checked against the same unmatchable hash, not a query that fails.
  const user =
    address && address.length <= 320 && !/[\u0000-\u001f\u007f]/.test(address)
      ? await findUserByEmail(db, address)
      : undefined;
  // Over-long passwords are refused after the same work as any other, not before it.
  const candidate = password.length <= MAX_PASSWORD_LENGTH ? password : '';
  const matches = await verifyPassword(candidate, user?.passwordHash ?? unmatchableHash);
  const valid =
    matches &&
    user !== undefined &&
    user.passwordHash !== null &&
    password.length <= MAX_PASSWORD_LENGTH;
  const session = valid
    ? await createSession(db, user.id, { organisationId: options.organisationId, now: options.now })
    : undefined;
  // The failure was counted before the password was checked (see LoginThrottle.attempt).
  if (!valid || !session)
    return { ok: false, reason: 'invalid-credentials', message: invalidCredentialsMessage };
  await throttle.succeeded(db, address, ip);
  if (needsRehash(must(user.passwordHash, 'the password hash of a user who has one')))
    await updatePasswordHash(db, user.id, await hashPassword(password));
  return {
    ok: true,
    token: session.token,
    expiresAt: session.expiresAt,
    userId: user.id,
    organisationId: session.organisationId,
  };
}
