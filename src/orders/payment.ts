// The payment axis (unpaid -> paid -> refunded), separate from the order status, through the one
// table in status.ts and a compare-and-set, so a second seller marking the same order loses.
import type { DbOrTx } from '../store/db.js';
import { createOrderAdminRepo } from '../store/order-admin.js';
import { createOrdersRepo, type Order } from '../store/orders.js';
import { ORDER_EVENT, type Actor } from './order-events.js';
import { checkPaymentTransition, PAYMENT_TRANSITIONS, type OrderStatus, type PaymentStatus } from './status.js';

export type PaymentChange =
  | { ok: true; order: Order; before: Order }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_allowed'; current: PaymentStatus; allowed: readonly PaymentStatus[] }
  | { ok: false; reason: 'order_cancelled'; status: OrderStatus }
  | { ok: false; reason: 'amount_too_large'; maxMinor: number };

interface PaymentInput {
  orderNumber: number;
  actor: Actor;
  now: Date;
}

function move(db: DbOrTx, input: PaymentInput, to: PaymentStatus, extra: (before: Order) => PaymentChange | { patch: Partial<Order>; note: string | null }): PaymentChange {
  const orders = createOrdersRepo(db);
  const admin = createOrderAdminRepo(db);
  const before = orders.byNumber(input.orderNumber);
  if (!before) return { ok: false, reason: 'not_found' };
  const check = checkPaymentTransition(before.paymentStatus, to);
  if (!check.ok) return { ok: false, reason: 'not_allowed', current: check.current, allowed: check.allowed };
  const more = extra(before);
  if ('ok' in more) return more;
  const stamp = input.now.toISOString();
  const order = admin.updateIfPayment(before.id, before.paymentStatus, { ...more.patch, paymentStatus: to, updatedAt: stamp });
  if (!order) {
    const current = orders.byId(before.id)!.paymentStatus;
    return { ok: false, reason: 'not_allowed', current, allowed: PAYMENT_TRANSITIONS[current] };
  }
  orders.addEvent(order.id, {
    actorType: input.actor.type,
    actorId: input.actor.id,
    type: to === 'paid' ? ORDER_EVENT.paid : ORDER_EVENT.refunded,
    before: JSON.stringify({ paymentStatus: before.paymentStatus, refundedMinor: before.refundedMinor }),
    after: JSON.stringify({ paymentStatus: to, refundedMinor: order.refundedMinor }),
    note: more.note,
    at: stamp,
  });
  return { ok: true, order, before };
}

/** Cash collected (COD, or a payment taken offline). A cancelled order cannot be marked paid. */
export function markPaid(db: DbOrTx, input: PaymentInput): PaymentChange {
  return move(db, input, 'paid', (before) =>
    before.status === 'cancelled'
      ? { ok: false, reason: 'order_cancelled', status: before.status }
      : // The cash is in: the customer's cash-on-delivery yes is no longer needed.
        { patch: before.codConfirmation === 'asked' ? { codConfirmation: 'not_needed' } : {}, note: null },
  );
}

/** An offline refund of a paid order: the whole total, or a part of it. */
export function refundOrder(db: DbOrTx, input: PaymentInput & { amountMinor: number | null; note: string | null }): PaymentChange {
  return move(db, input, 'refunded', (before) => {
    const amount = input.amountMinor ?? before.totalMinor;
    if (amount > before.totalMinor) return { ok: false, reason: 'amount_too_large', maxMinor: before.totalMinor };
    return { patch: { refundedMinor: amount }, note: input.note };
  });
}
