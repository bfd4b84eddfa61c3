// Magic links and the order page (DESIGN.md section 5, the plan's section 3).
//
// GET /l/<token>        a neutral page with one button; reads and writes nothing (link previews, scanners)
// POST /l/<token>       exchanges the token for an HttpOnly, SameSite=Strict cookie scoped to /o/<order>,
//                       then 303 to /o/<order> (no token in the URL); `do=resend` asks for a new link
// GET /o/<order>        the order page, for the cookie of a live link of that order only
// POST /o/<order>/<action>  address, cancel, contact, delivered, return, rate (update links only), resend
import { Router, type Request, type Response } from 'express';
import {
  availableActions,
  createCustomerRequest,
  leaveFeedback,
  requestPayload,
  TEXT_LIMITS,
  type CreateRequestFailure,
  type FeedbackResult,
  type NewCustomerRequest,
} from '../orders/customer-requests.js';
import type { Language } from '../orders/language.js';
import { checkLink, hashToken, LINK_PATH, TOKEN_RE, type LinkToken } from '../orders/links.js';
import { requestTexts } from '../flows/request-texts.js';
import { statusLabel } from '../flows/seller-texts.js';
import { createLinkTokensRepo } from '../store/link-tokens.js';
import { createOrdersRepo, type Order } from '../store/orders.js';
import {
  renderCsrfRefused,
  renderError,
  renderLinkInvalid,
  renderLinkLanding,
  renderLinkTurnedOff,
  renderNoSession,
  renderResendAnswer,
  renderSessionEnded,
  renderViewOnly,
} from './access-pages.js';
import { field, languageOf, type GuestContext } from './guest-context.js';
import { renderNotice, renderOrderPage, type OrderPageView } from './order-page.js';
import { pageQueries } from './page-queries.js';

const DAY_MS = 24 * 3_600_000;
const LINK_PURPOSE = 'link';
const orderPurpose = (publicId: string) => `order:${publicId}`;

export const ORDER_ACTIONS = ['address', 'cancel', 'contact', 'delivered', 'return', 'rate'] as const;
type OrderAction = (typeof ORDER_ACTIONS)[number];
const isAction = (value: string): value is OrderAction => (ORDER_ACTIONS as readonly string[]).includes(value);

const DONE = {
  en: {
    address: 'Your new address was sent to the store. They will confirm it.',
    cancel_requested: 'Your cancellation request was sent to the store.',
    cancelled: 'Your order is cancelled.',
    contact: 'Your message was sent to the store. They will answer you on WhatsApp.',
    delivered: 'Thank you! The order is marked as delivered.',
    return: 'Your request was sent to the store.',
    rated: 'Thank you for your rating!',
  },
  ar: {
    address: 'تم إرسال عنوانك الجديد إلى المتجر، وسيؤكده.',
    cancel_requested: 'تم إرسال طلب الإلغاء إلى المتجر.',
    cancelled: 'تم إلغاء طلبك.',
    contact: 'تم إرسال رسالتك إلى المتجر، وسيرد عليك على واتساب.',
    delivered: 'شكراً! تم تسجيل الطلب كمُستلَم.',
    return: 'تم إرسال طلبك إلى المتجر.',
    rated: 'شكراً على تقييمك!',
  },
} as const;
type DoneKey = keyof (typeof DONE)['en'];

const FIELD_LABELS: Record<Language, Record<string, string>> = {
  en: { addressLine: 'the address', area: 'the area and city', message: 'your message', description: 'the problem', reason: 'the reason', comment: 'the comment' },
  ar: { addressLine: 'العنوان', area: 'المنطقة والمدينة', message: 'رسالتك', description: 'وصف المشكلة', reason: 'السبب', comment: 'التعليق' },
};

