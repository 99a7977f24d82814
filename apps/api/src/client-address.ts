import { randomBytes, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { Context as HonoContext } from 'hono';
import { must } from '@jalon/domain';

/** The header the web app's server sends with the browser's address it relays (see below). */
export const RELAY_HEADER = 'x-jalon-relay';

/**
 * A secret of this process that the web app's server, running in it (apps/api/src/server.ts mounts
 * the SvelteKit handler), sends back with the browser's address when it relays a sign-in over
 * loopback. A client cannot know it, so its own `X-Forwarded-For` is never believed for that
 * reason. Set once per process, and read by the web app through its environment.
 */
export function relaySecret(): string {
  process.env.JALON_RELAY_SECRET ||= randomBytes(32).toString('base64url');
  return process.env.JALON_RELAY_SECRET;
}

/**
 * The proxies whose `X-Forwarded-For` is believed (`JALON_TRUSTED_PROXIES`): addresses or CIDR
 * ranges, IPv4 or IPv6. Anything else that is not an address or a range is refused, so a typo
 * does not silently trust nobody.
 */
export function parseTrustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    if (!family) throw new Error(`JALON_TRUSTED_PROXIES: "${entry}" is not an address or a range`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32))
        throw new Error(`JALON_TRUSTED_PROXIES: "${entry}" has a wrong prefix length`);
      list.addSubnet(address, prefix, type);
    }
  }
  return list;
}

function trusts(list: BlockList, address: string): boolean {
  const bare = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  const family = isIP(bare);
  if (!family) return false;
  return list.check(bare, family === 6 ? 'ipv6' : 'ipv4');
}

function sameSecret(given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(relaySecret());
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The client's address, for login throttling. The socket's, unless the socket is a trusted
 * proxy: then `X-Forwarded-For` is read from the right, skipping the trusted proxies, and the
 * first address no trusted proxy vouches for is the client (the left-most entries are whatever
 * the client chose to send). The web app's own relay over loopback is believed when it carries
 * this process's relay secret. Without a configured proxy a forwarded header changes nothing.
 */
export function clientAddressReader(trusted: BlockList) {
  return (c: HonoContext): string | null => {
    const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
    const socket = env?.incoming?.socket?.remoteAddress ?? null;
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (socket === null) return null;
    if (sameSecret(c.req.header(RELAY_HEADER)) && /^(127\.|::1$|::ffff:127\.)/.test(socket))
      return forwarded.at(-1) ?? socket;
    if (!trusts(trusted, socket)) return socket;
    for (let i = forwarded.length - 1; i >= 0; i--) {
      const hop = must(forwarded[i], 'a hop of the forwarded-for header');
      if (!isIP(hop.replace(/^::ffff:/, ''))) return socket;
      if (!trusts(trusted, hop)) return hop;
    }
    return forwarded[0] ?? socket;
  };
}
