/**
 * Login throttling: failed attempts are counted per email and per client address over a sliding
 * window; past the limit, logins are refused before any password is checked. Unknown emails are
 * counted exactly like known ones, so being throttled says nothing about whether an account
 * exists. In memory (one server process); the clock is injected so tests control time.
 */
export interface ThrottleLimits {
  /** failures per email within the window */
  perEmail: number;
  /** failures per client address within the window */
  perIp: number;
  windowMs: number;
  /** keys remembered at most; past it the stalest are forgotten, so a flood cannot exhaust memory */
  maxKeys: number;
}

export const defaultThrottleLimits: ThrottleLimits = {
  perEmail: 5,
  perIp: 20,
  windowMs: 15 * 60 * 1000,
  maxKeys: 50_000,
};

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  readonly limits: ThrottleLimits;
  private readonly now: () => number;

  constructor(options: { limits?: Partial<ThrottleLimits>; now?: () => number } = {}) {
    this.limits = { ...defaultThrottleLimits, ...options.limits };
    this.now = options.now ?? Date.now;
  }

  /** Whether a login for this email from this address may be tried now. */
  check(email: string, ip: string | null | undefined): ThrottleDecision {
    const now = this.now();
    let retryAfterMs = 0;
    for (const [key, limit] of this.keys(email, ip)) {
      const times = this.recent(key, now);
      if (times.length >= limit)
        retryAfterMs = Math.max(
          retryAfterMs,
          times[times.length - limit]! + this.limits.windowMs - now,
        );
    }
    return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
  }

  /** Counts a failed login against the email and the address. */
  recordFailure(email: string, ip: string | null | undefined): void {
    const now = this.now();
    for (const [key] of this.keys(email, ip)) {
      const times = this.recent(key, now);
      times.push(now);
      this.failures.delete(key);
      this.failures.set(key, times);
    }
    while (this.failures.size > this.limits.maxKeys)
      this.failures.delete(this.failures.keys().next().value!);
  }

  /**
   * A successful login clears the email's failures. The address keeps its count: one account the
   * attacker owns must not reset the budget for guessing everyone else's.
   */
  recordSuccess(email: string): void {
    this.failures.delete(emailKey(email));
  }

  private keys(email: string, ip: string | null | undefined): [string, number][] {
    const keys: [string, number][] = [[emailKey(email), this.limits.perEmail]];
    if (ip) keys.push([ipKey(ip), this.limits.perIp]);
    return keys;
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => t > now - this.limits.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }
}

function emailKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

/** IPv6 clients usually own a whole /64: count them by it, or a new address per attempt walks around the limit. */
function ipKey(ip: string): string {
  const address = ip.trim().toLowerCase();
  if (!address.includes(':') || address.startsWith('::ffff:'))
    return `ip:${address.replace(/^::ffff:/, '')}`;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `ip:${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