function failureText(failure: CreateRequestFailure | Extract<FeedbackResult, { ok: false }> | { reason: 'unconfirmed' }, language: Language): { status: number; text: string } {
  const ar = language === 'ar';
  switch (failure.reason) {
    case 'invalid': {
      if ('min' in failure) {
        const label = FIELD_LABELS[language][failure.field] ?? failure.field;
        const range = failure.min > 1 ? (ar ? `من ${failure.min} إلى ${failure.max} حرفاً` : `${failure.min} to ${failure.max} characters`) : ar ? `حتى ${failure.max} حرفاً` : `up to ${failure.max} characters`;
        return { status: 400, text: ar ? `راجع ${label}: ${range}.` : `Please check ${label}: ${range}.` };
      }
      return failure.field === 'comment'
        ? { status: 400, text: ar ? `التعليق طويل جداً: ${TEXT_LIMITS.comment.max} حرفاً على الأكثر.` : `The comment is too long: at most ${TEXT_LIMITS.comment.max} characters.` }
        : { status: 400, text: ar ? 'اختر تقييماً من ١ إلى ٥ للمتجر وللطلب.' : 'Please choose a rating from 1 to 5 for the store and for the order.' };
    }
    case 'unconfirmed':
      return { status: 400, text: ar ? 'ضع علامة في المربع لتأكيد الإلغاء.' : 'Tick the box to confirm the cancellation.' };
    case 'not_allowed':
      return { status: 409, text: ar ? `هذا غير ممكن الآن: حالة الطلب ${statusLabel(failure.status, 'ar')}.` : `This is not possible now: the order is ${statusLabel(failure.status, 'en')}.` };
    case 'not_delivered':
      return { status: 409, text: ar ? 'يمكنك تقييم الطلب بعد استلامه.' : 'You can rate the order once it has been delivered.' };
    case 'already_rated':
      return { status: 409, text: ar ? 'لقد قيّمت هذا الطلب من قبل.' : 'You have already rated this order.' };
    case 'already_open':
      return { status: 409, text: ar ? 'لديك طلب من هذا النوع بانتظار رد المتجر.' : 'You already have a request like this waiting for the store.' };
    case 'too_many':
      return { status: 429, text: ar ? 'أرسلت طلبات كثيرة لهذا الطلب اليوم. راسل المتجر على واتساب.' : 'You have sent many requests for this order today. Please message the store on WhatsApp.' };
    case 'policy': {
      const texts = {
        custom_not_cancelable: ['لا يمكن إلغاء الطلب المخصص بعد تأكيده (سياسة المتجر).', 'A custom order cannot be cancelled once confirmed (store policy).'],
        returns_not_accepted: ['المتجر لا يقبل المرتجعات.', 'The store does not accept returns.'],
        custom_not_returnable: ['لا يمكن إرجاع الطلبات المخصصة (سياسة المتجر).', 'Custom orders cannot be returned (store policy).'],
        return_window_passed: ['انتهت مدة الإرجاع لهذا الطلب.', 'The return period for this order has ended.'],
      } as const;
      return { status: 409, text: texts[failure.rule][ar ? 0 : 1] };
    }
    case 'not_found':
      return { status: 403, text: ar ? 'هذا الطلب غير متاح.' : 'This order is not available.' };
  }
}

