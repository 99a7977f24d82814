import {
  clearLoginCounters,
  countLoginAttempt,
  forgetEndedLoginCounters,
  hasLoginMarker,
  refundLoginAttempt,
  rememberLoginMarker,
  type Database,
} from '@jalon/db';
import { must } from '@jalon/domain';

/**
 * Login throttling. Every attempt is counted before its password is checked, in one statement
 * that bumps the counters and returns them (so sixty guesses sent at once get sixty different
 * numbers, and only those within the limits are checked), against three keys:
 *
 * - the (email, address) pair: a handful of tries, then that address waits for that account;
 * - the address, over any emails: one machine guessing many accounts;
 * - the email from anywhere, at a slower rate: many machines guessing one account. An address
 *   the account has signed in from before is spared this one, so an attack spread over many
 *   addresses does not lock the real user out from her usual place.
 *
 * Unknown emails are counted exactly like known ones: being throttled says nothing about whether
 * an account exists. The counters live in the database, so a restart or a second server does not
 * reset them; the clock is injected so tests control time.
 */
export interface ThrottleLimits {
  /** attempts per (email, address) pair within `windowMs` */
  perPair: number;
  /** attempts per client address, over any emails, within `windowMs` */
  perIp: number;
  windowMs: number;
  /** attempts per email from any address within `accountWindowMs` */
  perAccount: number;
  accountWindowMs: number;
  /** how long an address the account signed in from is remembered as hers */
  knownForMs: number;
}

export const defaultThrottleLimits: ThrottleLimits = {
  perPair: 5,
  perIp: 20,
  windowMs: 15 * 60 * 1000,
  perAccount: 30,
  accountWindowMs: 60 * 60 * 1000,
  knownForMs: 90 * 24 * 3600 * 1000,
};

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export class LoginThrottle {
  readonly limits: ThrottleLimits;
  private readonly now: () => number;

  constructor(options: { limits?: Partial<ThrottleLimits>; now?: () => number } = {}) {
    this.limits = { ...defaultThrottleLimits, ...options.limits };
    this.now = options.now ?? Date.now;
  }

  /**
   * Counts an attempt to sign in as `email` from `ip` and says whether its password may be
   * checked. A refused attempt counts too: it cannot extend a window, only fill it.
   */
  async attempt(
    db: Database,
    email: string,
    ip: string | null | undefined,
  ): Promise<ThrottleDecision> {
    const now = new Date(this.now());
    const keys = this.keys(email, ip);
    const known = keys.known ? await hasLoginMarker(db, keys.known, now) : false;
    const counters = [
      { key: keys.pair, windowMs: this.limits.windowMs, limit: this.limits.perPair },
      ...(keys.ip
        ? [{ key: keys.ip, windowMs: this.limits.windowMs, limit: this.limits.perIp }]
        : []),
      ...(known
        ? []
        : [
            {
              key: keys.account,
              windowMs: this.limits.accountWindowMs,
              limit: this.limits.perAccount,
            },
          ]),
    ];
    const counts = await countLoginAttempt(db, counters, now);
    let retryAfterMs = 0;
    for (const c of counts) {
      const limit = must(
        counters.find((k) => k.key === c.key),
        'the throttle counter of a key',
      ).limit;
      if (c.attempts > limit)
        retryAfterMs = Math.max(retryAfterMs, c.expiresAt.getTime() - now.getTime());
    }
    return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
  }

  /**
   * A sign-in that succeeded: the pair starts over, the address becomes one the account is known
   * from, and the attempt is given back to the email's and the address's counts (a success is
   * not a guess: many colleagues behind one address sign in all day). The address keeps its
   * failures: one account the attacker owns must not reset the budget for guessing everyone else's.
   */
  async succeeded(db: Database, email: string, ip: string | null | undefined): Promise<void> {
    const now = new Date(this.now());
    const keys = this.keys(email, ip);
    await clearLoginCounters(db, [keys.pair]);
    await refundLoginAttempt(db, keys.ip ? [keys.account, keys.ip] : [keys.account], now);
    if (keys.known)
      await rememberLoginMarker(db, keys.known, new Date(now.getTime() + this.limits.knownForMs));
    // What has ended is of no use to anyone: the table holds only live windows.
    await forgetEndedLoginCounters(db, now);
  }

  private keys(email: string, ip: string | null | undefined) {
    const account = emailKey(email);
    const address = ip ? ipKey(ip) : null;
    return {
      account: `email:${account}`,
      ip: address ? `ip:${address}` : null,
      pair: `pair:${address ?? '-'}|${account}`,
      known: address ? `known:${address}|${account}` : null,
    };
  }
}

/**
 * An email as a key: trimmed, lower-cased, and without NUL (which PostgreSQL's text refuses; the
 * login itself treats such an email as unknown).
 */
function emailKey(email: string): string {
  return email.trim().toLowerCase().replaceAll('\u0000', '');
}

/** IPv6 clients usually own a whole /64: count them by it, or a new address per attempt walks around the limit. */
export function ipKey(ip: string): string {
  const address = ip.trim().toLowerCase();
  if (!address.includes(':') || address.startsWith('::ffff:'))
    return address.replace(/^::ffff:/, '');
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
