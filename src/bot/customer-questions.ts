// Questions the shop puts to a customer outside their own messages (the cash-on-delivery yes, the rating after
// delivery): the customer's conversation moves to the question, so their next reply answers it.
import { and, eq, isNull } from 'drizzle-orm';
import { createGuestsRepo } from '../store/guests.js';
import type { Order } from '../store/orders.js';
import { orders } from '../store/schema.js';
import { advanceConversation, type ConversationInput } from './conversation.js';
import type { SystemContext } from './pipeline.js';

/** Feeds an event to a customer's conversation; false when there is nobody to reach (no chat, or blocked). */
export function stepCustomer(ctx: SystemContext, guestId: number | null, input: ConversationInput): boolean {
  if (guestId === null) return false;
  const guest = createGuestsRepo(ctx.tx).byId(guestId);
  const address = guest ? ctx.messenger.addressOfGuest(guest.id) : null;
  if (!guest || !address || guest.blockedAt !== null) return false;
  advanceConversation({ ...ctx, guest, address, pushName: null }, input);
  return true;
}

/**
 * Asks for the cash-on-delivery yes of an order the seller confirmed, once (compare-and-set on `cod_asked_at`,
 * which also starts the time the customer has to answer). False when it had been asked already.
 */
export function askCodConfirmation(ctx: SystemContext, order: Pick<Order, 'id' | 'number' | 'guestId' | 'totalMinor' | 'currency'>): boolean {
  const marked = ctx.tx.update(orders).set({ codAskedAt: ctx.now.toISOString() }).where(and(eq(orders.id, order.id), isNull(orders.codAskedAt))).run().changes === 1;
  if (marked) stepCustomer(ctx, order.guestId, { type: 'COD_CONFIRM', cod: { orderNumber: order.number, totalMinor: order.totalMinor, currency: order.currency } });
  return marked;
}
