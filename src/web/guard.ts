// In-memory abuse guard for the guest pages (one process, so memory is enough; a restart forgets,
// which only ever makes it more lenient). Fixed windows per key, blocks with an expiry, all timed by
// the injected clock. Bounded: old entries are swept, and the maps never grow past MAX_KEYS.
import type { Clock } from '../clock.js';

export interface GuardLimits {
  /** Requests to guest pages (links, order pages, OTP) per client per minute. */
  requestsPerMinute: number;
  /** Unknown, expired or revoked tokens (and forged cookies) per client in `windowMs` before a block. */
  badTokens: { max: number; windowMs: number };
  /** CSRF or Origin failures per client in `windowMs` before a block (and the session it carried is revoked). */
  csrfFailures: { max: number; windowMs: number };
  /** How long a blocked client gets 429. */
  blockMs: number;
  /** Bad tokens from everyone in `windowMs` before the sellers are told (distributed guessing). */
  globalBadTokens: { max: number; windowMs: number };
  /** OTP codes asked per client per hour. */
  otpSendsPerHour: number;
  /** OTP codes typed per client in 10 minutes. */
  otpVerifiesPer10Min: number;
  /** New links sent to one order's number: at most one a minute and `perHour` an hour. */
  resend: { perMinute: number; perHour: number };
  /** Distinct networks one link may be exchanged from in 24 hours before it is revoked. */
  networksPerLink: number;
}

export const DEFAULT_LIMITS: GuardLimits = {
  requestsPerMinute: 120,
  badTokens: { max: 10, windowMs: 10 * 60_000 },
  csrfFailures: { max: 3, windowMs: 10 * 60_000 },
  blockMs: 15 * 60_000,
  globalBadTokens: { max: 100, windowMs: 10 * 60_000 },
  otpSendsPerHour: 10,
  otpVerifiesPer10Min: 30,
  resend: { perMinute: 1, perHour: 5 },
  networksPerLink: 3,
};

const MAX_KEYS = 50_000;

export function createGuard(clock: Clock, limits: GuardLimits = DEFAULT_LIMITS) {
  const windows = new Map<string, { start: number; count: number; windowMs: number }>();
  const blocks = new Map<string, number>();
  const once = new Map<string, number>();

  function sweep(now: number) {
    if (windows.size > MAX_KEYS) {
      for (const [key, w] of windows) if (now - w.start >= w.windowMs) windows.delete(key);
      // Still too many live keys: forget the oldest (insertion order), which only makes us more lenient.
      for (const key of windows.keys()) {
        if (windows.size <= MAX_KEYS / 2) break;
        windows.delete(key);
      }
    }
    if (blocks.size > MAX_KEYS) for (const [key, until] of blocks) if (until <= now) blocks.delete(key);
    if (once.size > MAX_KEYS) for (const [key, until] of once) if (until <= now) once.delete(key);
  }

  /** Counts one event under `key` and returns the count in the current window. */
  function count(key: string, windowMs: number): number {
    const now = clock.now().getTime();
    let w = windows.get(key);
    if (!w || now - w.start >= windowMs) {
      windows.delete(key);
      w = { start: now, count: 0, windowMs };
      windows.set(key, w);
      sweep(now);
    }
    w.count += 1;
    return w.count;
  }

  function blockedForMs(client: string): number {
    const until = blocks.get(client);
    if (until === undefined) return 0;
    const left = until - clock.now().getTime();
    if (left <= 0) blocks.delete(client);
    return Math.max(0, left);
  }

  function block(client: string) {
    blocks.set(client, clock.now().getTime() + limits.blockMs);
  }

  return {
    limits,
    blockedForMs,
    /** True while the client is within the per-minute allowance (each call counts). */
    allowRequest: (client: string) => count(`req:${client}`, 60_000) <= limits.requestsPerMinute,
    /** A bad token: true when this one blocked the client. `global` is the count across all clients. */
    badToken(client: string): { blocked: boolean; global: number } {
      const global = count('bad:*', limits.globalBadTokens.windowMs);
      if (count(`bad:${client}`, limits.badTokens.windowMs) >= limits.badTokens.max) {
        block(client);
        return { blocked: true, global };
      }
      return { blocked: false, global };
    },
    /** A CSRF or Origin failure: true when it blocked the client. */
    csrfFailure(client: string): boolean {
      if (count(`csrf:${client}`, limits.csrfFailures.windowMs) >= limits.csrfFailures.max) {
        block(client);
        return true;
      }
      return false;
    },
    allowOtpSend: (client: string) => count(`otp-send:${client}`, 3_600_000) <= limits.otpSendsPerHour,
    allowOtpVerify: (client: string) => count(`otp-verify:${client}`, 10 * 60_000) <= limits.otpVerifiesPer10Min,
    /** Whether a new link may go to this order's number now (counts when it may). */
    allowResend(orderId: number): boolean {
      const now = clock.now().getTime();
      const minute = windows.get(`resend-m:${orderId}`);
      const hour = windows.get(`resend-h:${orderId}`);
      if (minute && now - minute.start < 60_000 && minute.count >= limits.resend.perMinute) return false;
      if (hour && now - hour.start < 3_600_000 && hour.count >= limits.resend.perHour) return false;
      count(`resend-m:${orderId}`, 60_000);
      count(`resend-h:${orderId}`, 3_600_000);
      return true;
    },
    /** True the first time for `key` within `ms` (alerts that must not flood the sellers). */
    firstTime(key: string, ms: number): boolean {
      const now = clock.now().getTime();
      const until = once.get(key);
      if (until !== undefined && until > now) return false;
      once.set(key, now + ms);
      return true;
    },
  };
}
export type Guard = ReturnType<typeof createGuard>;
