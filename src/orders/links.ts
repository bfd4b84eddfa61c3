// Magic-link rules (DESIGN.md section 5): 32 random bytes, only the HMAC is stored, one order per
// token, a scope, an expiry, revocation. Resending revokes the older link.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DbOrTx } from '../store/db.js';
import { createLinkTokensRepo, type LinkScope, type LinkToken } from '../store/link-tokens.js';

export const LINK_PATH = '/l/';

export function hashToken(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token).digest('base64url');
}

export interface IssueLinkInput {
  orderId: number;
  guestId: number | null;
  scope: LinkScope;
  ttlMs: number;
  now: Date;
}

/** Issues a fresh link for an order (revoking older ones) and returns its URL. Call inside the caller's transaction. */
export function issueOrderLink(db: DbOrTx, deps: { secret: string; publicUrl: string; newToken: () => string }, input: IssueLinkInput): string {
  const repo = createLinkTokensRepo(db);
  const token = deps.newToken();
  repo.revokeForOrder(input.orderId, input.now);
  repo.insert({
    orderId: input.orderId,
    guestId: input.guestId,
    tokenHash: hashToken(deps.secret, token),
    scope: input.scope,
    expiresAt: new Date(input.now.getTime() + input.ttlMs).toISOString(),
    createdAt: input.now.toISOString(),
  });
  return `${deps.publicUrl}${LINK_PATH}${token}`;
}

export type LinkCheck = { ok: true; link: LinkToken } | { ok: false };

/** One answer for unknown, expired and revoked tokens, so they cannot be told apart. */
export function checkLink(link: LinkToken | undefined, now: Date): LinkCheck {
  if (!link || link.revokedAt !== null || link.expiresAt <= now.toISOString()) return { ok: false };
  return { ok: true, link };
}

/** The cookie that stands for an exchanged link: `<tokenId>.<hmac>`; it dies with the token. */
export function signSession(secret: string, tokenId: number, orderPublicId: string): string {
  return `${tokenId}.${createHmac('sha256', secret).update(`session:${tokenId}:${orderPublicId}`).digest('base64url')}`;
}

export function verifySession(secret: string, cookie: string, orderPublicId: string): number | null {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(cookie);
  if (!match) return null;
  const tokenId = Number(match[1]);
  const expected = Buffer.from(signSession(secret, tokenId, orderPublicId));
  const given = Buffer.from(cookie);
  return expected.length === given.length && timingSafeEqual(expected, given) ? tokenId : null;
}
