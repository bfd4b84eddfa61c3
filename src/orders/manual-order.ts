// An order a seller types in for a phone, WhatsApp, social or offline deal. The customer's number
// becomes a guest when new (unverified: someone else typed it). Prices come from today's catalog,
// stock is reserved, the number is allocated and the placement logged, all in the caller's transaction.
import type { DbOrTx } from '../store/db.js';
import { recordRisk } from './fraud.js';
import { createPendingOrder } from './new-order.js';
import { readPolicy } from './policy.js';
import { createCatalogAdminRepo } from '../store/catalog-admin.js';
import { createGuestAdminRepo } from '../store/guest-admin.js';
import type { Guest } from '../store/guests.js';
import { createOrdersRepo, type NewOrderItem, type Order, type OrderItem } from '../store/orders.js';
import { createProductsRepo, type Product } from '../store/products.js';
import type { Language } from './language.js';
import type { Actor } from './order-events.js';

export const MANUAL_CHANNELS = ['phone', 'offline', 'whatsapp', 'instagram', 'facebook'] as const satisfies readonly Order['channel'][];
export type ManualChannel = (typeof MANUAL_CHANNELS)[number];

export interface ManualOrderInput {
  phone: string; // E.164
  lines: readonly { sku: string; quantity: number }[];
  name: string | null;
  addressLine: string;
  area: string;
  /** null: the store's delivery fee for the area. */
  shippingMinor: number | null;
  deliveryFeeFor: (area: string) => number;
  channel: ManualChannel;
  currency: string;
  defaultLanguage: Language;
  publicId: string;
  pendingTtlMs: number;
  actor: Actor;
  now: Date;
}

export type ManualOrderResult =
  | { ok: true; order: Order; items: OrderItem[]; guest: Guest; newGuest: boolean }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'blocked'; phone: string }
  | { ok: false; reason: 'unknown_sku' | 'unavailable'; sku: string }
  | { ok: false; reason: 'out_of_stock'; sku: string; available: number; wanted: number };

export function createManualOrder(db: DbOrTx, input: ManualOrderInput): ManualOrderResult {
  if (input.lines.length === 0) return { ok: false, reason: 'empty' };
  const catalog = createCatalogAdminRepo(db);
  const products = createProductsRepo(db);

  // The same product twice is one line; every line is checked before any stock moves.
  const wanted = new Map<number, { product: Product; quantity: number }>();
  for (const line of input.lines) {
    const product = catalog.bySku(line.sku);
    if (!product) return { ok: false, reason: 'unknown_sku', sku: line.sku };
    if (product.hiddenAt !== null || product.currency !== input.currency) return { ok: false, reason: 'unavailable', sku: product.sku };
    const entry = wanted.get(product.id) ?? { product, quantity: 0 };
    entry.quantity += line.quantity;
    wanted.set(product.id, entry);
  }
  for (const { product, quantity } of wanted.values()) {
    if (product.stock < quantity) return { ok: false, reason: 'out_of_stock', sku: product.sku, available: product.stock, wanted: quantity };
  }

  const guests = createGuestAdminRepo(db);
  const existing = guests.byPhone(input.phone);
  if (existing?.blockedAt) return { ok: false, reason: 'blocked', phone: input.phone };
  const { guest, created } = guests.findOrCreateByPhone(input.phone, input.name, input.now);

  const items: NewOrderItem[] = [];
  for (const { product, quantity } of wanted.values()) {
    if (!products.reserve(product.id, quantity, input.now)) {
      // Checked above in this same transaction; refusing keeps the books straight regardless.
      return { ok: false, reason: 'out_of_stock', sku: product.sku, available: product.stock, wanted: quantity };
    }
    items.push({
      productId: product.id,
      sku: product.sku,
      nameAr: product.nameAr,
      nameEn: product.nameEn,
      unitPriceMinor: product.priceMinor,
      quantity,
      lineTotalMinor: product.priceMinor * quantity,
    });
  }
  const subtotal = items.reduce((sum, i) => sum + i.lineTotalMinor, 0);
  const shipping = input.shippingMinor ?? input.deliveryFeeFor(input.area || input.addressLine);
  const order = createPendingOrder(db, {
    order: {
      publicId: input.publicId,
      type: 'catalog',
      channel: input.channel,
      guestId: guest.id,
      customerId: guest.customerId,
      customerName: input.name ?? guest.displayName ?? input.phone,
      customerPhone: input.phone,
      addressLine: input.addressLine,
      area: input.area,
      currency: input.currency,
      subtotalMinor: subtotal,
      shippingMinor: shipping,
      language: guest.language ?? input.defaultLanguage,
    },
    items,
    actor: input.actor,
    details: { channel: input.channel },
    pendingTtlMs: input.pendingTtlMs,
    now: input.now,
  });
  // Scored like every new order; the COD question is for customers who ordered in chat (the seller spoke to this one).
  const risk = recordRisk(db, order, readPolicy(db), input.now);
  return { ok: true, order: { ...order, riskScore: risk.score, riskLevel: risk.level }, items: createOrdersRepo(db).items(order.id), guest, newGuest: created };
}
