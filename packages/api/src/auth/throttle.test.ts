import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './throttle';

const MINUTE = 60_000;

function clock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('login throttle', () => {
  it('refuses an email after 5 failures in 15 minutes, and lets it try again once the oldest leaves the window', () => {
    const c = clock();
    const throttle = new LoginThrottle({ now: c.now });
    for (let i = 0; i < 5; i++) {
      expect(throttle.check('awa@example.ml', '10.0.0.1').allowed).toBe(true);
      throttle.recordFailure('awa@example.ml', '10.0.0.1');
      c.advance(MINUTE);
    }
    // 5 failures at t0 … t0+4 min; now t0+5 min: the first leaves at t0+15 min.
    expect(throttle.check('awa@example.ml', '10.0.0.2')).toEqual({
      allowed: false,
      retryAfterMs: 10 * MINUTE,
    });
    expect(throttle.check('AWA@example.ml ', '10.0.0.3').allowed).toBe(false);
    expect(throttle.check('moussa@example.ml', '10.0.0.1').allowed).toBe(true);
    c.advance(10 * MINUTE - 1);
    expect(throttle.check('awa@example.ml', '10.0.0.1').allowed).toBe(false);
    c.advance(1);
    expect(throttle.check('awa@example.ml', '10.0.0.1').allowed).toBe(true);
  });

  it('refuses an address after 20 failures over many emails', () => {
    const c = clock();
    const throttle = new LoginThrottle({ now: c.now });
    for (let i = 0; i < 20; i++) {
      expect(throttle.check(`user${i}@example.ml`, '192.0.2.7').allowed).toBe(true);
      throttle.recordFailure(`user${i}@example.ml`, '192.0.2.7');
      c.advance(1000);
    }
    expect(throttle.check('someone-new@example.ml', '192.0.2.7').allowed).toBe(false);
    expect(throttle.check('someone-new@example.ml', '192.0.2.8').allowed).toBe(true);
    c.advance(15 * MINUTE);
    expect(throttle.check('someone-new@example.ml', '192.0.2.7').allowed).toBe(true);
  });

  it('counts IPv6 clients by their /64, so changing the interface id does not escape', () => {
    const c = clock();
    const throttle = new LoginThrottle({ now: c.now, limits: { perIp: 3 } });
    throttle.recordFailure('a@x.ml', '2001:db8:1:2::1');
    throttle.recordFailure('b@x.ml', '2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    throttle.recordFailure('c@x.ml', '2001:0db8:0001:0002::ffff');
    expect(throttle.check('d@x.ml', '2001:db8:1:2::42').allowed).toBe(false);
    expect(throttle.check('d@x.ml', '2001:db8:1:3::42').allowed).toBe(true);
  });

  it('a success clears the email’s count but not the address’s', () => {
    const c = clock();
    const throttle = new LoginThrottle({ now: c.now, limits: { perEmail: 2, perIp: 3 } });
    throttle.recordFailure('awa@example.ml', '10.0.0.1');
    throttle.recordFailure('awa@example.ml', '10.0.0.1');
    expect(throttle.check('awa@example.ml', '10.0.0.9').allowed).toBe(false);
    throttle.recordSuccess('awa@example.ml');
    expect(throttle.check('awa@example.ml', '10.0.0.9').allowed).toBe(true);
    throttle.recordFailure('mine@example.ml', '10.0.0.1');
    throttle.recordSuccess('mine@example.ml');
    expect(throttle.check('other@example.ml', '10.0.0.1').allowed).toBe(false);
  });

  it('forgets the stalest keys past its capacity', () => {
    const throttle = new LoginThrottle({ now: clock().now, limits: { perEmail: 1, maxKeys: 10 } });
    for (let i = 0; i < 50; i++) throttle.recordFailure(`u${i}@x.ml`, null);
    expect(throttle.check('u0@x.ml', null).allowed).toBe(true);
    expect(throttle.check('u49@x.ml', null).allowed).toBe(false);
  });

  it('never lets more than the limit of failures through for one email in any window (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 * MINUTE }), { minLength: 1, maxLength: 60 }),
        (gaps) => {
          const c = clock();
          const throttle = new LoginThrottle({ now: c.now });
          const tried: number[] = [];
          for (const gap of gaps) {
            c.advance(gap);
            if (throttle.check('awa@example.ml', `10.0.${gap % 200}.1`).allowed) {
              tried.push(c.now());
              throttle.recordFailure('awa@example.ml', `10.0.${gap % 200}.1`);
            }
          }
          for (const t of tried)
            expect(tried.filter((u) => u >= t && u < t + 15 * MINUTE).length).toBeLessThanOrEqual(
              5,
            );
        },
      ),
    );
  });
});
