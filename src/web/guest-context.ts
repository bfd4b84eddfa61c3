// What the guest routes (links, order pages, OTP) share: headers, the abuse guard, CSRF, the order
// cookie, writing in one transaction with messages through the outbox, and sending fresh links.
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Clock } from '../clock.js';
import type { IdGenerator } from '../ids.js';
import type { Logger } from '../logger.js';
import { createMessenger, type Messenger } from '../bot/messenger.js';
import type { Transport } from '../bot/transport.js';
import { requestTexts } from '../flows/request-texts.js';
import type { Language } from '../orders/language.js';
import {
  addressDigest,
  checkLink,
  issueOrderLinkRow,
  networkOf,
  scopeForOrder,
  SESSION_TTL_MS,
  signSession,
  verifySession,
  type LinkToken,
} from '../orders/links.js';
import type { Db, Tx } from '../store/db.js';
import { createGuestsRepo } from '../store/guests.js';
import type { Order } from '../store/orders.js';
import { renderTooMany } from './access-pages.js';
import { createCsrf, readCookies } from './csrf.js';
import { createGuard, DEFAULT_LIMITS, type GuardLimits } from './guard.js';
import { pageQueries } from './page-queries.js';

export interface GuestWebDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  linkSecret: string;
  publicUrl: string;
  storeName: string;
  /** How long a link sent from the web (a resend, a link after OTP) works: LINK_TTL. */
  linkTtlMs: number;
  ids: IdGenerator;
  transport: Pick<Transport, 'addressForPhone'>;
  sellerNumbers: readonly string[];
  defaultLanguage: Language;
  /** Tells the outbox sender there is something new to deliver. */
  kickOutbox: () => void;
  limits?: Partial<GuardLimits>;
  /** The OTP code source (tests); crypto.randomInt otherwise. */
  newOtpCode?: () => string;
}

export const PUBLIC_ID_RE = /^[A-Za-z0-9_-]{8,64}$/;

export type SessionCheck =
  /** `version`: what else the page shows, as a string that changes when any of it does. */
  | { ok: true; order: Order; link: LinkToken; version: string }
  /** No cookie, or no such order. */
  | { ok: false; kind: 'none' }
  /** A cookie that is not genuine for this order (forged, or another order's). */
  | { ok: false; kind: 'forged' }
  /** A genuine cookie whose link was revoked or expired, or which is older than the session limit. */
  | { ok: false; kind: 'ended'; order: Order; link: LinkToken | undefined };

