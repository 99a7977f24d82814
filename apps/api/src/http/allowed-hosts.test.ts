import { describe, expect, it } from 'vitest';
import { readEnv } from '../env';
import { hostAllowed, hostName } from './allowed-hosts';

describe('the Host allow-list (DNS rebinding)', () => {
  it('reads the name of a Host header', () => {
    expect(hostName('Jalon.Example:443')).toBe('jalon.example');
    expect(hostName('jalon.example.')).toBe('jalon.example');
    expect(hostName('[::1]:3000')).toBe('::1');
    expect(hostName('127.0.0.1')).toBe('127.0.0.1');
    expect(hostName('')).toBeNull();
    expect(hostName(undefined)).toBeNull();
  });

  it('answers the public names, the listed ones, IP addresses and loopback; nothing else', () => {
    const allowed = hostAllowed(
      ['https://jalon.example', 'http://localhost:5173'],
      ['suivi.wanep.example', '.ong.example'],
    );
    for (const host of [
      'jalon.example',
      'jalon.example:8443',
      'suivi.wanep.example',
      'ong.example',
      'mali.ong.example',
      'localhost:3000',
      'app.localhost',
      '127.0.0.1:3000',
      '10.0.0.5',
      '[::1]:3000',
    ])
      expect([host, allowed(host)]).toEqual([host, true]);
    for (const host of [
      'attacker.example',
      'jalon.example.attacker.example',
      'evilong.example',
      'localhost.attacker.example',
      '',
      undefined,
    ])
      expect([host, allowed(host)]).toEqual([host, false]);
  });

  it('reads JALON_ALLOWED_HOSTS from the environment, and says what is wrong with it', () => {
    expect(
      readEnv({ JALON_ALLOWED_HOSTS: 'jalon.example, .ong.example' }).JALON_ALLOWED_HOSTS,
    ).toEqual(['jalon.example', '.ong.example']);
    expect(readEnv({}).JALON_ALLOWED_HOSTS).toEqual([]);
    expect(() => readEnv({ JALON_ALLOWED_HOSTS: 'https://jalon.example' })).toThrow(
      /JALON_ALLOWED_HOSTS: host names such as/,
    );
  });
});