export function createOrderRoutes(ctx: GuestContext): Router {
  const router = Router();
  const { deps, guard, csrf, log } = ctx;

  router.use([LINK_PATH, '/o/'], ctx.guestPages);

  /** A refused POST: counted (a block after a few), logged, and the session it carried is ended when it crosses the line. */
  function refuseCsrf(req: Request, res: Response, why: string, session?: LinkToken) {
    const blocked = guard.csrfFailure(ctx.clientOf(req));
    log.warn({ event: 'malicious_csrf', why, client: ctx.clientDigest(req), linkId: session?.id }, 'form refused');
    if (blocked && session) {
      const revoked = ctx.write((tx) => createLinkTokensRepo(tx).revoke(session.id, deps.clock.now()));
      if (revoked) log.warn({ event: 'authn_token_revoked', reason: 'csrf_failures', linkId: session.id, orderId: session.orderId }, 'link revoked after repeated CSRF failures');
    }
    res.status(403).type('html').send(renderCsrfRefused());
  }

  // ---- the link --------------------------------------------------------------------------------

  router.get(`${LINK_PATH}:token`, (req, res) => {
    // Nothing is looked up or written: a preview bot sees the same page as a person.
    res.type('html').send(renderLinkLanding(csrf.tokenFor(req, res, LINK_PURPOSE)));
  });

  router.post(`${LINK_PATH}:token`, ctx.parseForm, (req, res) => {
    const check = csrf.check(req, LINK_PURPOSE);
    if (!check.ok) {
      refuseCsrf(req, res, check.why);
      return;
    }
    const token = String(req.params.token);
    const links = createLinkTokensRepo(deps.db);
    const now = deps.clock.now();
    const row = TOKEN_RE.test(token) ? links.byHash(hashToken(deps.linkSecret, token)) : undefined;

    if (field(req, 'do') === 'resend') {
      if (!row) ctx.noteBadToken(req, 'resend');
      else resendFor(row.orderId, 'link');
      res.type('html').send(renderResendAnswer());
      return;
    }

    const result = checkLink(row, now);
    if (!result.ok) {
      if (result.why !== 'unknown' && result.link) {
        log.warn({ event: 'authn_token_reuse', why: result.why, linkId: result.link.id, orderId: result.link.orderId, client: ctx.clientDigest(req) }, 'dead link used');
        if (result.why === 'revoked') alertIfSuspiciousReuse(result.link);
      } else {
        log.info({ event: 'authn_token_unknown', client: ctx.clientDigest(req) }, 'unknown link');
      }
      ctx.noteBadToken(req, 'link');
      // The same status and bytes for unknown, expired and revoked tokens.
      res.status(404).type('html').send(renderLinkInvalid(csrf.tokenFor(req, res, LINK_PURPOSE)));
      return;
    }

    const { link } = result;
    const outcome = ctx.write((tx, messenger) => {
      const order = createOrdersRepo(tx).byId(link.orderId);
      if (!order) return { kind: 'gone' as const };
      const tokens = createLinkTokensRepo(tx);
      tokens.recordUse(link.id, ctx.networkDigest(req), now);
      tokens.touch(link.id, now);
      const networks = tokens.networksSince(link.id, new Date(now.getTime() - DAY_MS));
      if (networks <= ctx.limits.networksPerLink) return { kind: 'ok' as const, order };
      // One link from many networks: it has leaked. Turn it off and send the number on file a new one.
      tokens.revoke(link.id, now);
      createOrdersRepo(tx).addEvent(order.id, {
        actorType: 'system',
        actorId: null,
        type: 'link:revoked',
        after: JSON.stringify({ linkId: link.id, reason: 'many_networks', networks }),
        note: 'opened from many networks',
        at: now.toISOString(),
      });
      const resent = guard.allowResend(order.id) && ctx.sendFreshLink(tx, messenger, order, 'suspicious');
      messenger.toSellers((language) => requestTexts[language].sellerLinkRevoked(order, networks, resent));
      log.warn({ event: 'authn_token_revoked', reason: 'many_networks', networks, linkId: link.id, orderId: order.id }, 'link revoked: opened from many networks');
      return { kind: 'revoked' as const };
    });
    if (outcome.kind === 'gone') {
      res.status(404).type('html').send(renderLinkInvalid(csrf.tokenFor(req, res, LINK_PURPOSE)));
      return;
    }
    if (outcome.kind === 'revoked') {
      res.status(403).type('html').send(renderLinkTurnedOff());
      return;
    }
    ctx.setSessionCookie(res, outcome.order, link, now);
    log.info({ event: 'authn_token_exchanged', linkId: link.id, orderId: link.orderId, scope: link.scope }, 'link opened');
    res.redirect(303, `/o/${outcome.order.publicId}`);
  });

  /** A new link to the order's number, when the rate allows; the caller answers the same either way. */
  function resendFor(orderId: number, via: string) {
    if (!guard.allowResend(orderId)) {
      log.info({ event: 'link_resend_limited', orderId, via }, 'resend limited');
      return;
    }
    ctx.write((tx, messenger) => {
      const order = createOrdersRepo(tx).byId(orderId);
      if (order) ctx.sendFreshLink(tx, messenger, order, 'resend');
    });
  }

  /** A link we turned off for suspicion, tried again: the sellers hear of it (once an hour per link). */
  function alertIfSuspiciousReuse(link: LinkToken) {
    const suspicious = createOrdersRepo(deps.db)
      .events(link.orderId)
      .some((e) => e.type === 'link:revoked' && e.after !== null && (JSON.parse(e.after) as { linkId?: number }).linkId === link.id);
    if (!suspicious || !guard.firstTime(`reuse:${link.id}`, 3_600_000)) return;
    const order = createOrdersRepo(deps.db).byId(link.orderId);
    if (order) ctx.write((_tx, messenger) => messenger.toSellers((language) => requestTexts[language].sellerRevokedLinkReused(order)));
  }

  // ---- the order page --------------------------------------------------------------------------

  /** Answers a request without a live session for the order; true when it did. */
  function refuseWithoutSession(req: Request, res: Response, publicId: string, session: ReturnType<GuestContext['checkSession']>): session is Extract<typeof session, { ok: true }> {
    if (session.ok) return true;
    if (session.kind === 'forged') {
      log.warn({ event: 'malicious_direct_reference', client: ctx.clientDigest(req) }, 'order cookie not valid for this order');
      ctx.noteBadToken(req, 'cookie');
    }
    if (session.kind === 'ended') {
      res.status(403).type('html').send(renderSessionEnded(publicId, csrf.tokenFor(req, res, orderPurpose(publicId))));
    } else {
      res.status(403).type('html').send(renderNoSession());
    }
    return false;
  }

  // Rendered pages, kept per order while nothing they show has changed (the order row, its newest
  // event, the policy, the scope and language). The CSRF token and the banner are filled in per request.
  const pageCache = new Map<string, { key: string; parts: string[]; validUntil: number }>();
  const PAGE_CACHE_MAX = 500;
  const CSRF_MARK = '\u0001csrf\u0001';
  const NOTICE_MARK = '\u0001notice\u0001';
  // Session rows are shared while nothing is written (page-queries.ts), so their text is too.
  const orderTexts = new WeakMap<Order, string>();

  function renderFor(
    req: Request,
    res: Response,
    session: { order: Order; link: LinkToken; version: string },
    language: Language,
    options: { status?: number; notice?: { kind: 'ok' | 'error'; text: string }; draft?: Record<string, string> } = {},
  ) {
    const { order, link } = session;
    const q = pageQueries(deps.db);
    const now = deps.clock.now();
    const build = (csrfValue: string, notice: OrderPageView['notice']) => {
      const rating = q.feedback(order.id);
      const actions = availableActions(deps.db, order, now, q.policy(), rating !== undefined);
      const html = renderOrderPage({
        order,
        items: q.items(order.id),
        events: q.events(order.id),
        requests: q.requests(order.id),
        feedback: rating,
        actions,
        scope: link.scope,
        language,
        storeName: deps.storeName,
        csrf: csrfValue,
        notice,
        draft: options.draft,
      });
      // The only thing on the page that changes with time alone: the end of the return window.
      return { html, validUntil: actions.returnRequest.ok ? actions.returnRequest.until.getTime() : Number.POSITIVE_INFINITY };
    };
    const csrfValue = link.scope === 'update' ? csrf.tokenFor(req, res, orderPurpose(order.publicId)) : '';
    if (options.draft || options.status) {
      res.status(options.status ?? 200).type('html').send(build(csrfValue, options.notice).html);
      return;
    }
    let orderText = orderTexts.get(order);
    if (orderText === undefined) {
      orderText = JSON.stringify(order);
      orderTexts.set(order, orderText);
    }
    const key = `${language}|${link.scope}|${session.version}|${orderText}`;
    let entry = pageCache.get(order.publicId);
    if (!entry || entry.key !== key || entry.validUntil <= now.getTime()) {
      const built = build(CSRF_MARK, NOTICE_MARK);
      entry = { key, parts: built.html.split(CSRF_MARK), validUntil: built.validUntil };
      pageCache.delete(order.publicId);
      if (pageCache.size >= PAGE_CACHE_MAX) pageCache.delete(pageCache.keys().next().value!);
      pageCache.set(order.publicId, entry);
    }
    const [first = '', ...rest] = entry.parts;
    const html = [first.replace(NOTICE_MARK, options.notice ? renderNotice(options.notice) : ''), ...rest].join(csrfValue);
    // The hot path: straight out, without Express's content negotiation (no ETag, nothing to negotiate).
    const body = Buffer.from(html);
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Length', body.length);
    res.end(body);
  }

  router.get('/o/:publicId', (req, res) => {
    const publicId = String(req.params.publicId);
    const session = ctx.checkSession(req, publicId);
    if (!refuseWithoutSession(req, res, publicId, session)) return;
    const language = languageOf(req, session.order.language);
    const done = typeof req.query.done === 'string' && req.query.done in DONE.en ? (req.query.done as DoneKey) : null;
    renderFor(req, res, session, language, done ? { notice: { kind: 'ok', text: DONE[language][done] } } : {});
  });

  router.post('/o/:publicId/resend', ctx.parseForm, (req, res) => {
    const publicId = String(req.params.publicId);
    const check = csrf.check(req, orderPurpose(publicId));
    if (!check.ok) {
      refuseCsrf(req, res, check.why);
      return;
    }
    const session = ctx.checkSession(req, publicId);
    if (session.ok || session.kind === 'ended') resendFor(session.order.id, 'order');
    else ctx.noteBadToken(req, 'resend');
    res.type('html').send(renderResendAnswer());
  });

  router.post('/o/:publicId/:action', ctx.parseForm, (req, res) => {
    const publicId = String(req.params.publicId);
    const action = String(req.params.action);
    const session = ctx.checkSession(req, publicId);
    const check = csrf.check(req, orderPurpose(publicId));
    if (!check.ok) {
      refuseCsrf(req, res, check.why, session.ok ? session.link : undefined);
      return;
    }
    if (!refuseWithoutSession(req, res, publicId, session)) return;
    const { order, link } = session;
    if (!isAction(action)) {
      res.status(404).type('html').send(renderError({ ar: 'هذا الإجراء غير موجود.', en: 'There is no such action.' }));
      return;
    }
    if (link.scope !== 'update') {
      log.warn({ event: 'authz_fail', why: 'view_scope', action, linkId: link.id, orderId: order.id }, 'view link tried to act');
      res.status(403).type('html').send(renderViewOnly(publicId));
      return;
    }
    const language = languageOf(req, order.language);
    const now = deps.clock.now();
    const actor = { type: 'guest' as const, id: order.guestId === null ? null : String(order.guestId) };
    const draft: Record<string, string> = {};
    for (const name of ['addressLine', 'area', 'message', 'description', 'reason', 'comment', 'kind', 'sellerRating', 'orderRating']) {
      const value = field(req, name);
      if (value) draft[name] = value;
    }
    const fail = (failure: Parameters<typeof failureText>[0]) => {
      const { status, text } = failureText(failure, language);
      const fresh = createOrdersRepo(deps.db).byId(order.id) ?? order;
      renderFor(req, res, { order: fresh, link, version: '' }, language, { status, notice: { kind: 'error', text }, draft });
    };
    const done = (key: DoneKey) => res.redirect(303, `/o/${order.publicId}?lang=${language}&done=${key}`);

    if (action === 'rate') {
      const result = ctx.write((tx, messenger) => {
        const r = leaveFeedback(tx, {
          orderId: order.id,
          guestId: order.guestId,
          actor,
          sellerRating: Number(field(req, 'sellerRating') || NaN),
          orderRating: Number(field(req, 'orderRating') || NaN),
          comment: field(req, 'comment'),
          now,
        });
        if (r.ok) messenger.toSellers((l) => requestTexts[l].sellerFeedback(r.order, r.feedback));
        return r;
      });
      if (!result.ok) fail(result);
      else done('rated');
      return;
    }

    let asked: NewCustomerRequest;
    switch (action) {
      case 'address':
        asked = { kind: 'address_change', addressLine: field(req, 'addressLine'), area: field(req, 'area') };
        break;
      case 'cancel':
        if (field(req, 'confirm') !== 'yes') {
          fail({ reason: 'unconfirmed' });
          return;
        }
        asked = { kind: 'cancellation', reason: field(req, 'reason') };
        break;
      case 'contact':
        asked = { kind: 'contact', message: field(req, 'message') };
        break;
      case 'delivered':
        asked = { kind: 'delivery_confirmation' };
        break;
      case 'return': {
        const kind = field(req, 'kind');
        if (kind !== 'return' && kind !== 'refund') {
          fail({ ok: false, reason: 'invalid', field: 'description', min: TEXT_LIMITS.description.min, max: TEXT_LIMITS.description.max });
          return;
        }
        asked = { kind, description: field(req, 'description') };
        break;
      }
    }

    const result = ctx.write((tx, messenger) => {
      const r = createCustomerRequest(tx, { orderId: order.id, guestId: order.guestId, actor, request: asked, now });
      if (!r.ok) return r;
      const guestId = r.order.guestId;
      const toCustomer = (text: string) => guestId !== null && messenger.toGuest(guestId, text);
      const texts = requestTexts[r.order.language];
      if (r.outcome === 'opened') {
        messenger.toSellers((l) => requestTexts[l].sellerNewRequest(r.order, r.request, requestPayload(r.request)));
        toCustomer(texts.customerRequestReceived(r.order.number, r.request.kind));
      } else if (r.outcome === 'cancelled') {
        messenger.toSellers((l) => requestTexts[l].sellerCustomerCancelled(r.order, requestPayload(r.request).reason ?? null));
        toCustomer(texts.customerCancelled(r.order.number));
      } else {
        messenger.toSellers((l) => requestTexts[l].sellerDeliveryConfirmed(r.order));
        toCustomer(texts.customerDeliveryConfirmed(r.order.number));
      }
      log.info({ event: 'customer_request', kind: r.request.kind, outcome: r.outcome, requestId: r.request.id, orderId: order.id }, 'customer request from the order page');
      return r;
    });
    if (!result.ok) {
      fail(result);
      return;
    }
    const key: DoneKey =
      result.outcome === 'cancelled'
        ? 'cancelled'
        : result.outcome === 'delivered'
          ? 'delivered'
          : action === 'cancel'
            ? 'cancel_requested'
            : action === 'address'
              ? 'address'
              : action === 'contact'
                ? 'contact'
                : 'return';
    done(key);
  });

  return router;
}