export function createGuestContext(deps: GuestWebDeps) {
  const publicOrigin = new URL(deps.publicUrl).origin;
  const secure = publicOrigin.startsWith('https:');
  const limits: GuardLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const guard = createGuard(deps.clock, limits);
  const csrf = createCsrf({ secret: deps.linkSecret, publicOrigin, secure });
  const sessionCookie = secure ? '__Secure-tj_order' : 'tj_order';
  const messengerDeps = { ids: deps.ids, clock: deps.clock, transport: deps.transport, sellerNumbers: deps.sellerNumbers, defaultLanguage: deps.defaultLanguage };
  const linkDeps = { secret: deps.linkSecret, publicUrl: deps.publicUrl, newToken: deps.ids.token };
  const log = deps.logger;

  /** The key abuse limits are counted under: the address, or its /56 for IPv6. */
  const clientOf = (req: Request): string => {
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    return ip.includes(':') && !/^::ffff:\d/i.test(ip) ? networkOf(ip) : ip.replace(/^::ffff:/i, '');
  };
  /** For logs: a keyed hash, never the address. */
  const clientDigest = (req: Request) => addressDigest(deps.linkSecret, clientOf(req));
  const networkDigest = (req: Request) => addressDigest(deps.linkSecret, networkOf(req.ip ?? 'unknown'));

  function tooMany(res: Response, ms: number) {
    const minutes = Math.max(1, Math.ceil(ms / 60_000));
    res.status(429).set('Retry-After', String(minutes * 60)).type('html').send(renderTooMany(minutes));
  }

  /** Headers for every guest page, then the block list and the per-client allowance. */
  const guestPages: RequestHandler = (req, res, next) => {
    // helmet already sent the strict policy and no-referrer (src/web/app.ts); these are the guest pages' own.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
    const client = clientOf(req);
    const blocked = guard.blockedForMs(client);
    if (blocked > 0) {
      tooMany(res, blocked);
      return;
    }
    if (!guard.allowRequest(client)) {
      log.warn({ event: 'excess_rate_limit_exceeded', client: clientDigest(req), path: req.path.startsWith('/l/') ? '/l/*' : req.path }, 'guest page rate limit');
      tooMany(res, 60_000);
      return;
    }
    next();
  };

  /** Small forms only: no JSON here, a few fields, 16 KB (a 1000-character Arabic message fits). */
  const parseForm = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });

  /** One write transaction with a messenger; the outbox is kicked after it commits. */
  function write<T>(fn: (tx: Tx, messenger: Messenger) => T): T {
    const result = deps.db.transaction((tx) => fn(tx, createMessenger(tx, messengerDeps)));
    deps.kickOutbox();
    return result;
  }

  /** Sends the order's number a fresh link (revoking older ones). False when there is nobody to send to. */
  function sendFreshLink(tx: Tx, messenger: Messenger, order: Order, why: 'resend' | 'suspicious'): boolean {
    if (order.guestId === null) return false;
    const guest = createGuestsRepo(tx).byId(order.guestId);
    if (!guest || guest.blockedAt !== null) return false;
    const now = deps.clock.now();
    const { url, link } = issueOrderLinkRow(tx, linkDeps, { orderId: order.id, guestId: order.guestId, scope: scopeForOrder(tx, order), ttlMs: deps.linkTtlMs, now });
    const texts = requestTexts[order.language];
    const sent = messenger.toGuest(order.guestId, why === 'suspicious' ? texts.linkTurnedOff(order.number, url) : texts.freshLink(order.number, url));
    log.info({ event: 'authn_token_created', orderId: order.id, linkId: link.id, scope: link.scope, why }, 'fresh link sent');
    return sent;
  }

  /** Sets the cookie that stands for `link` on this order's pages only. */
  function setSessionCookie(res: Response, order: Order, link: LinkToken, now: Date) {
    const left = new Date(link.expiresAt).getTime() - now.getTime();
    res.cookie(sessionCookie, signSession(deps.linkSecret, link.id, order.publicId, now), {
      httpOnly: true,
      sameSite: 'strict',
      secure,
      path: `/o/${order.publicId}`,
      // Relative, so a browser whose clock differs from ours still keeps it for the right time.
      maxAge: Math.max(0, Math.min(left, SESSION_TTL_MS)),
    });
  }

  // Genuine cookies seen lately (a page is loaded again and again); a forged one is never kept.
  const verified = new Map<string, { tokenId: number; issuedAt: Date }>();
  function verifiedCookie(cookie: string, publicId: string) {
    const key = `${publicId}\u0000${cookie}`;
    const known = verified.get(key);
    if (known) return known;
    const session = verifySession(deps.linkSecret, cookie, publicId);
    if (session) {
      if (verified.size >= 10_000) verified.clear();
      verified.set(key, session);
    }
    return session;
  }

  /** Is this request allowed to see `publicId`? Revocation and expiry of the link end the cookie at once. */
  function checkSession(req: Request, publicId: string): SessionCheck {
    const cookie = readCookies(req).get(sessionCookie);
    if (!cookie || !PUBLIC_ID_RE.test(publicId)) return { ok: false, kind: 'none' };
    const session = verifiedCookie(cookie, publicId);
    if (!session) return { ok: false, kind: 'forged' };
    const found = pageQueries(deps.db).session(publicId, session.tokenId);
    if (!found) return { ok: false, kind: 'forged' };
    const { order, version } = found;
    const now = deps.clock.now();
    const check = checkLink(found.link, now);
    if (!check.ok) return { ok: false, kind: 'ended', order, link: check.link };
    if (check.link.orderId !== order.id) return { ok: false, kind: 'forged' };
    if (session.issuedAt.getTime() + SESSION_TTL_MS <= now.getTime()) return { ok: false, kind: 'ended', order, link: check.link };
    return { ok: true, order, link: check.link, version };
  }

  /** Counts a bad token or forged cookie from this client; blocks past the limit and tells the sellers of a wave. */
  function noteBadToken(req: Request, what: string) {
    const { blocked, global } = guard.badToken(clientOf(req));
    if (blocked) log.warn({ event: 'excess_rate_limit_exceeded', client: clientDigest(req), what }, 'client blocked after bad tokens');
    if (global >= limits.globalBadTokens.max && guard.firstTime('alert:guessing', limits.globalBadTokens.windowMs)) {
      log.warn({ event: 'authn_guessing', count: global }, 'many bad tokens from many clients');
      write((_tx, messenger) => messenger.toSellers((language) => requestTexts[language].sellerGuessingAlert(global)));
    }
  }

  return {
    deps,
    log,
    guard,
    limits,
    csrf,
    secure,
    sessionCookie,
    linkDeps,
    guestPages,
    parseForm,
    clientOf,
    clientDigest,
    networkDigest,
    tooMany,
    write,
    sendFreshLink,
    setSessionCookie,
    checkSession,
    noteBadToken,
  };
}
export type GuestContext = ReturnType<typeof createGuestContext>;

/** Only string fields count: repeated or missing fields read as empty. */
export function field(req: Request, name: string): string {
  const body = req.body as Record<string, unknown> | undefined;
  const value = body && typeof body === 'object' ? body[name] : undefined;
  return typeof value === 'string' ? value : '';
}

export function languageOf(req: Request, fallback: Language): Language {
  const fromBody = field(req, 'lang');
  const wanted = fromBody || (typeof req.query.lang === 'string' ? req.query.lang : '');
  return wanted === 'ar' || wanted === 'en' ? wanted : fallback;
}

