// Carries out what the customer conversation asked for, inside the message's transaction: domain
// writes through src/orders, replies and seller notices through the outbox.
import type { FlowEffect, FlowEnv } from '../flows/customer.machine.js';
import type { OrderActionOutcome } from '../flows/customer-service-texts.js';
import { customerTexts } from '../flows/customer-texts.js';
import { sellerInboxTexts } from '../flows/seller-inbox-texts.js';
import { sellerTexts, statusLabel } from '../flows/seller-texts.js';
import { acceptQuote, createCustomRequest, rejectQuote, requestQuoteChanges, type QuoteAnswerRefusal } from '../orders/custom-requests.js';
import { createCustomerRequest, leaveFeedback, requestPayload, type CreateRequestResult } from '../orders/customer-requests.js';
import { requestTexts } from '../flows/request-texts.js';
import { deliveryFeeFor } from '../orders/delivery-fee.js';
import { formatMoney } from '../orders/money.js';
import { placeCatalogOrder } from '../orders/place-order.js';
import { readPolicy, ttlFor } from '../orders/policy.js';
import { registerGuest } from '../orders/register.js';
import { answerCodConfirmation } from '../orders/cod.js';
import { checkNewOrder } from '../orders/new-order-checks.js';
import { cancelOrder } from '../orders/cancel-order.js';
import { lifecycleTexts } from '../flows/lifecycle-texts.js';
import { createConversationsRepo } from '../store/conversations.js';
import { createGuestsRepo } from '../store/guests.js';
import { createOrdersRepo } from '../store/orders.js';
import { createProductsRepo } from '../store/products.js';
import { imageMimetypeOf } from './media-store.js';
import type { ConversationDeps } from './conversation.js';
import { conversationKey } from './conversation.js';

type Effect<T extends FlowEffect['type']> = Extract<FlowEffect, { type: T }>;

/** `shop` is the only part of the flow's env effects read: the rest is loaded lazily and would be stale after writes. */
export function runCustomerEffect(effect: FlowEffect, deps: ConversationDeps, shop: FlowEnv['shop']): void {
  switch (effect.type) {
    case 'reply':
      return reply(deps, effect.text);
    case 'rememberLanguage':
      if (deps.guest.language === effect.language) return;
      return createGuestsRepo(deps.tx).setLanguage(deps.guest.id, effect.language, deps.now);
    case 'placeOrder':
      return placeOrder(effect, deps, shop);
    case 'createRequest':
      return createRequest(effect, deps);
    case 'acceptQuote':
      return answerAccept(effect, deps, shop);
    case 'rejectQuote':
    case 'requestQuoteChanges':
      return answerQuote(effect, deps);
    case 'listOrders':
      return listOrders(deps);
    case 'orderAction':
      return orderAction(effect, deps);
    case 'reportProblem':
      return reportProblem(effect, deps);
    case 'submitFeedback':
      return submitFeedback(effect, deps);
    case 'productPhoto':
      return productPhoto(effect, deps);
    case 'startHandoff':
      return startHandoff(deps);
    case 'register':
      return register(effect, deps);
    case 'answerCod':
      return answerCod(effect, deps);
    default: {
      const unknown: never = effect;
      throw new Error(`unknown flow effect ${JSON.stringify(unknown)}`);
    }
  }
}

const reply = (deps: ConversationDeps, text: string) => deps.messenger.text(deps.address, deps.guest.id, text);
const customerName = (deps: ConversationDeps) => deps.guest.displayName ?? deps.guest.phoneE164 ?? deps.address;
/** The guest row is loaded before effects run; the language may have changed during this message. */
const languageOf = (deps: ConversationDeps) => createGuestsRepo(deps.tx).byId(deps.guest.id)?.language ?? deps.config.defaultLanguage;
const say = (deps: ConversationDeps, make: (t: (typeof customerTexts)['en']) => string) => reply(deps, make(customerTexts[languageOf(deps)]));

