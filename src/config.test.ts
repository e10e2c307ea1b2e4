import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('takes the defaults when a setting is unset or empty', () => {
    const c = loadConfig({ PATRON_SESSION_IDLE_MINUTES: '', PATRON_SECURE_COOKIES: '' });
    expect(c).toMatchObject({ port: 3000, poolSize: 32, sessionIdleMinutes: 30, sessionMaxHours: 12, secureCookies: 'auto', trustProxy: false });
  });

  it('reads whole numbers and on/off words', () => {
    expect(loadConfig({ PATRON_SESSION_IDLE_MINUTES: '15', PATRON_SECURE_COOKIES: 'on', PATRON_TRUST_PROXY: 'on' }))
      .toMatchObject({ sessionIdleMinutes: 15, secureCookies: true, trustProxy: true });
  });

  it('refuses a setting it cannot use, naming it, rather than silently turning idle expiry off or cookies insecure', () => {
    expect(() => loadConfig({ PATRON_SESSION_IDLE_MINUTES: '30m' })).toThrow(new ConfigError('PATRON_SESSION_IDLE_MINUTES must be a whole number of at least 1 (it is "30m")'));
    expect(() => loadConfig({ PATRON_SESSION_MAX_HOURS: '0' })).toThrow(/PATRON_SESSION_MAX_HOURS/);
    expect(() => loadConfig({ PATRON_SECURE_COOKIES: 'true' })).toThrow('PATRON_SECURE_COOKIES must be on, off, auto (it is "true")');
  });
});
