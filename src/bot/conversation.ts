// Steps a customer's conversation with one event, inside the caller's transaction: load the fresh
// data the flow needs, run the pure transition, carry out its effects, save the snapshot.
// Used for the customer's own messages and for system events (a quote arrived, a rating is due).
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { IdGenerator } from '../ids.js';
import type { CatalogItem } from '../flows/catalog.js';
import { stepCustomerFlow } from '../flows/customer-flow.js';
import { CUSTOMER_MACHINE_ID, CUSTOMER_MACHINE_VERSION, type CustomerEvent, type FlowEnv } from '../flows/customer.machine.js';
import type { CodQuestion, OrderView, QuoteView } from '../flows/customer/types.js';
import { readPolicy } from '../orders/policy.js';
import type { Db, Tx } from '../store/db.js';
import { literalLimit, prepared } from '../store/prepared.js';
import { versionedCache } from '../store/table-versions.js';
import { createConversationsRepo, type ConversationRow } from '../store/conversations.js';
import type { Guest } from '../store/guests.js';
import { createProductsRepo } from '../store/products.js';
import { customers, customRequests, orderItems, orders, quotes } from '../store/schema.js';
import { runCustomerEffect } from './customer-effects.js';
import type { Messenger } from './messenger.js';
import type { BotConfig } from './pipeline.js';
import type { Order } from '../store/orders.js';

export const conversationKey = (guestId: number) => `guest:${guestId}`;

/** An event without its env: the edge attaches the fresh data. */
export type ConversationInput =
  | { type: 'TEXT'; text: string }
  | { type: 'MEDIA'; caption: string | null; media: Extract<CustomerEvent, { type: 'MEDIA' }>['media'] }
  | { type: 'QUOTE_OFFERED'; quote: QuoteView }
  | { type: 'FEEDBACK_DUE'; orderNumber: number }
  | { type: 'COD_CONFIRM'; cod: CodQuestion };

export interface ConversationDeps {
  tx: Tx;
  guest: Guest;
  /** Where replies go: the chat the customer wrote from (or their last known chat). */
  address: string;
  pushName: string | null;
  messenger: Messenger;
  config: BotConfig;
  ids: IdGenerator;
  now: Date;
  issueLink(order: Order, scope: 'view' | 'update'): string;
}

const RECENT_ORDERS = 20;

/** The visible catalog, read again only after a product changed; frozen, since every message shares it. */
const loadCatalog = versionedCache('products', (db): readonly CatalogItem[] =>
  Object.freeze(
    createProductsRepo(db)
      .listVisible()
      .map((p) =>
        Object.freeze({
          id: p.id,
          sku: p.sku,
          nameAr: p.nameAr,
          nameEn: p.nameEn,
          descriptionAr: p.descriptionAr,
          descriptionEn: p.descriptionEn,
          priceMinor: p.priceMinor,
          stock: p.stock,
          hasImage: p.imagePath !== null,
        }),
      ),
  ),
);

/** Only the columns the flow reads: mapping whole order rows cost more than the query. */
const orderColumns = {
  id: orders.id,
  number: orders.number,
  type: orders.type,
  status: orders.status,
  totalMinor: orders.totalMinor,
  currency: orders.currency,
  description: orders.description,
  customRequestId: orders.customRequestId,
};

function loadOrders(tx: Tx, guestId: number): OrderView[] {
  const rows = prepared(tx, 'conversation.orders', (r) =>
    r.select(orderColumns).from(orders).where(eq(orders.guestId, sql.placeholder('guestId'))).orderBy(desc(orders.id)).limit(literalLimit(RECENT_ORDERS)).prepare(),
  ).all({ guestId });
  if (rows.length === 0) return [];
  const recent = (r: Db) =>
    r.select({ id: orders.id }).from(orders).where(eq(orders.guestId, sql.placeholder('guestId'))).orderBy(desc(orders.id)).limit(literalLimit(RECENT_ORDERS));
  const items = prepared(tx, 'conversation.orderItems', (r) =>
    r
      .select({ orderId: orderItems.orderId, productId: orderItems.productId, quantity: orderItems.quantity })
      .from(orderItems)
      .where(inArray(orderItems.orderId, recent(r)))
      .prepare(),
  ).all({ guestId });
  const requestIds = rows.flatMap((o) => (o.customRequestId === null ? [] : [o.customRequestId]));
  const requests = requestIds.length ? tx.select().from(customRequests).where(inArray(customRequests.id, requestIds)).all() : [];
  return rows.map((o) => ({
    number: o.number,
    type: o.type,
    status: o.status,
    totalMinor: o.totalMinor,
    currency: o.currency,
    lines: items.filter((i) => i.orderId === o.id).map((i) => ({ productId: i.productId, quantity: i.quantity })),
    description: o.description,
    requestQuantity: requests.find((r) => r.id === o.customRequestId)?.quantity ?? null,
  }));
}

