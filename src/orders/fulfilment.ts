// Status moves a seller makes (confirm, ready, ship, deliver, failed delivery), each through the one
// transition table via changeOrderStatus, with the stage's deadline and timestamps (DESIGN.md section 3).
import type { DbOrTx } from '../store/db.js';
import type { NewOrder } from '../store/orders.js';
import { changeOrderStatus, type StatusChange } from './change-status.js';
import type { Actor } from './order-events.js';
import type { FailureReason } from './reasons.js';
import { ORDER_TRANSITIONS, type OrderStatus } from './status.js';

export interface StageDeadlines {
  /** How long a ready-for-shipping order may wait for shipping (ttlFor(policy, config, 'readyNotShipped')). */
  readyNotShippedMs: number;
}

/** The columns that change on entering a stage: its deadline (or none), its timestamp, a fresh reminder. */
export function stagePatch(to: OrderStatus, now: Date, deadlines: StageDeadlines): Partial<NewOrder> {
  const stamp = now.toISOString();
  const base: Partial<NewOrder> = { expiresAt: null, remindedAt: null };
  switch (to) {
    case 'confirmed':
      return { ...base, confirmedAt: stamp };
    case 'ready_for_shipping':
      return { ...base, expiresAt: new Date(now.getTime() + deadlines.readyNotShippedMs).toISOString() };
    case 'shipped':
      return { ...base, shippedAt: stamp };
    case 'delivered':
      return { ...base, deliveredAt: stamp };
    case 'cancelled':
      return { ...base, cancelledAt: stamp };
    case 'failed_delivery':
    case 'pending':
      return base;
  }
}

export interface MoveInput {
  orderNumber: number;
  to: OrderStatus;
  actor: Actor;
  now: Date;
  deadlines: StageDeadlines;
  patch?: Partial<NewOrder>;
  note?: string;
}

/**
 * changeOrderStatus with the stage patch. When another seller moved the order first (the
 * compare-and-set lost), the refusal names the status it now has and what may follow it.
 */
export function moveOrder(db: DbOrTx, input: MoveInput): StatusChange {
  const result = changeOrderStatus(db, {
    orderNumber: input.orderNumber,
    to: input.to,
    actor: input.actor,
    patch: { ...stagePatch(input.to, input.now, input.deadlines), ...input.patch },
    ...(input.note ? { note: input.note } : {}),
    now: input.now,
  });
  if (!result.ok && result.reason === 'not_allowed' && result.allowed.length === 0) {
    return { ...result, allowed: ORDER_TRANSITIONS[result.current] };
  }
  return result;
}

type Common = Omit<MoveInput, 'to' | 'patch' | 'note'>;

export const confirmOrder = (db: DbOrTx, input: Common) => moveOrder(db, { ...input, to: 'confirmed' });

export const markReady = (db: DbOrTx, input: Common) => moveOrder(db, { ...input, to: 'ready_for_shipping' });

/** Also a new attempt after a failed delivery. */
export const markShipped = (db: DbOrTx, input: Common & { courier: string; trackingNumber: string | null }) =>
  moveOrder(db, {
    ...input,
    to: 'shipped',
    patch: { courier: input.courier, trackingNumber: input.trackingNumber },
    note: [input.courier, input.trackingNumber].filter(Boolean).join(' '),
  });

export const markDelivered = (db: DbOrTx, input: Common) => moveOrder(db, { ...input, to: 'delivered' });

export const markFailedDelivery = (db: DbOrTx, input: Common & { reason: FailureReason; note: string | null }) =>
  moveOrder(db, {
    ...input,
    to: 'failed_delivery',
    patch: { failureReason: input.reason },
    note: input.note ? `${input.reason}: ${input.note}` : input.reason,
  });
