import { describe, it, expect } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';

/** The ConfigError parseConfig throws for `env`; fails the test when it does not throw one. */
function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe('parseConfig defaults', () => {
  const config = parseConfig({});

  it('listens on 127.0.0.1:3000 with the baileys transport', () => {
    expect(config.transport).toBe('baileys');
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
  });

  it('stores data under data/ and sells in EGP, in Arabic, with no sellers configured', () => {
    expect(config.databasePath).toBe('data/tijaratk.db');
    expect(config.mediaDir).toBe('data/media');
    expect(config.currency).toBe('EGP');
    expect(config.defaultLanguage).toBe('ar');
    expect(config.storeName).toBe('Tijaratk Store');
    expect(config.sellerNumbers).toEqual([]);
    expect(config.logLevel).toBe('info');
    expect(config.linkSecret).toBeUndefined();
  });

  it('uses the documented time limits', () => {
    expect(config.ttl).toEqual({
      link: 86_400_000, // 24h
      customRequest: 172_800_000, // 48h
      quote: 172_800_000,
      acceptedUnconfirmed: 86_400_000,
      pendingConfirmation: 172_800_000,
      readyNotShipped: 259_200_000, // 72h
      handoff: 1_800_000, // 30m
      codConfirmation: 86_400_000, // 24h
    });
    expect(config.sweepIntervalMs).toBe(60_000);
  });

  it('treats empty values as not set, as in a .env file', () => {
    const fromEmpty = parseConfig({ PORT: '', CURRENCY: '', LINK_TTL: '', SELLER_NUMBERS: '' });
    expect(fromEmpty.port).toBe(3000);
    expect(fromEmpty.currency).toBe('EGP');
    expect(fromEmpty.ttl.link).toBe(86_400_000);
    expect(fromEmpty.sellerNumbers).toEqual([]);
  });
});

describe('parseConfig with values set', () => {
  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['48h', 172_800_000],
    ['7d', 604_800_000],
  ])('reads the duration %s as %i ms', (text, ms) => {
    const config = parseConfig({ LINK_TTL: text, HANDOFF_TTL: text, SWEEP_INTERVAL: text });
    expect(config.ttl.link).toBe(ms);
    expect(config.ttl.handoff).toBe(ms);
    expect(config.sweepIntervalMs).toBe(ms);
  });

  it('normalises seller numbers to E.164, reading local numbers as Egyptian, without duplicates', () => {
    const config = parseConfig({ SELLER_NUMBERS: '01001234567, +20 100 000 0001' });
    expect(config.sellerNumbers).toEqual(['+201001234567', '+201000000001']);
    const repeated = parseConfig({ SELLER_NUMBERS: '01001234567,+201001234567, 00201001234567,' });
    expect(repeated.sellerNumbers).toEqual(['+201001234567']);
  });

  it('uses PUBLIC_URL without its trailing slash', () => {
    expect(parseConfig({ PUBLIC_URL: 'https://shop.example.com/' }).publicUrl).toBe('https://shop.example.com');
  });

  it('derives the public URL from host and port, using localhost for 0.0.0.0', () => {
    expect(parseConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(parseConfig({ HOST: '192.168.1.5', PORT: '80' }).publicUrl).toBe('http://192.168.1.5:80');
  });

  it('accepts the simulator transport, English and another currency', () => {
    const config = parseConfig({ TRANSPORT: 'simulator', DEFAULT_LANGUAGE: 'en', CURRENCY: 'USD', PORT: '0', PUBLIC_URL: 'http://127.0.0.1:3999' });
    expect(config).toMatchObject({ transport: 'simulator', defaultLanguage: 'en', currency: 'USD', port: 0 });
  });
});

describe('parseConfig rejects bad values with one line naming the variable', () => {
  it.each([
    ['TRANSPORT', 'telegram'],
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '3.5'],
    ['LINK_TTL', 'forever'],
    ['LINK_TTL', '0s'],
    ['QUOTE_TTL', '1w'],
    ['SELLER_NUMBERS', '123'],
    ['SELLER_NUMBERS', '01001234567, 123'],
    ['CURRENCY', 'egp'],
    ['CURRENCY', 'EGPX'],
    ['PUBLIC_URL', 'not-a-url'],
    ['PUBLIC_URL', 'ftp://shop.example.com'],
    ['DEFAULT_LANGUAGE', 'fr'],
    ['LOG_LEVEL', 'verbose'],
    ['LINK_SECRET', 'too-short'],
    ['SWEEP_INTERVAL', '25d'],
    ['TRUST_PROXY', 'maybe'],
    ['TRUST_PROXY', '10.0.0.1,not-an-address'],
  ])('%s=%s', (name, value) => {
    const error = configErrorFor({ [name]: value });
    expect(error.name).toBe('ConfigError');
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(new RegExp(`^Invalid ${name}: expected .+`));
  });

  it('takes the trust proxy forms Express takes, and PORT 0 only with a PUBLIC_URL to build links from', () => {
    for (const value of ['true', 'false', '1', 'loopback', '10.0.0.1', '10.0.0.0/8, 192.168.0.1', 'loopback, ::1']) {
      expect(parseConfig({ TRUST_PROXY: value }).trustProxy).toBe(value);
    }
    expect(configErrorFor({ PORT: '0' }).message).toBe('Invalid PUBLIC_URL: expected an http(s) URL (required when PORT is 0)');
    expect(parseConfig({ PORT: '0', PUBLIC_URL: 'https://shop.example.com' }).port).toBe(0);
    expect(parseConfig({ SWEEP_INTERVAL: '24d' }).sweepIntervalMs).toBe(24 * 86_400_000);
  });

  it('quotes the bad duration and the bad seller number so the operator can find it', () => {
    expect(configErrorFor({ LINK_TTL: 'forever' }).message).toContain('"forever"');
    expect(configErrorFor({ SELLER_NUMBERS: '01001234567, 123' }).message).toContain('"123"');
  });

  it('gives one line per bad variable when several are wrong', () => {
    const lines = configErrorFor({ PORT: 'abc', CURRENCY: 'egp', DEFAULT_LANGUAGE: 'fr' }).message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.startsWith('Invalid PORT:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Invalid CURRENCY:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Invalid DEFAULT_LANGUAGE:'))).toBe(true);
  });
});

describe('odd PORT values', () => {
  it.each([' ', '0x10', '1e3', '3000.5'])('refuses %j with one line naming PORT', async (port) => {
    const { parseConfig, ConfigError } = await import('../../src/config.js');
    expect(() => parseConfig({ PORT: port })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: port })).toThrow(/^Invalid PORT: expected a port number 0-65535$/);
  });
});
