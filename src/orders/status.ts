// The one table of allowed order transitions (DESIGN.md section 3). Every caller goes through it.
import { ORDER_STATUSES, PAYMENT_STATUSES } from '../store/schema.js';

export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['ready_for_shipping', 'shipped', 'cancelled'],
  ready_for_shipping: ['shipped', 'cancelled'],
  shipped: ['delivered', 'failed_delivery'],
  failed_delivery: ['shipped', 'cancelled'],
  delivered: [],
  cancelled: [],
};

export const PAYMENT_TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  unpaid: ['paid'],
  paid: ['refunded'],
  refunded: [],
};

export type TransitionCheck<S> = { ok: true } | { ok: false; current: S; allowed: readonly S[] };

export function checkOrderTransition(from: OrderStatus, to: OrderStatus): TransitionCheck<OrderStatus> {
  const allowed = ORDER_TRANSITIONS[from];
  return allowed.includes(to) ? { ok: true } : { ok: false, current: from, allowed };
}

export function checkPaymentTransition(from: PaymentStatus, to: PaymentStatus): TransitionCheck<PaymentStatus> {
  const allowed = PAYMENT_TRANSITIONS[from];
  return allowed.includes(to) ? { ok: true } : { ok: false, current: from, allowed };
}