function placeOrder(effect: Effect<'placeOrder'>, deps: ConversationDeps, shop: FlowEnv['shop']): void {
  const { tx, guest, config, now } = deps;
  const order = placeCatalogOrder(tx, {
    guestId: guest.id,
    customerPhone: guest.phoneE164,
    lines: effect.cart,
    name: effect.name,
    addressLine: effect.address,
    area: effect.area,
    currency: shop.currency,
    shippingMinor: deliveryFeeFor(shop, effect.area),
    language: effect.language,
    channel: 'whatsapp',
    publicId: deps.ids.publicId(),
    pendingTtlMs: ttlFor(readPolicy(tx), config, 'pendingConfirmation'),
    now,
  });
  if (guest.customerId !== null) createOrdersRepo(tx).updateIfStatus(order.id, 'pending', { customerId: guest.customerId });
  checkNewOrder(tx, order, now);
  // The plan's guest access: the order page's link comes with the order (the seller's confirmation sends a fresh one).
  const link = deps.issueLink(order, 'update');
  say(deps, (t) => t.orderPlaced(order.number, formatMoney(order.totalMinor, order.currency, effect.language), link));
  const items = createOrdersRepo(tx).items(order.id);
  deps.messenger.toSellers((language) => sellerTexts[language].newOrder(order, items));
}

function createRequest(effect: Effect<'createRequest'>, deps: ConversationDeps): void {
  const { tx, guest, config, now } = deps;
  const request = createCustomRequest(tx, {
    guestId: guest.id,
    customerId: guest.customerId,
    description: effect.description,
    quantity: effect.quantity,
    budgetMinor: effect.budgetMinor,
    currency: config.currency,
    images: effect.images,
    ttlMs: ttlFor(readPolicy(tx), config, 'customRequest'),
    now,
  });
  say(deps, (t) => t.requestSent(request.number));
  const notice = {
    number: request.number,
    customer: customerName(deps),
    phone: guest.phoneE164,
    description: request.description,
    quantity: request.quantity,
    budgetMinor: request.budgetMinor,
    currency: request.currency,
    photos: effect.images.length,
  };
  deps.messenger.toSellers((language) => sellerInboxTexts[language].newRequest(notice));
  for (const image of effect.images) {
    deps.messenger.toSellersContent(() => ({ type: 'image', path: image.path, mimetype: image.mimetype, caption: `R-${request.number}` }));
  }
}

function quoteRefused(refusal: QuoteAnswerRefusal, requestNumber: number, deps: ConversationDeps): void {
  say(deps, (t) => (refusal.reason === 'expired' ? t.quoteExpired(requestNumber) : t.quoteClosed()));
}

function answerAccept(effect: Effect<'acceptQuote'>, deps: ConversationDeps, shop: FlowEnv['shop']): void {
  const { tx, guest, config, now } = deps;
  const language = languageOf(deps);
  const result = acceptQuote(tx, {
    quoteId: effect.quoteId,
    guestId: guest.id,
    customerId: guest.customerId,
    customerPhone: guest.phoneE164,
    name: effect.name,
    addressLine: effect.address,
    area: effect.area,
    shippingMinor: deliveryFeeFor(shop, effect.area),
    language,
    publicId: deps.ids.publicId(),
    acceptedTtlMs: ttlFor(readPolicy(tx), config, 'acceptedUnconfirmed'),
    now,
  });
  if (!result.ok) return quoteRefused(result, effect.requestNumber, deps);
  const { order } = result;
  checkNewOrder(tx, order, now);
  const total = (l: 'ar' | 'en') => formatMoney(order.totalMinor, order.currency, l);
  const link = deps.issueLink(order, 'update');
  say(deps, (t) => t.quoteAccepted(order.number, total(language), link));
  deps.messenger.toSellers((l) => sellerInboxTexts[l].quoteAccepted(effect.requestNumber, order.number, customerName(deps), total(l)));
}

function answerQuote(effect: Effect<'rejectQuote' | 'requestQuoteChanges'>, deps: ConversationDeps): void {
  const { tx, guest, now } = deps;
  if (effect.type === 'rejectQuote') {
    const result = rejectQuote(tx, { quoteId: effect.quoteId, guestId: guest.id, reason: effect.reason, now });
    if (!result.ok) return quoteRefused(result, effect.requestNumber, deps);
    say(deps, (t) => t.quoteRejected());
    deps.messenger.toSellers((l) => sellerInboxTexts[l].quoteRejected(effect.requestNumber, customerName(deps), effect.reason));
    return;
  }
  const result = requestQuoteChanges(tx, { quoteId: effect.quoteId, guestId: guest.id, text: effect.text, now });
  if (!result.ok) return quoteRefused(result, effect.requestNumber, deps);
  say(deps, (t) => t.quoteChangesSent());
  deps.messenger.toSellers((l) => sellerInboxTexts[l].quoteChanges(effect.requestNumber, customerName(deps), effect.text));
}