function loadLastDelivery(tx: Tx, guestId: number): FlowEnv['lastDelivery'] {
  const latest = prepared(tx, 'conversation.lastDelivery', (r) =>
    r
      .select({ name: orders.customerName, address: orders.addressLine, area: orders.area })
      .from(orders)
      .where(eq(orders.guestId, sql.placeholder('guestId')))
      .orderBy(desc(orders.id))
      .limit(literalLimit(1))
      .prepare(),
  ).get({ guestId });
  return latest ?? null;
}

export function loadOpenQuotes(tx: Tx, guestId: number, now: Date): QuoteView[] {
  return prepared(tx, 'conversation.openQuotes', (r) =>
    r
      .select({ quote: quotes, request: customRequests })
      .from(quotes)
      .innerJoin(customRequests, eq(customRequests.id, quotes.requestId))
      .where(and(eq(quotes.guestId, sql.placeholder('guestId')), eq(quotes.status, 'open'), gt(quotes.expiresAt, sql.placeholder('now'))))
      .orderBy(desc(quotes.id))
      .prepare(),
  )
    .all({ guestId, now: now.toISOString() })
    .map(({ quote, request }) => quoteView(quote, request));
}

export function quoteView(quote: typeof quotes.$inferSelect, request: typeof customRequests.$inferSelect): QuoteView {
  return {
    quoteId: quote.id,
    requestNumber: request.number,
    description: request.description,
    priceMinor: quote.priceMinor,
    currency: quote.currency,
    deliveryDays: quote.deliveryDays,
    notes: quote.notes,
    expiresAt: quote.expiresAt,
  };
}

/** Computes `load` on the first call only. */
function once<T>(load: () => T): () => T {
  let loaded: { value: T } | null = null;
  return () => (loaded ??= { value: load() }).value;
}

/**
 * The fresh data the flow may read. The catalog, the orders, the quotes and the account are read on first use:
 * most steps need none of them, and reading them all cost more than the rest of the step. The flow reads them
 * during its transition, inside this transaction and before any effect writes, so they are exactly what an
 * up-front read would give. Effects get only `shop` (see advanceConversation).
 */
function loadEnv(deps: ConversationDeps): FlowEnv {
  const { tx, guest, config, now } = deps;
  const policy = readPolicy(tx);
  const catalog = once(() => loadCatalog(tx));
  const orderViews = once(() => loadOrders(tx, guest.id));
  const lastDelivery = once(() => loadLastDelivery(tx, guest.id));
  const registeredName = once(() =>
    guest.customerId === null ? null : (tx.select({ name: customers.name }).from(customers).where(eq(customers.id, guest.customerId)).get()?.name ?? null),
  );
  const openQuotes = once(() => loadOpenQuotes(tx, guest.id, now));
  return {
    get catalog() {
      return catalog();
    },
    shop: {
      storeName: config.storeName,
      currency: config.currency,
      deliveryFeeMinor: policy.deliveryFeeMinor,
      deliveryZones: policy.deliveryZones,
      maxPerLine: policy.maxQuantityPerProduct,
    },
    pushName: deps.pushName ?? guest.displayName,
    defaultLanguage: config.defaultLanguage,
    get orders() {
      return orderViews();
    },
    get lastDelivery() {
      return lastDelivery();
    },
    get registeredName() {
      return registeredName();
    },
    now: now.toISOString(),
    get openQuotes() {
      return openQuotes();
    },
  };
}

/**
 * Feeds one event to the guest's conversation and carries out what it asks for. `loaded` carries the conversation
 * row when the caller has just read it in this transaction (`row` undefined: none yet).
 */
export function advanceConversation(deps: ConversationDeps, input: ConversationInput, loaded?: { row: ConversationRow | undefined }): void {
  const conversations = createConversationsRepo(deps.tx);
  const key = conversationKey(deps.guest.id);
  const row = loaded ? loaded.row : conversations.load(key);
  const event = { ...input, env: loadEnv(deps) } as CustomerEvent;
  const stored = row ? { version: row.machineVersion, snapshot: JSON.parse(row.snapshot) as unknown } : null;
  const step = stepCustomerFlow(stored, event, deps.guest.language);
  // Saved first so effects that touch the conversation row (a hand-over) find it; all in one transaction.
  conversations.save(
    { chatKey: key, guestId: deps.guest.id, machineId: CUSTOMER_MACHINE_ID, machineVersion: CUSTOMER_MACHINE_VERSION, snapshot: step.snapshot },
    row ? row.revision : null,
    deps.now,
  );
  for (const effect of step.effects) runCustomerEffect(effect, deps, event.env.shop);
}
