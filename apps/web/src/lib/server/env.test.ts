import { describe, expect, it, vi } from 'vitest';

vi.mock('$env/dynamic/private', () => ({ env: {} }));

const { readEnv } = await import('./env');

describe('readEnv', () => {
  it('defaults to the local API', () => {
    expect(readEnv({})).toEqual({
      apiUrl: 'http://127.0.0.1:3000',
      https: false,
      relaySecret: null,
    });
    expect(readEnv({ JALON_API_URL: '  ' })).toEqual({
      apiUrl: 'http://127.0.0.1:3000',
      https: false,
      relaySecret: null,
    });
    expect(readEnv({ JALON_HTTPS: '1' }).https).toBe(true);
  });

  it('reads the relay secret the Jalon server it runs in sets', () => {
    expect(readEnv({ JALON_RELAY_SECRET: ' s3cret ' }).relaySecret).toBe('s3cret');
    expect(readEnv({ JALON_RELAY_SECRET: '' }).relaySecret).toBeNull();
  });

  it('drops trailing slashes', () => {
    expect(readEnv({ JALON_API_URL: 'http://127.0.0.1:3100/' }).apiUrl).toBe(
      'http://127.0.0.1:3100',
    );
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => readEnv({ JALON_API_URL: 'localhost:3000' })).toThrow(/http/);
    expect(() => readEnv({ JALON_API_URL: 'not a url' })).toThrow(/JALON_API_URL/);
  });
});
