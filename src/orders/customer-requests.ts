// What a customer may ask about an order (the plan's 3.3 and 5), as transport-agnostic rules: the
// order page and the WhatsApp chat both call these. Synchronous, inside the caller's transaction;
// expected refusals are results, never throws. Messages are the caller's business (src/flows/request-texts.ts).
import type { DbOrTx } from '../store/db.js';
import { cancelOrder } from './cancel-order.js';
import {
  createCustomerRequestsRepo,
  createFeedbackRepo,
  type CustomerRequest,
  type CustomerRequestKind,
  type Feedback,
} from '../store/customer-requests.js';
import { createOrdersRepo, type Order } from '../store/orders.js';
import { changeOrderStatus } from './change-status.js';
import { readPolicy, type StorePolicy } from './policy.js';
import type { OrderStatus } from './status.js';
import { formatCustomerRequestId, parseCustomerRequestId } from './request-ids.js';
import { cleanFreeText } from './text.js';

export type { CustomerRequest, CustomerRequestKind, Feedback };

const DAY_MS = 24 * 3_600_000;

/** Free-text bounds, in characters after cleaning. */
export const TEXT_LIMITS = {
  addressLine: { min: 5, max: 300 },
  area: { min: 2, max: 100 },
  message: { min: 1, max: 1000 },
  description: { min: 5, max: 1000 },
  reason: { min: 0, max: 300 },
  note: { min: 0, max: 500 },
  comment: { min: 0, max: 500 },
} as const;
export type TextField = keyof typeof TEXT_LIMITS;

/** How many requests of a kind one order may make in a day (a flood is refused, not stored). */
export const REQUEST_CAPS: Partial<Record<CustomerRequestKind, { kinds: readonly CustomerRequestKind[]; max: number }>> = {
  address_change: { kinds: ['address_change'], max: 3 },
  contact: { kinds: ['contact'], max: 10 },
  return: { kinds: ['return', 'refund'], max: 3 },
  refund: { kinds: ['return', 'refund'], max: 3 },
};

/** Statuses before the parcel leaves (or after a failed attempt, for a new one) where the address can still change. */
const ADDRESS_CHANGEABLE: readonly OrderStatus[] = ['pending', 'confirmed', 'ready_for_shipping', 'failed_delivery'];
const BEFORE_SHIPPING: readonly OrderStatus[] = ['pending', 'confirmed', 'ready_for_shipping'];

export { formatCustomerRequestId, parseCustomerRequestId };

// ---------------------------------------------------------------------------------------------
// What the policy allows

export type CancellationOption = 'self' | 'request' | 'none';

/**
 * `self`: the customer cancels at once (within the seller's `customerCancelUntil`); `request`: it
 * becomes a request the seller answers; `none`: not possible (shipped or later, or a confirmed
 * custom order the seller does not let go).
 */
export function cancellationOption(order: Pick<Order, 'status' | 'type'>, policy: StorePolicy): CancellationOption {
  if (!BEFORE_SHIPPING.includes(order.status)) return 'none';
  if (order.type === 'custom' && order.status !== 'pending') return policy.customOrdersCancelableAfterConfirm ? 'request' : 'none';
  const selfUntil: readonly OrderStatus[] = policy.customerCancelUntil === 'pending' ? ['pending'] : BEFORE_SHIPPING;
  return selfUntil.includes(order.status) ? 'self' : 'request';
}

export type ReturnRule = 'not_delivered' | 'returns_not_accepted' | 'custom_not_returnable' | 'return_window_passed';

/** Whether a return or refund may be asked now, and until when. */
export function returnOption(order: Pick<Order, 'status' | 'type' | 'deliveredAt' | 'updatedAt'>, policy: StorePolicy, now: Date): { ok: true; until: Date } | { ok: false; rule: ReturnRule } {
  if (order.status !== 'delivered') return { ok: false, rule: 'not_delivered' };
  if (!policy.returnsAccepted) return { ok: false, rule: 'returns_not_accepted' };
  if (order.type === 'custom' && !policy.customOrdersReturnable) return { ok: false, rule: 'custom_not_returnable' };
  const until = new Date(new Date(order.deliveredAt ?? order.updatedAt).getTime() + policy.returnWindowDays * DAY_MS);
  return until > now ? { ok: true, until } : { ok: false, rule: 'return_window_passed' };
}

