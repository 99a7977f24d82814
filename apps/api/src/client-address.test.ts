import { describe, expect, it } from 'vitest';
import {
  clientAddressReader,
  parseTrustedProxies,
  RELAY_HEADER,
  relaySecret,
} from './client-address';

describe('the web app’s relay of the browser’s address', () => {
  it('is believed over loopback only with this process’s secret', () => {
    const read = clientAddressReader(parseTrustedProxies([]));
    const context = (socket: string, headers: Record<string, string>) =>
      ({
        env: { incoming: { socket: { remoteAddress: socket } } },
        req: { header: (name: string) => headers[name] },
      }) as unknown as Parameters<typeof read>[0];
    const xff = { 'x-forwarded-for': '192.0.2.1' };
    expect(read(context('127.0.0.1', { ...xff, [RELAY_HEADER]: relaySecret() }))).toBe('192.0.2.1');
    expect(read(context('127.0.0.1', { ...xff, [RELAY_HEADER]: 'guessed' }))).toBe('127.0.0.1');
    expect(read(context('127.0.0.1', xff))).toBe('127.0.0.1');
    // The secret is worth nothing from another machine.
    expect(read(context('198.51.100.4', { ...xff, [RELAY_HEADER]: relaySecret() }))).toBe(
      '198.51.100.4',
    );
    expect(() => parseTrustedProxies(['10.0.0.0/33'])).toThrow(/prefix/);
    expect(() => parseTrustedProxies(['proxy.local'])).toThrow(/not an address/);
  });
});
