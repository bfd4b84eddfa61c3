// Every way an order comes to be (chat checkout, accepted quote, seller's manual order) ends here:
// a number, `pending` and unpaid, the deadline of its first stage, and the `placed` event.
import type { DbOrTx } from '../store/db.js';
import { createOrdersRepo, type NewOrder, type NewOrderItem, type Order } from '../store/orders.js';
import { ORDER_EVENT, type Actor } from './order-events.js';
import { nextOrderNumber } from './numbers.js';

export type PendingOrderFields = Omit<
  NewOrder,
  'number' | 'status' | 'paymentStatus' | 'totalMinor' | 'expiresAt' | 'createdAt' | 'updatedAt'
>;

export interface PendingOrderInput {
  order: PendingOrderFields;
  items: readonly NewOrderItem[];
  actor: Actor;
  /** Extra facts for the `placed` event (channel, the quote it came from...). */
  details?: Record<string, string | number>;
  /** How long the order may wait for the seller's confirmation. */
  pendingTtlMs: number;
  now: Date;
}

export function createPendingOrder(db: DbOrTx, input: PendingOrderInput): Order {
  const orders = createOrdersRepo(db);
  const stamp = input.now.toISOString();
  const order = orders.insert(
    {
      ...input.order,
      number: nextOrderNumber(db),
      status: 'pending',
      paymentStatus: 'unpaid',
      totalMinor: input.order.subtotalMinor + input.order.shippingMinor,
      expiresAt: new Date(input.now.getTime() + input.pendingTtlMs).toISOString(),
      createdAt: stamp,
      updatedAt: stamp,
    },
    [...input.items],
  );
  orders.addEvent(order.id, {
    actorType: input.actor.type,
    actorId: input.actor.id,
    type: ORDER_EVENT.placed,
    after: JSON.stringify({ status: 'pending', totalMinor: order.totalMinor, ...input.details }),
    at: stamp,
  });
  return order;
}
