// Helpers the command families share: the seller's texts, usage errors, the acting seller,
// stage deadlines, and telling the customer in their own language.
import { sellerTexts, type ArgProblem } from '../../../flows/seller-texts.js';
import type { StatusChange } from '../../../orders/change-status.js';
import type { StageDeadlines } from '../../../orders/fulfilment.js';
import type { Language } from '../../../orders/language.js';
import type { Actor } from '../../../orders/order-events.js';
import { readPolicy, ttlFor } from '../../../orders/policy.js';
import type { OrderStatus } from '../../../orders/status.js';
import { createGuestsRepo, type Guest } from '../../../store/guests.js';
import type { Order } from '../../../store/orders.js';
import { refuse, type CommandContext, type CommandOutcome, type CommandSpec } from './types.js';

export const textsFor = (ctx: Pick<CommandContext, 'language'>) => sellerTexts[ctx.language];

/** What was wrong, then the command's usage; a refusal (nothing is written). */
export function usageError(ctx: CommandContext, spec: Pick<CommandSpec, 'usage'>, problem: ArgProblem): CommandOutcome {
  const t = textsFor(ctx);
  return refuse(t.wrong(t.problem(problem), spec.usage));
}

export const sellerActor = (ctx: CommandContext): Actor => ({ type: 'seller', id: ctx.sellerPhone || null });

export const stageDeadlines = (ctx: CommandContext): StageDeadlines => ({ readyNotShippedMs: ttlFor(readPolicy(ctx.tx), ctx.config, 'readyNotShipped') });

/** The refusal for a status move that the table (or a faster seller) did not allow. */
export function statusRefusal(ctx: CommandContext, number: number, result: Extract<StatusChange, { ok: false }>, to: OrderStatus): CommandOutcome {
  const t = textsFor(ctx);
  if (result.reason === 'awaiting_cod') return refuse(t.awaitingCod(number, result.cod));
  return refuse(result.reason === 'not_found' ? t.notFound(number) : t.notAllowed(number, result.current, result.allowed, t.actions[to]));
}

/** The guest an order's messages go to: its own guest, else the guest with the order's phone. */
export function orderGuest(ctx: CommandContext, order: Order): Guest | undefined {
  const guests = createGuestsRepo(ctx.tx);
  return (order.guestId !== null ? guests.byId(order.guestId) : undefined) ?? (order.customerPhone ? guests.byPhone(order.customerPhone) : undefined);
}

/** Tells the order's customer, in the order's language; false when there is no one to write to. */
export function tellCustomer(ctx: CommandContext, order: Order, render: (language: Language) => string): boolean {
  const guest = orderGuest(ctx, order);
  if (!guest) return false;
  return ctx.messenger.toGuest(guest.id, render(order.language));
}