export interface AvailableActions {
  cancel: CancellationOption;
  addressChange: boolean;
  contact: boolean;
  confirmDelivery: boolean;
  returnRequest: { ok: true; until: Date } | { ok: false; rule: ReturnRule };
  rate: boolean;
}

/** Everything a customer may do with this order now (the page shows exactly these). */
export function availableActions(
  db: DbOrTx,
  order: Order,
  now: Date,
  policy: StorePolicy = readPolicy(db),
  rated: boolean = createFeedbackRepo(db).forOrder(order.id) !== undefined,
): AvailableActions {
  return {
    cancel: cancellationOption(order, policy),
    addressChange: ADDRESS_CHANGEABLE.includes(order.status),
    contact: true,
    confirmDelivery: order.status === 'shipped',
    returnRequest: returnOption(order, policy, now),
    rate: order.status === 'delivered' && !rated,
  };
}

// ---------------------------------------------------------------------------------------------
// Payloads

export interface RequestPayload {
  addressLine?: string;
  area?: string;
  before?: { addressLine: string; area: string };
  reason?: string;
  message?: string;
  description?: string;
  /** The seller's words when answering (an answer to a message, or why a request was declined). */
  note?: string;
}

export function requestPayload(request: Pick<CustomerRequest, 'payload'>): RequestPayload {
  if (!request.payload) return {};
  try {
    const value: unknown = JSON.parse(request.payload);
    return typeof value === 'object' && value !== null ? (value as RequestPayload) : {};
  } catch {
    return {};
  }
}

type TextCheck = { ok: true; value: string } | { ok: false; field: TextField; min: number; max: number };

const invalid = (check: Extract<TextCheck, { ok: false }>) => ({ ok: false as const, reason: 'invalid' as const, field: check.field, min: check.min, max: check.max });

function checkText(field: TextField, raw: string | null | undefined): TextCheck {
  const value = cleanFreeText(raw ?? '');
  const { min, max } = TEXT_LIMITS[field];
  return [...value].length < min || [...value].length > max ? { ok: false, field, min, max } : { ok: true, value };
}

// ---------------------------------------------------------------------------------------------
// Creating a request

export type NewCustomerRequest =
  | { kind: 'address_change'; addressLine: string; area: string }
  | { kind: 'cancellation'; reason?: string | null }
  | { kind: 'contact'; message: string }
  | { kind: 'delivery_confirmation' }
  | { kind: 'return' | 'refund'; description: string };

export interface RequestActor {
  type: 'guest' | 'customer';
  id: string | null;
}

export interface CreateRequestInput {
  orderId: number;
  /** The guest acting: the order must be theirs (null skips the check, for callers that already did it another way). */
  guestId: number | null;
  actor: RequestActor;
  request: NewCustomerRequest;
  now: Date;
  policy?: StorePolicy;
}

export interface ReleasedStock {
  productId: number;
  quantity: number;
}

export type CreateRequestResult =
  /** Waiting for the seller (`superseded`: older open address changes this one replaced). */
  | { ok: true; outcome: 'opened'; request: CustomerRequest; order: Order; superseded: CustomerRequest[] }
  /** The policy let the customer cancel on their own: the order is cancelled and stock released. */
  | { ok: true; outcome: 'cancelled'; request: CustomerRequest; order: Order; released: ReleasedStock[] }
  /** The customer confirmed a shipped order arrived: it is delivered. */
  | { ok: true; outcome: 'delivered'; request: CustomerRequest; order: Order }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid'; field: TextField; min: number; max: number }
  | { ok: false; reason: 'not_allowed'; status: OrderStatus }
  | { ok: false; reason: 'policy'; rule: 'custom_not_cancelable' | Exclude<ReturnRule, 'not_delivered'> }
  | { ok: false; reason: 'already_open'; request: CustomerRequest }
  | { ok: false; reason: 'too_many'; max: number };

export type CreateRequestFailure = Extract<CreateRequestResult, { ok: false }>;

