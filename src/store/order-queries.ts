import { and, desc, eq, sql } from 'drizzle-orm';
import type { OrderStatus } from '../orders/status.js';
import type { DbOrTx } from './db.js';
import { orders } from './schema.js';
import type { Order } from './orders.js';

export interface OrderListFilter {
  status?: OrderStatus;
  page: number;
  pageSize: number;
}

/** Newest first, paginated. */
export function listOrders(db: DbOrTx, filter: OrderListFilter): { rows: Order[]; total: number } {
  const where = and(filter.status ? eq(orders.status, filter.status) : undefined);
  const total = db.select({ n: sql<number>`count(*)` }).from(orders).where(where).get()?.n ?? 0;
  const rows = db
    .select()
    .from(orders)
    .where(where)
    .orderBy(desc(orders.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .all();
  return { rows, total };
}
