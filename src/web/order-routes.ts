// Magic links (DESIGN.md section 5): GET shows a neutral page; POST exchanges the token for an
// HttpOnly SameSite=Strict cookie scoped to that one order and redirects to a URL without it.
import { Router, type Request, type Response } from 'express';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Language } from '../orders/language.js';
import { LINK_PATH, checkLink, hashToken, signSession, verifySession } from '../orders/links.js';
import type { Db } from '../store/db.js';
import { createLinkTokensRepo } from '../store/link-tokens.js';
import { createOrdersRepo } from '../store/orders.js';
import { renderForbidden, renderLinkInvalid, renderLinkLanding, renderOrderPage } from './order-page.js';

export const SESSION_COOKIE = 'tj_order';
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export interface OrderRoutesDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  linkSecret: string;
  publicUrl: string;
}

function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export function createOrderRoutes(deps: OrderRoutesDeps): Router {
  const router = Router();
  const publicOrigin = new URL(deps.publicUrl).origin;
  const secureCookies = publicOrigin.startsWith('https:');

  const noStore = (res: Response) => res.set('Cache-Control', 'no-store');
  const invalid = (res: Response) => noStore(res).status(404).type('html').send(renderLinkInvalid());

  router.get(`${LINK_PATH}:token`, (_req, res) => {
    noStore(res).type('html').send(renderLinkLanding(''));
  });

  router.post(`${LINK_PATH}:token`, (req, res) => {
    noStore(res);
    // With Referrer-Policy: no-referrer, browsers send `Origin: null` on form posts; only a foreign origin is refused.
    const origin = req.get('origin');
    if (origin !== undefined && origin !== 'null' && origin !== publicOrigin) {
      deps.logger.warn({ origin }, 'link exchange from a foreign origin refused');
      res.status(403).type('html').send(renderForbidden());
      return;
    }
    const token = String(req.params.token);
    const links = createLinkTokensRepo(deps.db);
    const now = deps.clock.now();
    const check = TOKEN_RE.test(token) ? checkLink(links.byHash(hashToken(deps.linkSecret, token)), now) : { ok: false as const };
    if (!check.ok) {
      invalid(res);
      return;
    }
    const order = createOrdersRepo(deps.db).byId(check.link.orderId);
    if (!order) {
      invalid(res);
      return;
    }
    links.touch(check.link.id, now);
    res.cookie(SESSION_COOKIE, signSession(deps.linkSecret, check.link.id, order.publicId), {
      httpOnly: true,
      sameSite: 'strict',
      secure: secureCookies,
      path: `/o/${order.publicId}`,
      expires: new Date(check.link.expiresAt),
    });
    res.redirect(303, `/o/${order.publicId}`);
  });

  router.get('/o/:publicId', (req, res) => {
    noStore(res);
    const publicId = String(req.params.publicId);
    const orders = createOrdersRepo(deps.db);
    const order = orders.byPublicId(publicId);
    const cookie = readCookie(req, SESSION_COOKIE);
    const tokenId = order && cookie ? verifySession(deps.linkSecret, cookie, order.publicId) : null;
    const check = tokenId === null ? { ok: false as const } : checkLink(createLinkTokensRepo(deps.db).byId(tokenId), deps.clock.now());
    if (!order || !check.ok || check.link.orderId !== order.id) {
      res.status(403).type('html').send(renderForbidden());
      return;
    }
    const language: Language = req.query.lang === 'en' || req.query.lang === 'ar' ? req.query.lang : order.language;
    res.type('html').send(renderOrderPage(order, orders.items(order.id), orders.events(order.id), language));
  });

  return router;
}
