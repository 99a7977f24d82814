import { isIP } from 'node:net';

/**
 * The name of a `Host` header, without its port, lower-cased, without a trailing dot; IPv6 without
 * its brackets. Null when there is none.
 * @example hostName('Jalon.Example:443') // 'jalon.example'
 * @example hostName('[::1]:3000') // '::1'
 */
export function hostName(host: string | undefined): string | null {
  if (!host) return null;
  const h = host.trim().toLowerCase();
  const name = h.startsWith('[') ? h.slice(1, h.indexOf(']')) : h.replace(/:\d*$/, '');
  const bare = name.replace(/\.$/, '');
  return bare === '' ? null : bare;
}

/**
 * Which `Host` names the server answers for, against DNS rebinding (a page of `attacker.example`
 * whose name is made to resolve to this machine reaches it with `Host: attacker.example`):
 * - the names of Jalon's public URL(s) (`JALON_PUBLIC_URL`) and trusted origins;
 * - the names listed in `JALON_ALLOWED_HOSTS` (`.ong.example` also allows its subdomains);
 * - always, the names a rebinding page cannot send: IP addresses, `localhost` and `*.localhost`
 *   (the web app's own server calls the API on 127.0.0.1, health checks on localhost).
 * Ports are not compared: rebinding is about the name.
 * @example hostAllowed(['https://jalon.example'], [])('jalon.example:443') // true
 */
export function hostAllowed(
  origins: readonly string[],
  listed: readonly string[],
): (host: string | undefined) => boolean {
  const names = new Set<string>();
  const suffixes: string[] = [];
  for (const o of origins) {
    const name = URL.canParse(o) ? hostName(new URL(o).host) : null;
    if (name) names.add(name);
  }
  for (const entry of listed) {
    const e = entry.trim().toLowerCase();
    if (e.startsWith('.')) suffixes.push(e);
    else {
      const name = hostName(e);
      if (name) names.add(name);
    }
  }
  return (host) => {
    const name = hostName(host);
    if (!name) return false;
    if (isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost')) return true;
    return names.has(name) || suffixes.some((s) => name.endsWith(s) || name === s.slice(1));
  };
}
