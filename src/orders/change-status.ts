// Moves an order along the one transition table, logging the event. Expected refusals are results.
import type { DbOrTx } from '../store/db.js';
import { createOrdersRepo, type NewOrder, type Order } from '../store/orders.js';
import { checkOrderTransition, type OrderStatus } from './status.js';
import { codNoLongerNeeded } from './cod.js';
import { readPolicy } from './policy.js';

export type StatusChange =
  | { ok: true; order: Order; before: Order }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_allowed'; current: OrderStatus; allowed: readonly OrderStatus[] }
  /** A first-time or risky order waits for the customer's cash-on-delivery yes (or they said no). */
  | { ok: false; reason: 'awaiting_cod'; current: OrderStatus; cod: 'asked' | 'declined' };

const SHIPPING_STAGES: readonly OrderStatus[] = ['ready_for_shipping', 'shipped'];

export interface ChangeStatusInput {
  orderNumber: number;
  to: OrderStatus;
  actor: { type: 'customer' | 'guest' | 'seller' | 'system'; id: string | null };
  patch?: Partial<NewOrder>;
  note?: string;
  now: Date;
}

export function changeOrderStatus(db: DbOrTx, input: ChangeStatusInput): StatusChange {
  const orders = createOrdersRepo(db);
  const before = orders.byNumber(input.orderNumber);
  if (!before) return { ok: false, reason: 'not_found' };
  const check = checkOrderTransition(before.status, input.to);
  if (!check.ok) return { ok: false, reason: 'not_allowed', current: check.current, allowed: check.allowed };
  // The order was paid, or the shop stopped asking, since the question was planned: it no longer holds the order.
  const waived = codNoLongerNeeded(before, readPolicy(db));
  const cod = waived ? 'not_needed' : before.codConfirmation;
  if (SHIPPING_STAGES.includes(input.to) && (cod === 'asked' || cod === 'declined')) {
    return { ok: false, reason: 'awaiting_cod', current: before.status, cod };
  }
  const stamp = input.now.toISOString();
  const order = orders.updateIfStatus(before.id, before.status, { ...input.patch, ...(waived ? { codConfirmation: cod } : {}), status: input.to, updatedAt: stamp });
  if (!order) return { ok: false, reason: 'not_allowed', current: orders.byId(before.id)!.status, allowed: [] };
  orders.addEvent(order.id, {
    actorType: input.actor.type,
    actorId: input.actor.id,
    type: `status:${input.to}`,
    before: JSON.stringify({ status: before.status }),
    after: JSON.stringify({ status: input.to }),
    note: input.note ?? null,
    at: stamp,
  });
  return { ok: true, order, before };
}