/** "My orders": each recent order with its status and a fresh link. */
function listOrders(deps: ConversationDeps): void {
  const orders = createOrdersRepo(deps.tx).recentOfGuest(deps.guest.id, 10);
  if (orders.length === 0) return;
  const language = languageOf(deps);
  const t = customerTexts[language];
  const lines = orders.map(
    (order) =>
      `${t.orderLink(order.number, deps.issueLink(order, 'update'))}\n   ${statusLabel(order.status, language)} · ${formatMoney(order.totalMinor, order.currency, language)}`,
  );
  reply(deps, lines.join('\n'));
}

function orderByNumber(deps: ConversationDeps, number: number) {
  const order = createOrdersRepo(deps.tx).byNumber(number);
  return order && order.guestId === deps.guest.id ? order : undefined;
}

const actor = (deps: ConversationDeps) => ({ type: deps.guest.customerId === null ? ('guest' as const) : ('customer' as const), id: String(deps.guest.id) });

function outcomeOf(kind: 'cancel' | 'confirmDelivery' | 'return', result: CreateRequestResult): OrderActionOutcome {
  if (result.ok) return result.outcome === 'cancelled' ? 'cancelled' : result.outcome === 'delivered' ? 'delivery_confirmed' : kind === 'cancel' ? 'cancel_requested' : 'return_requested';
  switch (kind) {
    case 'cancel':
      if (result.reason === 'policy') return 'cancel_refused_custom';
      if (result.reason === 'already_open' || result.reason === 'too_many') return 'cancel_already_requested';
      if (result.reason === 'not_allowed' && (result.status === 'shipped' || result.status === 'failed_delivery')) return 'cancel_refused_shipped';
      return 'cancel_refused_final';
    case 'confirmDelivery':
      return result.reason === 'not_allowed' && result.status === 'delivered' ? 'delivery_already' : 'delivery_not_shipped';
    case 'return':
      if (result.reason === 'already_open' || result.reason === 'too_many') return 'return_already_requested';
      if (result.reason === 'policy') return result.rule === 'return_window_passed' ? 'return_refused_window' : 'return_refused_policy';
      return 'return_refused_not_delivered';
  }
}

function orderAction(effect: Effect<'orderAction'>, deps: ConversationDeps): void {
  const order = orderByNumber(deps, effect.orderNumber);
  if (!order) return say(deps, (t) => t.orderNotYours());
  if (effect.action === 'link') return say(deps, (t) => t.orderLink(order.number, deps.issueLink(order, 'update')));
  const kind = effect.action === 'cancel' ? 'cancel' : 'confirmDelivery';
  const result = createCustomerRequest(deps.tx, {
    orderId: order.id,
    guestId: deps.guest.id,
    actor: actor(deps),
    request: kind === 'cancel' ? { kind: 'cancellation' } : { kind: 'delivery_confirmation' },
    now: deps.now,
  });
  say(deps, (t) => t.outcome(outcomeOf(kind, result), order.number));
  if (result.ok) notifySellersOfRequest(deps, result);
}

function reportProblem(effect: Effect<'reportProblem'>, deps: ConversationDeps): void {
  const order = orderByNumber(deps, effect.orderNumber);
  if (!order) return say(deps, (t) => t.orderNotYours());
  const result = createCustomerRequest(deps.tx, {
    orderId: order.id,
    guestId: deps.guest.id,
    actor: actor(deps),
    request: { kind: 'return', description: effect.text },
    now: deps.now,
  });
  say(deps, (t) => t.outcome(outcomeOf('return', result), order.number));
  if (!result.ok) return;
  notifySellersOfRequest(deps, result);
  for (const image of effect.images) {
    deps.messenger.toSellersContent((l) => ({ type: 'image', path: image.path, mimetype: image.mimetype, caption: sellerInboxTexts[l].problemPhotos(order.number, customerName(deps)) }));
  }
}

