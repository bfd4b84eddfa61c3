// Seller edits of an order's details (quantities, delivery fee, customer info, address, description).
// Each edit is logged with its value before and after; quantity changes move reserved stock.
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../store/db.js';
import { createCatalogAdminRepo } from '../store/catalog-admin.js';
import { createOrderAdminRepo } from '../store/order-admin.js';
import { createOrdersRepo, type NewOrder, type Order, type OrderItem } from '../store/orders.js';
import { createProductsRepo } from '../store/products.js';
import { orderItems } from '../store/schema.js';
import { ORDER_EVENT, type Actor } from './order-events.js';
import type { OrderStatus } from './status.js';

/** Details can change until the order leaves the shop. */
export const EDITABLE_STATUSES: readonly OrderStatus[] = ['pending', 'confirmed', 'ready_for_shipping'];

export const TEXT_FIELDS = ['address', 'area', 'name', 'description'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type EditField = 'qty' | 'shipping' | 'phone' | TextField;

export type OrderEdit =
  | { field: 'qty'; sku: string; quantity: number }
  | { field: 'shipping'; amountMinor: number }
  | { field: 'phone'; phone: string }
  | { field: TextField; text: string };

export interface FieldChange {
  field: EditField;
  before: string | number | null;
  after: string | number | null;
  /** For quantity edits: the line's product. */
  item?: { sku: string; nameAr: string; nameEn: string };
}

export type EditResult =
  | { ok: true; order: Order; before: Order; change: FieldChange }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_editable'; current: OrderStatus; editable: readonly OrderStatus[] }
  | { ok: false; reason: 'not_catalog' | 'last_item' | 'unchanged' }
  | { ok: false; reason: 'unknown_sku' | 'not_in_order' | 'unavailable'; sku: string }
  | { ok: false; reason: 'out_of_stock'; sku: string; available: number };

const COLUMN: Record<TextField | 'phone', 'addressLine' | 'area' | 'customerName' | 'description' | 'customerPhone'> = {
  address: 'addressLine',
  area: 'area',
  name: 'customerName',
  description: 'description',
  phone: 'customerPhone',
};

type Planned = { ok: true; patch: Partial<NewOrder>; change: FieldChange } | Exclude<EditResult, { ok: true }>;

function planQuantity(db: DbOrTx, order: Order, edit: { sku: string; quantity: number }, now: Date): Planned {
  if (order.type !== 'catalog') return { ok: false, reason: 'not_catalog' };
  const admin = createOrderAdminRepo(db);
  const products = createProductsRepo(db);
  const items = createOrdersRepo(db).items(order.id);
  const wanted = edit.sku.toLowerCase();
  const line = items.find((i) => (i.sku ?? '').toLowerCase() === wanted);
  let nextItems: Pick<OrderItem, 'lineTotalMinor'>[];
  let change: FieldChange;
  if (line) {
    const delta = edit.quantity - line.quantity;
    if (delta === 0) return { ok: false, reason: 'unchanged' };
    if (edit.quantity === 0 && items.length === 1) return { ok: false, reason: 'last_item' };
    if (delta > 0) {
      if (line.productId === null) return { ok: false, reason: 'unavailable', sku: line.sku ?? edit.sku };
      if (!products.reserve(line.productId, delta, now)) {
        return { ok: false, reason: 'out_of_stock', sku: line.sku ?? edit.sku, available: products.byId(line.productId)?.stock ?? 0 };
      }
    } else if (line.productId !== null) {
      products.release(line.productId, -delta, now);
    }
    if (edit.quantity === 0) admin.removeItem(line.id);
    else admin.setItemQuantity(line, edit.quantity);
    nextItems = items
      .filter((i) => i.id !== line.id || edit.quantity > 0)
      .map((i) => (i.id === line.id ? { lineTotalMinor: i.unitPriceMinor * edit.quantity } : i));
    change = { field: 'qty', before: line.quantity, after: edit.quantity, item: { sku: line.sku ?? edit.sku, nameAr: line.nameAr, nameEn: line.nameEn } };
  } else {
    if (edit.quantity === 0) return { ok: false, reason: 'not_in_order', sku: edit.sku };
    const product = createCatalogAdminRepo(db).bySku(edit.sku);
    if (!product) return { ok: false, reason: 'unknown_sku', sku: edit.sku };
    if (product.hiddenAt !== null || product.currency !== order.currency) return { ok: false, reason: 'unavailable', sku: product.sku };
    if (!products.reserve(product.id, edit.quantity, now)) return { ok: false, reason: 'out_of_stock', sku: product.sku, available: product.stock };
    const lineTotalMinor = product.priceMinor * edit.quantity;
    admin.addItem(order.id, {
      productId: product.id,
      sku: product.sku,
      nameAr: product.nameAr,
      nameEn: product.nameEn,
      unitPriceMinor: product.priceMinor,
      quantity: edit.quantity,
      lineTotalMinor,
    });
    nextItems = [...items, { lineTotalMinor }];
    change = { field: 'qty', before: 0, after: edit.quantity, item: { sku: product.sku, nameAr: product.nameAr, nameEn: product.nameEn } };
  }
  const subtotalMinor = nextItems.reduce((sum, i) => sum + i.lineTotalMinor, 0);
  return { ok: true, patch: { subtotalMinor, totalMinor: subtotalMinor + order.shippingMinor }, change };
}

function plan(db: DbOrTx, order: Order, edit: OrderEdit, now: Date): Planned {
  switch (edit.field) {
    case 'qty':
      return planQuantity(db, order, edit, now);
    case 'shipping':
      if (edit.amountMinor === order.shippingMinor) return { ok: false, reason: 'unchanged' };
      return {
        ok: true,
        patch: { shippingMinor: edit.amountMinor, totalMinor: order.subtotalMinor + edit.amountMinor },
        change: { field: 'shipping', before: order.shippingMinor, after: edit.amountMinor },
      };
    case 'phone':
    case 'address':
    case 'area':
    case 'name':
    case 'description': {
      const column = COLUMN[edit.field];
      const after = edit.field === 'phone' ? edit.phone : edit.text;
      const before = order[column];
      if (before === after) return { ok: false, reason: 'unchanged' };
      return { ok: true, patch: { [column]: after }, change: { field: edit.field, before, after } };
    }
  }
}

export function editOrder(db: DbOrTx, input: { orderNumber: number; edit: OrderEdit; actor: Actor; now: Date }): EditResult {
  const orders = createOrdersRepo(db);
  const before = orders.byNumber(input.orderNumber);
  if (!before) return { ok: false, reason: 'not_found' };
  if (!EDITABLE_STATUSES.includes(before.status)) return { ok: false, reason: 'not_editable', current: before.status, editable: EDITABLE_STATUSES };
  const planned = plan(db, before, input.edit, input.now);
  if (!planned.ok) return planned;
  const stamp = input.now.toISOString();
  const order = orders.updateIfStatus(before.id, before.status, { ...planned.patch, updatedAt: stamp });
  if (!order) {
    // Cannot happen inside one synchronous transaction; kept so a future async caller fails safe.
    return { ok: false, reason: 'not_editable', current: orders.byId(before.id)!.status, editable: EDITABLE_STATUSES };
  }
  const { change } = planned;
  if (change.field === 'description' && before.description !== null) {
    // A custom order's one line is its description: the items (page, export, /order) follow the edit.
    db.update(orderItems)
      .set({ nameEn: order.description ?? '', nameAr: order.description ?? '' })
      .where(and(eq(orderItems.orderId, order.id), isNull(orderItems.productId), eq(orderItems.nameEn, before.description)))
      .run();
  }
  const totals = (o: Order) => ({ subtotalMinor: o.subtotalMinor, shippingMinor: o.shippingMinor, totalMinor: o.totalMinor });
  orders.addEvent(order.id, {
    actorType: input.actor.type,
    actorId: input.actor.id,
    type: ORDER_EVENT.edit(change.field),
    before: JSON.stringify({ ...(change.item ? { sku: change.item.sku } : {}), value: change.before, ...totals(before) }),
    after: JSON.stringify({ ...(change.item ? { sku: change.item.sku } : {}), value: change.after, ...totals(order) }),
    at: stamp,
  });
  return { ok: true, order, before, change };
}
