// Cancelling an order with a reason: through the one transition table, and a catalog order's
// reserved stock goes back on the shelf in the same transaction.
import type { DbOrTx } from '../store/db.js';
import { createOrdersRepo } from '../store/orders.js';
import { createProductsRepo } from '../store/products.js';
import type { StatusChange } from './change-status.js';
import { moveOrder, type StageDeadlines } from './fulfilment.js';
import type { Actor } from './order-events.js';
import type { CancelReason } from './reasons.js';

export interface CancelInput {
  orderNumber: number;
  reason: CancelReason;
  note: string | null;
  actor: Actor;
  now: Date;
}

/** Entering `cancelled` starts no deadline; stagePatch only needs lengths for stages that do. */
const NO_DEADLINES: StageDeadlines = { readyNotShippedMs: 0 };

export type CancelResult = StatusChange & { released?: { productId: number; quantity: number }[] };

export function cancelOrder(db: DbOrTx, input: CancelInput): CancelResult {
  const result = moveOrder(db, {
    orderNumber: input.orderNumber,
    to: 'cancelled',
    actor: input.actor,
    now: input.now,
    deadlines: NO_DEADLINES,
    patch: { cancelReason: input.reason },
    note: input.note ? `${input.reason}: ${input.note}` : input.reason,
  });
  if (!result.ok || result.order.type !== 'catalog') return result;
  const products = createProductsRepo(db);
  const released: { productId: number; quantity: number }[] = [];
  for (const item of createOrdersRepo(db).items(result.order.id)) {
    if (item.productId === null || item.quantity <= 0) continue;
    products.release(item.productId, item.quantity, input.now);
    released.push({ productId: item.productId, quantity: item.quantity });
  }
  return { ...result, released };
}
