// The export's one query: a row per order with its items and tags folded in, streamed with
// better-sqlite3's `.iterate()` so no more than one row is held at a time.
import { sql } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { OrderStatus, PaymentStatus } from '../orders/status.js';
import type { DbOrTx } from './db.js';
import { orderFilterSql, type OrderFilter } from './order-filter.js';
import type { Order } from './orders.js';
import { sqliteOf } from './raw-sqlite.js';

export interface ExportItem {
  sku: string | null;
  nameAr: string;
  nameEn: string;
  quantity: number;
  unitMinor: number;
  totalMinor: number;
}

export interface ExportSourceRow {
  number: number;
  createdAt: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  type: Order['type'];
  channel: Order['channel'];
  registered: boolean;
  customerName: string;
  customerPhone: string | null;
  addressLine: string;
  area: string;
  currency: string;
  subtotalMinor: number;
  shippingMinor: number;
  totalMinor: number;
  refundedMinor: number | null;
  courier: string | null;
  trackingNumber: string | null;
  cancelReason: string | null;
  failureReason: string | null;
  description: string | null;
  riskLevel: Order['riskLevel'];
  confirmedAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  cancelledAt: string | null;
  items: ExportItem[];
  tags: string[];
}

interface RawRow extends Omit<ExportSourceRow, 'items' | 'tags' | 'registered'> {
  registered: number;
  items: string | null;
  tags: string | null;
}

const dialect = new SQLiteSyncDialect();

function exportQuery(filter: OrderFilter) {
  return dialect.sqlToQuery(sql`
    select o.number as number, o.created_at as createdAt, o.status as status, o.payment_status as paymentStatus,
      o.type as type, o.channel as channel, (o.customer_id is not null) as registered,
      o.customer_name as customerName, o.customer_phone as customerPhone, o.address_line as addressLine, o.area as area,
      o.currency as currency, o.subtotal_minor as subtotalMinor, o.shipping_minor as shippingMinor, o.total_minor as totalMinor,
      o.refunded_minor as refundedMinor, o.courier as courier, o.tracking_number as trackingNumber,
      o.cancel_reason as cancelReason, o.failure_reason as failureReason, o.description as description, o.risk_level as riskLevel,
      o.confirmed_at as confirmedAt, o.shipped_at as shippedAt, o.delivered_at as deliveredAt, o.cancelled_at as cancelledAt,
      (select json_group_array(json_object('sku', i.sku, 'nameAr', i.name_ar, 'nameEn', i.name_en, 'quantity', i.quantity,
          'unitMinor', i.unit_price_minor, 'totalMinor', i.line_total_minor))
        from (select * from order_items where order_id = o.id order by id) i) as items,
      (select json_group_array(t.tag) from (select tag from order_tags where order_id = o.id order by tag) t) as tags
    from orders o
    where ${orderFilterSql(filter)}
    order by o.id`);
}

/** Every order matching the filter, oldest first, one at a time. Close it early with `return()`. */
export function* iterateExportRows(db: DbOrTx, filter: OrderFilter): Generator<ExportSourceRow, void, undefined> {
  const query = exportQuery(filter);
  const statement = sqliteOf(db).prepare<unknown[], RawRow>(query.sql);
  for (const raw of statement.iterate(...query.params)) {
    yield {
      ...raw,
      registered: raw.registered === 1,
      items: raw.items ? (JSON.parse(raw.items) as ExportItem[]) : [],
      tags: raw.tags ? (JSON.parse(raw.tags) as string[]) : [],
    };
  }
}
