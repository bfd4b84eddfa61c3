// One filter for the seller's order list and the export: every given dimension must match (AND),
// several values within one dimension are alternatives (OR). Rendered as SQL over `orders o`.
import { sql, type SQL } from 'drizzle-orm';
import type { OrderStatus, PaymentStatus } from '../orders/status.js';
import type { Order } from './orders.js';

export interface OrderFilter {
  statuses?: readonly OrderStatus[];
  types?: readonly Order['type'][];
  channels?: readonly Order['channel'][];
  payments?: readonly PaymentStatus[];
  customer?: 'guest' | 'registered';
  /** Every tag must be on the order. */
  tags?: readonly string[];
}

const inList = (column: string, values: readonly string[]) =>
  sql`${sql.raw(column)} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;

/** The WHERE condition (over the alias `o`) for a filter; `1 = 1` when it is empty. */
export function orderFilterSql(filter: OrderFilter): SQL {
  const parts: SQL[] = [];
  if (filter.statuses?.length) parts.push(inList('o.status', filter.statuses));
  if (filter.types?.length) parts.push(inList('o.type', filter.types));
  if (filter.channels?.length) parts.push(inList('o.channel', filter.channels));
  if (filter.payments?.length) parts.push(inList('o.payment_status', filter.payments));
  if (filter.customer === 'guest') parts.push(sql`o.customer_id is null`);
  if (filter.customer === 'registered') parts.push(sql`o.customer_id is not null`);
  // `in (select ...)` lets SQLite start from the tag index instead of probing every order.
  for (const tag of filter.tags ?? []) parts.push(sql`o.id in (select t.order_id from order_tags t where t.tag = ${tag})`);
  return parts.length === 0 ? sql`1 = 1` : sql.join(parts, sql` and `);
}

export function isEmptyFilter(filter: OrderFilter): boolean {
  return !filter.statuses?.length && !filter.types?.length && !filter.channels?.length && !filter.payments?.length && !filter.customer && !filter.tags?.length;
}
