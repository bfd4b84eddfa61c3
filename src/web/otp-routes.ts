// The OTP look-up (DESIGN.md section 5, the plan's 2.2): a guest types their WhatsApp number, gets a
// 6-digit code there, types it, and lands on their orders; the number is verified from then on.
// The answers are the same whether or not the number has orders, and codes are never logged.
import { Router } from 'express';
import type { Language } from '../orders/language.js';
import { issueOrderLinkRow } from '../orders/links.js';
import { issueOtp, verifyOtp } from '../orders/otp.js';
import { normalizePhone } from '../orders/phone.js';
import { toWesternDigits } from '../orders/text.js';
import { requestTexts } from '../flows/request-texts.js';
import { createGuestAccessRepo } from '../store/guest-access.js';
import { createGuestsRepo } from '../store/guests.js';
import type { Order } from '../store/orders.js';
import type { LinkToken } from '../store/link-tokens.js';
import { OTP_ERRORS, renderCsrfRefused, renderOtpCode, renderOtpOrders, renderOtpStart } from './access-pages.js';
import { field, languageOf, type GuestContext } from './guest-context.js';

const OTP_PURPOSE = 'otp';
/** How many of a guest's most recent orders the look-up opens. */
export const OTP_ORDER_LIMIT = 10;

export function createOtpRoutes(ctx: GuestContext): Router {
  const router = Router();
  const { deps, guard, csrf, log } = ctx;
  const lang = (req: Parameters<typeof languageOf>[0]): Language => languageOf(req, deps.defaultLanguage);

  router.use('/otp', ctx.guestPages);

  router.get('/otp', (req, res) => {
    res.type('html').send(renderOtpStart(deps.storeName, lang(req), csrf.tokenFor(req, res, OTP_PURPOSE)));
  });

  function refuse(req: Parameters<typeof languageOf>[0], res: Parameters<typeof ctx.tooMany>[0], why: string) {
    guard.csrfFailure(ctx.clientOf(req));
    log.warn({ event: 'malicious_csrf', why, client: ctx.clientDigest(req), path: req.path }, 'form refused');
    res.status(403).type('html').send(renderCsrfRefused());
  }

  router.post('/otp', ctx.parseForm, (req, res) => {
    const language = lang(req);
    const check = csrf.check(req, OTP_PURPOSE);
    if (!check.ok) {
      refuse(req, res, check.why);
      return;
    }
    const token = csrf.tokenFor(req, res, OTP_PURPOSE);
    const phone = normalizePhone(field(req, 'phone').slice(0, 32));
    if (!phone) {
      res.status(400).type('html').send(renderOtpStart(deps.storeName, language, token, { error: OTP_ERRORS[language].phone, phone: field(req, 'phone').slice(0, 32) }));
      return;
    }
    if (!guard.allowOtpSend(ctx.clientOf(req))) {
      log.warn({ event: 'excess_rate_limit_exceeded', what: 'otp_send', client: ctx.clientDigest(req) }, 'OTP sends limited');
      ctx.tooMany(res, 3_600_000);
      return;
    }
    const now = deps.clock.now();
    ctx.write((tx, messenger) => {
      const guest = createGuestsRepo(tx).byPhone(phone);
      // Only a number with orders gets a code; the page below says the same either way.
      if (!guest || guest.blockedAt !== null || createGuestAccessRepo(tx).recentOrders(guest.id, 1).length === 0) return;
      const issued = issueOtp(tx, { phone, secret: deps.linkSecret, now, ...(deps.newOtpCode ? { newCode: deps.newOtpCode } : {}) });
      if (!issued.ok) {
        log.info({ event: 'otp_limited', why: issued.reason, guestId: guest.id }, 'no new code');
        return;
      }
      messenger.toGuest(guest.id, requestTexts[guest.language ?? language].otpCode(issued.code, deps.storeName));
      log.info({ event: 'otp_sent', guestId: guest.id }, 'code sent');
    });
    res.type('html').send(renderOtpCode(deps.storeName, language, token, phone));
  });

  router.post('/otp/verify', ctx.parseForm, (req, res) => {
    const language = lang(req);
    const check = csrf.check(req, OTP_PURPOSE);
    if (!check.ok) {
      refuse(req, res, check.why);
      return;
    }
    const token = csrf.tokenFor(req, res, OTP_PURPOSE);
    const phone = normalizePhone(field(req, 'phone').slice(0, 32));
    if (!phone) {
      res.status(400).type('html').send(renderOtpStart(deps.storeName, language, token, { error: OTP_ERRORS[language].phone }));
      return;
    }
    if (!guard.allowOtpVerify(ctx.clientOf(req))) {
      log.warn({ event: 'excess_rate_limit_exceeded', what: 'otp_verify', client: ctx.clientDigest(req) }, 'OTP tries limited');
      ctx.tooMany(res, 10 * 60_000);
      return;
    }
    const code = toWesternDigits(field(req, 'code')).replace(/[\s-]/g, '');
    const wrong = () => res.status(400).type('html').send(renderOtpCode(deps.storeName, language, token, phone, { error: OTP_ERRORS[language].code }));
    if (!/^\d{6}$/.test(code)) {
      wrong();
      return;
    }
    const now = deps.clock.now();
    const opened = ctx.write((tx) => {
      const result = verifyOtp(tx, { phone, code, secret: deps.linkSecret, now });
      if (!result.ok) {
        log.info({ event: 'otp_failed', why: result.reason, client: ctx.clientDigest(req) }, 'code refused');
        return null;
      }
      const guest = createGuestsRepo(tx).byPhone(phone);
      if (!guest || guest.blockedAt !== null) return [];
      const access = createGuestAccessRepo(tx);
      access.markVerified(guest.id, now);
      log.info({ event: 'otp_verified', guestId: guest.id }, 'number verified by code');
      // Fresh update links for the guest's recent orders (older links of those orders stop working).
      return access.recentOrders(guest.id, OTP_ORDER_LIMIT).map((order): { order: Order; link: LinkToken } => ({
        order,
        link: issueOrderLinkRow(tx, ctx.linkDeps, { orderId: order.id, guestId: guest.id, scope: 'update', ttlMs: deps.linkTtlMs, now }).link,
      }));
    });
    if (opened === null) {
      wrong();
      return;
    }
    for (const { order, link } of opened) ctx.setSessionCookie(res, order, link, now);
    res.type('html').send(renderOtpOrders(deps.storeName, language, opened.map((o) => o.order)));
  });

  return router;
}
