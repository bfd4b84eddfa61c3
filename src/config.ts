// Configuration, parsed once by a zod schema (DESIGN.md section 4). A bad value stops start-up
// with one line that names the variable and the expected form.
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { parseDuration } from './orders/duration.js';
import { normalizePhone } from './orders/phone.js';

const duration = (fallback: string, maxMs?: { ms: number; shown: string }) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === null) {
        ctx.addIssue({ code: 'custom', message: `a duration like 90s, 30m, 48h or 7d (got "${value}")` });
        return z.NEVER;
      }
      if (maxMs && ms > maxMs.ms) {
        ctx.addIssue({ code: 'custom', message: `a duration up to ${maxMs.shown} (got "${value}")` });
        return z.NEVER;
      }
      return ms;
    });

/** `true`/`false`, a hop count, or a comma list of addresses, subnets and Express's names (loopback...). */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
function validTrustProxy(value: string): boolean {
  if (value === 'true' || value === 'false' || /^\d{1,3}$/.test(value)) return true;
  return value.split(',').every((part) => {
    const entry = part.trim();
    if (PROXY_NAMES.has(entry)) return true;
    const [address = '', mask] = entry.split('/');
    return isIP(address) !== 0 && (mask === undefined || /^\d{1,3}$/.test(mask) || isIP(mask) !== 0);
  });
}

const sellerNumbers = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const numbers: string[] = [];
    for (const raw of value.split(',').map((s) => s.trim()).filter(Boolean)) {
      const e164 = normalizePhone(raw);
      if (!e164) {
        ctx.addIssue({ code: 'custom', message: `a comma list of E.164 numbers like +201001234567 (bad entry "${raw}")` });
        return z.NEVER;
      }
      numbers.push(e164);
    }
    return [...new Set(numbers)];
  });

export const configSchema = z
  .object({
    TRANSPORT: z.enum(['baileys', 'simulator'], { message: 'baileys or simulator' }).default('baileys'),
    PORT: z
      .string()
      .default('3000')
      .refine((v) => /^\d{1,5}$/.test(v) && Number(v) <= 65535, { message: 'a port number 0-65535' })
      .transform(Number),
    HOST: z.string().min(1).default('127.0.0.1'),
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, message: 'an http(s) URL like https://shop.example.com' })
      .optional(),
    DATABASE_PATH: z.string().min(1).default('data/tijaratk.db'),
    MEDIA_DIR: z.string().min(1).default('data/media'),
    SELLER_NUMBERS: sellerNumbers,
    STORE_NAME: z.string().min(1).max(80).default('Tijaratk Store'),
    CURRENCY: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code like EGP')
      .default('EGP'),
    DEFAULT_LANGUAGE: z.enum(['ar', 'en'], { message: 'ar or en' }).default('ar'),
    LINK_TTL: duration('24h'),
    CUSTOM_REQUEST_TTL: duration('48h'),
    QUOTE_TTL: duration('48h'),
    ACCEPTED_UNCONFIRMED_TTL: duration('24h'),
    PENDING_CONFIRMATION_TTL: duration('48h'),
    READY_NOT_SHIPPED_TTL: duration('72h'),
    COD_CONFIRMATION_TTL: duration('24h'),
    // Node's timers hold at most 2^31-1 ms; a longer interval would fire at once, over and over.
    SWEEP_INTERVAL: duration('60s', { ms: 24 * 86_400_000, shown: '24d' }),
    HANDOFF_TTL: duration('30m'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'one of fatal, error, warn, info, debug, trace, silent',
    }).default('info'),
    LINK_SECRET: z.string().min(32, 'at least 32 characters of random text').optional(),
    TRUST_PROXY: z.string().default('false').refine(validTrustProxy, { message: 'true, false, a hop count, or addresses/subnets like 10.0.0.1,192.168.0.0/16 or loopback' }),
  })
  .superRefine((env, ctx) => {
    // Links are built from PUBLIC_URL; with PORT 0 the real port is only known after start.
    if (env.PORT === 0 && env.PUBLIC_URL === undefined) ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'an http(s) URL (required when PORT is 0)' });
  })
  .transform((env) => ({
    transport: env.TRANSPORT,
    port: env.PORT,
    host: env.HOST,
    publicUrl: (env.PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`).replace(/\/+$/, ''),
    databasePath: env.DATABASE_PATH,
    mediaDir: env.MEDIA_DIR,
    sellerNumbers: env.SELLER_NUMBERS,
    storeName: env.STORE_NAME,
    currency: env.CURRENCY,
    defaultLanguage: env.DEFAULT_LANGUAGE,
    ttl: {
      link: env.LINK_TTL,
      customRequest: env.CUSTOM_REQUEST_TTL,
      quote: env.QUOTE_TTL,
      acceptedUnconfirmed: env.ACCEPTED_UNCONFIRMED_TTL,
      pendingConfirmation: env.PENDING_CONFIRMATION_TTL,
      readyNotShipped: env.READY_NOT_SHIPPED_TTL,
      codConfirmation: env.COD_CONFIRMATION_TTL,
      handoff: env.HANDOFF_TTL,
    },
    sweepIntervalMs: env.SWEEP_INTERVAL,
    logLevel: env.LOG_LEVEL,
    linkSecret: env.LINK_SECRET,
    trustProxy: env.TRUST_PROXY,
  }));

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment-like record; throws ConfigError whose message is one line per bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "not set", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `Invalid ${String(issue.path[0] ?? 'configuration')}: expected ${issue.message}`);
  throw new ConfigError([...new Set(lines)].join('\n'));
}

/** Reads `.env` (when present) under the real environment, which wins, then parses. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(env);
}
