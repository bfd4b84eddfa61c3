// Placing a catalog order: prices from today's catalog, stock reserved, number allocated,
// event logged, deadline set. Runs inside the caller's synchronous transaction.
import type { DbOrTx } from '../store/db.js';
import type { Order } from '../store/orders.js';
import { createProductsRepo } from '../store/products.js';
import type { Language } from './language.js';
import { createPendingOrder } from './new-order.js';

export interface PlaceCatalogOrderInput {
  guestId: number;
  customerPhone: string | null;
  lines: readonly { productId: number; quantity: number }[];
  name: string;
  addressLine: string;
  area: string;
  currency: string;
  shippingMinor: number;
  language: Language;
  channel: Order['channel'];
  publicId: string;
  pendingTtlMs: number;
  now: Date;
}

export class OrderRejected extends Error {
  override name = 'OrderRejected';
  constructor(
    readonly reason: 'empty' | 'unavailable' | 'out_of_stock',
    readonly productId?: number,
  ) {
    super(`order rejected: ${reason}${productId === undefined ? '' : ` (product ${productId})`}`);
  }
}

/** Throws OrderRejected (rolling the caller's transaction back) when a line cannot be served. */
export function placeCatalogOrder(db: DbOrTx, input: PlaceCatalogOrderInput): Order {
  if (input.lines.length === 0) throw new OrderRejected('empty');
  const products = createProductsRepo(db);
  const items = input.lines.map((line) => {
    const product = products.byId(line.productId);
    if (!product || product.hiddenAt !== null || product.currency !== input.currency) throw new OrderRejected('unavailable', line.productId);
    if (line.quantity < 1 || !products.reserve(product.id, line.quantity, input.now)) throw new OrderRejected('out_of_stock', line.productId);
    return {
      productId: product.id,
      sku: product.sku,
      nameAr: product.nameAr,
      nameEn: product.nameEn,
      unitPriceMinor: product.priceMinor,
      quantity: line.quantity,
      lineTotalMinor: product.priceMinor * line.quantity,
    };
  });
  const subtotal = items.reduce((sum, item) => sum + item.lineTotalMinor, 0);
  return createPendingOrder(db, {
    order: {
      publicId: input.publicId,
      type: 'catalog',
      channel: input.channel,
      guestId: input.guestId,
      customerName: input.name,
      customerPhone: input.customerPhone,
      addressLine: input.addressLine,
      area: input.area,
      currency: input.currency,
      subtotalMinor: subtotal,
      shippingMinor: input.shippingMinor,
      language: input.language,
    },
    items,
    actor: { type: 'guest', id: String(input.guestId) },
    pendingTtlMs: input.pendingTtlMs,
    now: input.now,
  });
}