function submitFeedback(effect: Effect<'submitFeedback'>, deps: ConversationDeps): void {
  const order = orderByNumber(deps, effect.orderNumber);
  if (!order) return say(deps, (t) => t.orderNotYours());
  const result = leaveFeedback(deps.tx, {
    orderId: order.id,
    guestId: deps.guest.id,
    actor: actor(deps),
    sellerRating: effect.sellerRating,
    orderRating: effect.orderRating ?? effect.sellerRating,
    comment: effect.comment,
    now: deps.now,
  });
  const outcome: OrderActionOutcome = result.ok ? 'feedback_saved' : result.reason === 'already_rated' ? 'feedback_already' : 'feedback_not_delivered';
  say(deps, (t) => t.outcome(outcome, order.number));
  if (result.ok) deps.messenger.toSellers((l) => requestTexts[l].sellerFeedback(result.order, result.feedback));
}

function startHandoff(deps: ConversationDeps): void {
  const { tx, guest, config, now } = deps;
  const conversations = createConversationsRepo(tx);
  const minutes = Math.round(config.ttl.handoff / 60_000);
  conversations.setHandoff(conversationKey(guest.id), new Date(now.getTime() + config.ttl.handoff), now);
  say(deps, (t) => t.handoffStarted(minutes));
  const latest = createOrdersRepo(tx).recentOfGuest(guest.id, 1)[0];
  deps.messenger.toSellers((l) => sellerInboxTexts[l].handoff(customerName(deps), guest.phoneE164, latest?.number ?? null, minutes));
}

function register(effect: Effect<'register'>, deps: ConversationDeps): void {
  const result = registerGuest(deps.tx, { guestId: deps.guest.id, name: effect.name, email: effect.email, now: deps.now });
  if (!result.ok) return say(deps, (t) => t.registerNoPhone());
  if (!result.created && deps.guest.customerId === result.customer.id) return say(deps, (t) => t.alreadyRegistered(result.customer.name));
  say(deps, (t) => t.registered(result.moved.orders));
}

/** Sellers hear of each new request that waits for them (with the command to answer), or of what the customer did alone. */
function notifySellersOfRequest(deps: ConversationDeps, result: Extract<CreateRequestResult, { ok: true }>): void {
  const { request, order } = result;
  if (result.outcome === 'cancelled') deps.messenger.toSellers((l) => requestTexts[l].sellerCustomerCancelled(order, null));
  else if (result.outcome === 'delivered') deps.messenger.toSellers((l) => requestTexts[l].sellerDeliveryConfirmed(order));
  else deps.messenger.toSellers((l) => requestTexts[l].sellerNewRequest(order, request, requestPayload(request)));
}

function answerCod(effect: Effect<'answerCod'>, deps: ConversationDeps): void {
  const { tx, guest, now } = deps;
  const result = answerCodConfirmation(tx, { orderNumber: effect.orderNumber, guestId: guest.id, confirm: effect.confirm, now });
  const texts = lifecycleTexts[languageOf(deps)];
  if (!result.ok) return reply(deps, texts.codNotAsked());
  if (effect.confirm) {
    reply(deps, texts.codConfirmed(effect.orderNumber));
  } else {
    cancelOrder(tx, {
      orderNumber: effect.orderNumber,
      reason: 'customer_request',
      note: 'declined cash on delivery',
      actor: actor(deps),
      now,
    });
    reply(deps, texts.codDeclined(effect.orderNumber));
  }
  deps.messenger.toSellers((l) => lifecycleTexts[l].sellerCodAnswer(effect.orderNumber, effect.confirm));
}

function productPhoto(effect: Effect<'productPhoto'>, deps: ConversationDeps): void {
  const product = createProductsRepo(deps.tx).byId(effect.productId);
  if (!product?.imagePath) return;
  const language = languageOf(deps);
  deps.messenger.send(deps.address, deps.guest.id, {
    type: 'image',
    path: product.imagePath,
    mimetype: imageMimetypeOf(product.imagePath),
    caption: language === 'ar' ? product.nameAr : product.nameEn,
  });
}
