// One-time codes over WhatsApp (DESIGN.md section 5): 6 digits from a secure random source, only a
// keyed hash stored, valid 10 minutes, single use, only the newest code counts, 5 wrong tries per
// code, 10 wrong tries an hour per number, a new code at most once a minute and 5 an hour.
// Codes are never logged. Synchronous, inside the caller's transaction.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { DbOrTx } from '../store/db.js';
import { createOtpCodesRepo } from '../store/otp-codes.js';

export const OTP_RULES = {
  ttlMs: 10 * 60_000,
  maxTriesPerCode: 5,
  maxWrongPerHour: 10,
  resendAfterMs: 60_000,
  maxCodesPerHour: 5,
} as const;

const HOUR_MS = 3_600_000;

/** Six digits, uniformly from a cryptographically secure source. */
export function generateOtpCode(random: (max: number) => number = (max) => randomInt(max)): string {
  return String(random(1_000_000)).padStart(6, '0');
}

export function hashOtp(secret: string, phone: string, code: string): string {
  return createHmac('sha256', secret).update(`otp:${phone}:${code}`).digest('base64url');
}

export type OtpIssue = { ok: true; code: string; expiresAt: Date } | { ok: false; reason: 'too_soon' | 'too_many' };

/** A new code for `phone` (which makes every older one useless), unless one was made under a minute ago or five this hour. */
export function issueOtp(db: DbOrTx, input: { phone: string; secret: string; now: Date; newCode?: () => string }): OtpIssue {
  const repo = createOtpCodesRepo(db);
  const { now } = input;
  const latest = repo.latest(input.phone);
  if (latest && now.getTime() - new Date(latest.createdAt).getTime() < OTP_RULES.resendAfterMs) return { ok: false, reason: 'too_soon' };
  if (repo.countSince(input.phone, new Date(now.getTime() - HOUR_MS)) >= OTP_RULES.maxCodesPerHour) return { ok: false, reason: 'too_many' };
  const code = (input.newCode ?? generateOtpCode)();
  if (!/^\d{6}$/.test(code)) throw new Error('an OTP code is six digits');
  const expiresAt = new Date(now.getTime() + OTP_RULES.ttlMs);
  repo.insert({ phoneE164: input.phone, codeHash: hashOtp(input.secret, input.phone, code), expiresAt: expiresAt.toISOString(), createdAt: now.toISOString() });
  return { ok: true, code, expiresAt };
}

export type OtpCheck =
  | { ok: true }
  | { ok: false; reason: 'wrong'; triesLeft: number }
  /** No live code: none sent, expired, used, or its tries are spent. Ask for a new one. */
  | { ok: false; reason: 'no_code' }
  /** Too many wrong tries this hour for the number. */
  | { ok: false; reason: 'locked' };

/** Checks a typed code against the newest one for the number; a right code is consumed. */
export function verifyOtp(db: DbOrTx, input: { phone: string; code: string; secret: string; now: Date }): OtpCheck {
  const repo = createOtpCodesRepo(db);
  const { now } = input;
  if (repo.wrongTriesSince(input.phone, new Date(now.getTime() - HOUR_MS)) >= OTP_RULES.maxWrongPerHour) return { ok: false, reason: 'locked' };
  const latest = repo.latest(input.phone);
  if (!latest || latest.consumedAt !== null || latest.expiresAt <= now.toISOString() || latest.attempts >= OTP_RULES.maxTriesPerCode) {
    return { ok: false, reason: 'no_code' };
  }
  const expected = Buffer.from(latest.codeHash);
  const given = Buffer.from(hashOtp(input.secret, input.phone, /^\d{6}$/.test(input.code) ? input.code : 'x'));
  if (expected.length === given.length && timingSafeEqual(expected, given)) {
    return repo.consume(latest.id, now) ? { ok: true } : { ok: false, reason: 'no_code' };
  }
  const tries = repo.addWrongTry(latest.id, OTP_RULES.maxTriesPerCode);
  if (tries === null) return { ok: false, reason: 'no_code' };
  return { ok: false, reason: 'wrong', triesLeft: OTP_RULES.maxTriesPerCode - tries };
}
