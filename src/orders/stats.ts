// The seller's numbers for a period (/stats): orders by status, cash collected, refusals,
// expired items, and how fast orders are confirmed and shipped.
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../store/db.js';
import { customRequests, orders, quotes } from '../store/schema.js';
import type { OrderStatus } from './status.js';

export interface ShopStats {
  since: string;
  ordersByStatus: Partial<Record<OrderStatus, number>>;
  orders: number;
  codCollectedMinor: number;
  /** Deliveries refused or failed, out of orders that were shipped. */
  refusalRate: number | null;
  expired: { orders: number; requests: number; quotes: number };
  avgHoursToConfirm: number | null;
  avgHoursToShip: number | null;
}

const hoursBetween = (a: string, b: string) => `(julianday(${b}) - julianday(${a})) * 24.0`;

export function shopStats(db: DbOrTx, since: Date): ShopStats {
  const from = since.toISOString();
  const inPeriod = gte(orders.createdAt, from);
  const byStatus = db.select({ status: orders.status, n: sql<number>`count(*)` }).from(orders).where(inPeriod).groupBy(orders.status).all();
  const ordersByStatus = Object.fromEntries(byStatus.map((r) => [r.status, r.n])) as Partial<Record<OrderStatus, number>>;
  const total = byStatus.reduce((sum, r) => sum + r.n, 0);
  // Net of refunds: a partly refunded order still brought in what was not given back.
  const cod =
    db
      .select({ sum: sql<number>`coalesce(sum(${orders.totalMinor} - coalesce(${orders.refundedMinor}, 0)), 0)` })
      .from(orders)
      .where(and(inPeriod, inArray(orders.paymentStatus, ['paid', 'refunded'])))
      .get()?.sum ?? 0;
  const shipped = db.select({ n: sql<number>`count(*)` }).from(orders).where(and(inPeriod, sql`${orders.shippedAt} is not null`)).get()?.n ?? 0;
  const refused = db.select({ n: sql<number>`count(*)` }).from(orders).where(and(inPeriod, sql`${orders.failureReason} is not null`)).get()?.n ?? 0;
  const avg = (expr: string, where: ReturnType<typeof and>) =>
    db.select({ h: sql<number | null>`avg(${sql.raw(expr)})` }).from(orders).where(where).get()?.h ?? null;
  const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
  return {
    since: from,
    ordersByStatus,
    orders: total,
    codCollectedMinor: cod,
    refusalRate: shipped === 0 ? null : refused / shipped,
    expired: {
      orders: db.select({ n: sql<number>`count(*)` }).from(orders).where(and(inPeriod, eq(orders.cancelReason, 'expired'))).get()?.n ?? 0,
      requests: db.select({ n: sql<number>`count(*)` }).from(customRequests).where(and(gte(customRequests.createdAt, from), eq(customRequests.status, 'expired'))).get()?.n ?? 0,
      quotes: db.select({ n: sql<number>`count(*)` }).from(quotes).where(and(gte(quotes.createdAt, from), eq(quotes.status, 'expired'))).get()?.n ?? 0,
    },
    avgHoursToConfirm: round(avg(hoursBetween('created_at', 'confirmed_at'), and(inPeriod, sql`${orders.confirmedAt} is not null`))),
    avgHoursToShip: round(avg(hoursBetween('confirmed_at', 'shipped_at'), and(inPeriod, sql`${orders.shippedAt} is not null and ${orders.confirmedAt} is not null`))),
  };
}