const actorOf = (actor: RequestActor) => ({ type: actor.type, id: actor.id });

export function createCustomerRequest(db: DbOrTx, input: CreateRequestInput): CreateRequestResult {
  const orders = createOrdersRepo(db);
  const requests = createCustomerRequestsRepo(db);
  const order = orders.byId(input.orderId);
  if (!order || (input.guestId !== null && order.guestId !== input.guestId)) return { ok: false, reason: 'not_found' };
  const { now, request: asked } = input;
  const stamp = now.toISOString();
  const policy = input.policy ?? readPolicy(db);

  const cap = REQUEST_CAPS[asked.kind];
  if (cap && requests.countSince(order.id, cap.kinds, new Date(now.getTime() - DAY_MS)) >= cap.max) return { ok: false, reason: 'too_many', max: cap.max };

  const open = (payload: RequestPayload, superseded: CustomerRequest[] = []): CreateRequestResult => {
    const request = requests.insert({
      orderId: order.id,
      guestId: order.guestId,
      kind: asked.kind,
      payload: JSON.stringify(payload),
      status: 'open',
      createdAt: stamp,
    });
    orders.addEvent(order.id, {
      actorType: input.actor.type,
      actorId: input.actor.id,
      type: `request:${asked.kind}`,
      after: JSON.stringify({ requestId: request.id, status: 'open' }),
      at: stamp,
    });
    return { ok: true, outcome: 'opened', request, order, superseded };
  };

  switch (asked.kind) {
    case 'address_change': {
      const line = checkText('addressLine', asked.addressLine);
      if (!line.ok) return invalid(line);
      const area = checkText('area', asked.area);
      if (!area.ok) return invalid(area);
      if (!ADDRESS_CHANGEABLE.includes(order.status)) return { ok: false, reason: 'not_allowed', status: order.status };
      // A newer address replaces one still waiting: the seller answers only the latest.
      const superseded: CustomerRequest[] = [];
      for (const older of requests.openOfKind(order.id, ['address_change'])) {
        const closed = requests.resolveIfOpen(older.id, 'declined', 'superseded', older.payload, now);
        if (closed) superseded.push(closed);
      }
      return open({ addressLine: line.value, area: area.value, before: { addressLine: order.addressLine, area: order.area } }, superseded);
    }

    case 'cancellation': {
      const reason = checkText('reason', asked.reason);
      if (!reason.ok) return invalid(reason);
      const option = cancellationOption(order, policy);
      if (option === 'none') {
        return BEFORE_SHIPPING.includes(order.status) ? { ok: false, reason: 'policy', rule: 'custom_not_cancelable' } : { ok: false, reason: 'not_allowed', status: order.status };
      }
      const already = requests.openOfKind(order.id, ['cancellation'])[0];
      if (already) return { ok: false, reason: 'already_open', request: already };
      const payload: RequestPayload = reason.value ? { reason: reason.value } : {};
      if (option === 'request') return open(payload);
      const cancelled = cancelOrderForCustomer(db, order, { type: input.actor.type, id: input.actor.id }, reason.value || null, now);
      if (!cancelled.ok) return { ok: false, reason: 'not_allowed', status: cancelled.status };
      const request = requests.insert({
        orderId: order.id,
        guestId: order.guestId,
        kind: 'cancellation',
        payload: JSON.stringify(payload),
        status: 'approved',
        resolvedBy: 'customer',
        resolvedAt: stamp,
        createdAt: stamp,
      });
      return { ok: true, outcome: 'cancelled', request, order: cancelled.order, released: cancelled.released };
    }

    case 'contact': {
      const message = checkText('message', asked.message);
      if (!message.ok) return invalid(message);
      return open({ message: message.value });
    }

    case 'delivery_confirmation': {
      if (order.status !== 'shipped') return { ok: false, reason: 'not_allowed', status: order.status };
      const change = changeOrderStatus(db, {
        orderNumber: order.number,
        to: 'delivered',
        actor: actorOf(input.actor),
        patch: { deliveredAt: stamp, expiresAt: null, remindedAt: null },
        note: 'confirmed by the customer',
        now,
      });
      if (!change.ok) return { ok: false, reason: 'not_allowed', status: change.reason === 'not_found' ? order.status : change.current };
      const request = requests.insert({
        orderId: order.id,
        guestId: order.guestId,
        kind: 'delivery_confirmation',
        payload: null,
        status: 'approved',
        resolvedBy: 'customer',
        resolvedAt: stamp,
        createdAt: stamp,
      });
      return { ok: true, outcome: 'delivered', request, order: change.order };
    }

    case 'return':
    case 'refund': {
      const description = checkText('description', asked.description);
      if (!description.ok) return invalid(description);
      const allowed = returnOption(order, policy, now);
      if (!allowed.ok) return allowed.rule === 'not_delivered' ? { ok: false, reason: 'not_allowed', status: order.status } : { ok: false, reason: 'policy', rule: allowed.rule };
      const already = requests.openOfKind(order.id, ['return', 'refund'])[0];
      if (already) return { ok: false, reason: 'already_open', request: already };
      return open({ description: description.value });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Cancelling (shared by a customer's own cancellation and a seller's approval)

type CancelResult = { ok: true; order: Order; released: ReleasedStock[] } | { ok: false; status: OrderStatus };

function cancelOrderForCustomer(db: DbOrTx, order: Order, actor: { type: 'guest' | 'customer' | 'seller'; id: string | null }, note: string | null, now: Date): CancelResult {
  const change = cancelOrder(db, { orderNumber: order.number, reason: 'customer_request', note, actor, now });
  if (!change.ok) return { ok: false, status: change.reason === 'not_found' ? order.status : change.current };
  const released: ReleasedStock[] = change.released ?? [];
  // Whatever else was waiting on this order has nothing left to act on.
  const requests = createCustomerRequestsRepo(db);
  for (const open of requests.openOfKind(order.id, ['address_change', 'cancellation', 'delivery_confirmation'])) {
    requests.resolveIfOpen(open.id, 'declined', 'system', open.payload, now);
  }
  return { ok: true, order: change.order, released };
}

// ---------------------------------------------------------------------------------------------
// The seller's answer

export interface ResolveRequestInput {
  requestId: number;
  decision: 'approve' | 'decline';
  /** Shown to the customer: an answer to a message, or why the request was declined. */
  note?: string | null;
  /** The seller's number. */
  by: string;
  now: Date;
}

export type ResolveRequestResult =
  | { ok: true; request: CustomerRequest; order: Order; effect: 'cancelled' | 'address_changed' | 'none'; released: ReleasedStock[] }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'already_resolved'; request: CustomerRequest }
  | { ok: false; reason: 'not_allowed'; request: CustomerRequest; order: Order; status: OrderStatus }
  | { ok: false; reason: 'invalid'; field: 'note'; max: number };

export function resolveCustomerRequest(db: DbOrTx, input: ResolveRequestInput): ResolveRequestResult {
  const requests = createCustomerRequestsRepo(db);
  const orders = createOrdersRepo(db);
  const request = requests.byId(input.requestId);
  if (!request) return { ok: false, reason: 'not_found' };
  if (request.status !== 'open') return { ok: false, reason: 'already_resolved', request };
  const order = orders.byId(request.orderId);
  if (!order) return { ok: false, reason: 'not_found' };
  const note = checkText('note', input.note);
  if (!note.ok) return { ok: false, reason: 'invalid', field: 'note', max: note.max };
  const { now } = input;
  const stamp = now.toISOString();
  const payload = requestPayload(request);
  const nextPayload = JSON.stringify(note.value ? { ...payload, note: note.value } : payload);
  const seller = { type: 'seller' as const, id: input.by };

  // Check before writing anything: a refusal leaves the request open and the order as it was.
  if (input.decision === 'approve') {
    if (request.kind === 'cancellation' && !BEFORE_SHIPPING.includes(order.status)) return { ok: false, reason: 'not_allowed', request, order, status: order.status };
    if (request.kind === 'address_change' && !ADDRESS_CHANGEABLE.includes(order.status)) return { ok: false, reason: 'not_allowed', request, order, status: order.status };
  }

  const resolved = requests.resolveIfOpen(request.id, input.decision === 'approve' ? 'approved' : 'declined', input.by, nextPayload, now);
  if (!resolved) return { ok: false, reason: 'already_resolved', request: requests.byId(request.id) ?? request };
  orders.addEvent(order.id, {
    actorType: 'seller',
    actorId: input.by,
    type: `request:${request.kind}:${resolved.status}`,
    before: JSON.stringify({ requestId: request.id, status: 'open' }),
    after: JSON.stringify({ requestId: request.id, status: resolved.status }),
    note: note.value || null,
    at: stamp,
  });

  if (input.decision === 'decline') return { ok: true, request: resolved, order, effect: 'none', released: [] };

  if (request.kind === 'cancellation') {
    const cancelled = cancelOrderForCustomer(db, order, seller, payload.reason ?? null, now);
    // Checked above inside this same transaction, so this cannot be refused now.
    if (!cancelled.ok) throw new Error(`order ${order.number} could not be cancelled after the check`);
    return { ok: true, request: resolved, order: cancelled.order, effect: 'cancelled', released: cancelled.released };
  }

  if (request.kind === 'address_change' && payload.addressLine && payload.area) {
    const updated = orders.updateIfStatus(order.id, order.status, { addressLine: payload.addressLine, area: payload.area, updatedAt: stamp });
    if (!updated) throw new Error(`order ${order.number} changed during the address update`);
    orders.addEvent(order.id, {
      actorType: 'seller',
      actorId: input.by,
      type: 'edit:address',
      before: JSON.stringify({ addressLine: order.addressLine, area: order.area }),
      after: JSON.stringify({ addressLine: payload.addressLine, area: payload.area }),
      note: `customer request ${formatCustomerRequestId(request.id)}`,
      at: stamp,
    });
    return { ok: true, request: resolved, order: updated, effect: 'address_changed', released: [] };
  }

  return { ok: true, request: resolved, order, effect: 'none', released: [] };
}

// ---------------------------------------------------------------------------------------------
// Feedback: once per order, after delivery

export interface FeedbackInput {
  orderId: number;
  /** The guest rating: the order must be theirs (null skips the check). */
  guestId: number | null;
  actor: RequestActor;
  sellerRating: number;
  orderRating: number;
  comment?: string | null;
  now: Date;
}

export type FeedbackResult =
  | { ok: true; feedback: Feedback; order: Order }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_delivered'; status: OrderStatus }
  | { ok: false; reason: 'already_rated'; feedback: Feedback }
  | { ok: false; reason: 'invalid'; field: 'sellerRating' | 'orderRating' | 'comment' };

const isRating = (n: number) => Number.isInteger(n) && n >= 1 && n <= 5;

export function leaveFeedback(db: DbOrTx, input: FeedbackInput): FeedbackResult {
  const orders = createOrdersRepo(db);
  const order = orders.byId(input.orderId);
  if (!order || (input.guestId !== null && order.guestId !== input.guestId)) return { ok: false, reason: 'not_found' };
  if (!isRating(input.sellerRating)) return { ok: false, reason: 'invalid', field: 'sellerRating' };
  if (!isRating(input.orderRating)) return { ok: false, reason: 'invalid', field: 'orderRating' };
  const comment = checkText('comment', input.comment);
  if (!comment.ok) return { ok: false, reason: 'invalid', field: 'comment' };
  if (order.status !== 'delivered') return { ok: false, reason: 'not_delivered', status: order.status };
  const repo = createFeedbackRepo(db);
  const existing = repo.forOrder(order.id);
  if (existing) return { ok: false, reason: 'already_rated', feedback: existing };
  const stamp = input.now.toISOString();
  const feedback = repo.insert({
    orderId: order.id,
    guestId: order.guestId,
    sellerRating: input.sellerRating,
    orderRating: input.orderRating,
    comment: comment.value || null,
    createdAt: stamp,
  });
  orders.addEvent(order.id, {
    actorType: input.actor.type,
    actorId: input.actor.id,
    type: 'feedback',
    after: JSON.stringify({ sellerRating: input.sellerRating, orderRating: input.orderRating }),
    at: stamp,
  });
  return { ok: true, feedback, order };
}
