// Magic-link rules (DESIGN.md section 5, the plan's 3.2): 32 random bytes, only the HMAC is stored,
// one order per token, a scope, an expiry, revocation, last use. Resending revokes the older link.
// A link carries `update` only for a guest whose number is proven (wrote to the store, or passed the OTP).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DbOrTx } from '../store/db.js';
import { createGuestsRepo } from '../store/guests.js';
import { createLinkTokensRepo, type LinkScope, type LinkToken } from '../store/link-tokens.js';

export type { LinkScope, LinkToken };

export const LINK_PATH = '/l/';
/** A token as we mint them: 32 bytes in base64url. Anything else is refused before any lookup. */
export const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;
/** A cookie made from a link lives at most this long, and never past the link itself. */
export const SESSION_TTL_MS = 2 * 3_600_000;

export function hashToken(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token).digest('base64url');
}

/**
 * The scope a guest's link may carry: `update` once the number is proven (a message from it reached
 * the store, or it passed the OTP), `view` for a number someone else typed (a phone order).
 */
export function linkScopeFor(guest: { verifiedAt: string | null; blockedAt?: string | null } | null | undefined): LinkScope {
  return guest && guest.verifiedAt !== null && !guest.blockedAt ? 'update' : 'view';
}

/** The scope for a link to this order's guest (view when the order has no guest). */
export function scopeForOrder(db: DbOrTx, order: { guestId: number | null }): LinkScope {
  return linkScopeFor(order.guestId === null ? null : createGuestsRepo(db).byId(order.guestId));
}

export interface IssueLinkInput {
  orderId: number;
  guestId: number | null;
  /** What the caller asks for; `update` is lowered to `view` while the guest is unverified. */
  scope: LinkScope;
  ttlMs: number;
  now: Date;
}

export interface LinkDeps {
  secret: string;
  publicUrl: string;
  newToken: () => string;
}

/** Issues a fresh link (revoking the order's older ones); returns its URL and stored row. Call inside the caller's transaction. */
export function issueOrderLinkRow(db: DbOrTx, deps: LinkDeps, input: IssueLinkInput): { url: string; link: LinkToken } {
  const repo = createLinkTokensRepo(db);
  const token = deps.newToken();
  if (!TOKEN_RE.test(token)) throw new Error('link tokens must be 32 random bytes in base64url');
  const scope: LinkScope = input.scope === 'update' ? scopeForOrder(db, { guestId: input.guestId }) : 'view';
  repo.revokeForOrder(input.orderId, input.now);
  const link = repo.insert({
    orderId: input.orderId,
    guestId: input.guestId,
    tokenHash: hashToken(deps.secret, token),
    scope,
    expiresAt: new Date(input.now.getTime() + input.ttlMs).toISOString(),
    createdAt: input.now.toISOString(),
  });
  return { url: `${deps.publicUrl}${LINK_PATH}${token}`, link };
}

/** Issues a fresh link for an order (revoking older ones) and returns its URL. Call inside the caller's transaction. */
export function issueOrderLink(db: DbOrTx, deps: LinkDeps, input: IssueLinkInput): string {
  return issueOrderLinkRow(db, deps, input).url;
}

export type LinkCheck = { ok: true; link: LinkToken } | { ok: false; why: 'unknown' | 'revoked' | 'expired'; link?: LinkToken };

/** Valid until the instant before `expiresAt`. Callers show one answer for every refusal, so they cannot be told apart. */
export function checkLink(link: LinkToken | undefined, now: Date): LinkCheck {
  if (!link) return { ok: false, why: 'unknown' };
  if (link.revokedAt !== null) return { ok: false, why: 'revoked', link };
  if (link.expiresAt <= now.toISOString()) return { ok: false, why: 'expired', link };
  return { ok: true, link };
}

const mac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('base64url');

/** The cookie that stands for an exchanged link: `<tokenId>.<issued, unix s>.<hmac>`; it dies with the token. */
export function signSession(secret: string, tokenId: number, orderPublicId: string, issuedAt: Date): string {
  const issued = Math.floor(issuedAt.getTime() / 1000);
  return `${tokenId}.${issued}.${mac(secret, `session:${tokenId}:${issued}:${orderPublicId}`)}`;
}

/** The token id and issue time of a genuine cookie for this order; null for anything else. */
export function verifySession(secret: string, cookie: string, orderPublicId: string): { tokenId: number; issuedAt: Date } | null {
  const match = /^(\d{1,12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(cookie);
  if (!match) return null;
  const tokenId = Number(match[1]);
  const issuedAt = new Date(Number(match[2]) * 1000);
  const expected = Buffer.from(signSession(secret, tokenId, orderPublicId, issuedAt));
  const given = Buffer.from(cookie);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { tokenId, issuedAt } : null;
}

/** The network an address belongs to: its /24 for IPv4, its /56 for IPv6 (mobile users hop addresses inside one). */
export function networkOf(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  const full = groups.map((g) => g.padStart(4, '0'));
  return `${full.slice(0, 3).join(':')}:${(full[3] ?? '0000').slice(0, 2)}00::/56`;
}

/** A keyed hash of a network or address, for storage and logs: lets uses be compared without keeping addresses. */
export function addressDigest(secret: string, value: string): string {
  return mac(secret, `addr:${value}`).slice(0, 16);
}
