// Fraud review (DESIGN.md section 3): explainable rules, each adding points with a reason; a score
// and a level on every order; flags the seller clears or confirms.
import { and, desc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../store/db.js';
import { prepared } from '../store/prepared.js';
import { customRequests, fraudFlags, orders } from '../store/schema.js';
import type { StorePolicy } from './policy.js';

export type FraudRule = 'cod_refusals' | 'high_risk_zone' | 'abusive_requests' | 'many_cancellations' | 'first_order_over_cap';
export type RiskLevel = 'low' | 'medium' | 'high';

export interface FraudFinding {
  rule: FraudRule;
  points: number;
  /** The facts behind the finding, rendered into a reason in the seller's language. */
  facts: Record<string, string | number>;
}

export interface RiskAssessment {
  score: number;
  level: RiskLevel;
  findings: FraudFinding[];
}

export const RISK_THRESHOLDS = { medium: 25, high: 50 } as const;
const ABUSIVE_REQUESTS = 3;
const MANY_CANCELLATIONS = 2;

export const levelOf = (score: number): RiskLevel => (score >= RISK_THRESHOLDS.high ? 'high' : score >= RISK_THRESHOLDS.medium ? 'medium' : 'low');

type OrderRow = typeof orders.$inferSelect;

/** The same identity's other orders (by guest, or by registered customer), counted by outcome in one pass. */
function historyOf(db: DbOrTx, order: OrderRow): { refusals: number; cancellations: number; delivered: number } {
  const row = prepared(db, 'fraud.history', (r) =>
    r
      .select({
        refusals: sql<number>`coalesce(sum(${orders.status} = 'failed_delivery' or ${orders.failureReason} in ('refused', 'customer_unavailable')), 0)`,
        cancellations: sql<number>`coalesce(sum(${orders.status} = 'cancelled'), 0)`,
        delivered: sql<number>`coalesce(sum(${orders.status} = 'delivered'), 0)`,
      })
      .from(orders)
      .where(
        and(
          or(eq(orders.guestId, sql.placeholder('guestId')), eq(orders.customerId, sql.placeholder('customerId'))),
          ne(orders.id, sql.placeholder('orderId')),
        ),
      )
      .prepare(),
  ).get({ guestId: order.guestId ?? -1, customerId: order.customerId ?? -1, orderId: order.id });
  return { refusals: row?.refusals ?? 0, cancellations: row?.cancellations ?? 0, delivered: row?.delivered ?? 0 };
}

/** The rules, applied to an order against the same identity's history (other orders and requests). */
export function assessOrder(db: DbOrTx, order: OrderRow, policy: StorePolicy): RiskAssessment {
  const findings: FraudFinding[] = [];
  const { refusals, cancellations, delivered } = historyOf(db, order);
  if (refusals >= 1) findings.push({ rule: 'cod_refusals', points: refusals >= 2 ? 50 : 30, facts: { count: refusals } });

  const area = order.area.toLowerCase();
  const zone = policy.highRiskZones.find((z) => area.includes(z.toLowerCase()));
  if (zone) findings.push({ rule: 'high_risk_zone', points: 25, facts: { zone } });

  if (order.guestId !== null) {
    const requests = prepared(db, 'fraud.requests', (r) =>
      r.select({ status: customRequests.status }).from(customRequests).where(eq(customRequests.guestId, sql.placeholder('guestId'))).prepare(),
    ).all({ guestId: order.guestId });
    const unaccepted = requests.filter((r) => r.status === 'rejected' || r.status === 'expired' || r.status === 'cancelled').length;
    if (unaccepted >= ABUSIVE_REQUESTS && !requests.some((r) => r.status === 'accepted')) {
      findings.push({ rule: 'abusive_requests', points: 20, facts: { count: unaccepted } });
    }
  }

  if (cancellations >= MANY_CANCELLATIONS) findings.push({ rule: 'many_cancellations', points: 20, facts: { count: cancellations } });

  if (policy.firstOrderValueCapMinor > 0 && delivered === 0 && order.totalMinor > policy.firstOrderValueCapMinor) {
    findings.push({ rule: 'first_order_over_cap', points: 25, facts: { totalMinor: order.totalMinor, capMinor: policy.firstOrderValueCapMinor, currency: order.currency } });
  }

  const score = findings.reduce((sum, f) => sum + f.points, 0);
  return { score, level: levelOf(score), findings };
}

/** Assesses a new order and keeps the result: the score and level on the order, one open flag per finding. */
export function recordRisk(db: DbOrTx, order: OrderRow, policy: StorePolicy, now: Date): RiskAssessment {
  const assessment = assessOrder(db, order, policy);
  // A new order starts at 0 and low: only a finding changes it.
  if (assessment.score !== order.riskScore || assessment.level !== order.riskLevel) {
    db.update(orders).set({ riskScore: assessment.score, riskLevel: assessment.level }).where(eq(orders.id, order.id)).run();
  }
  for (const finding of assessment.findings) {
    db.insert(fraudFlags)
      .values({ guestId: order.guestId, orderId: order.id, rule: finding.rule, points: finding.points, reason: JSON.stringify(finding.facts), createdAt: now.toISOString() })
      .run();
  }
  return assessment;
}

export type FraudFlag = typeof fraudFlags.$inferSelect;

export function openFlags(db: DbOrTx, limit: number): { flag: FraudFlag; order: OrderRow | null }[] {
  return db
    .select({ flag: fraudFlags, order: orders })
    .from(fraudFlags)
    .leftJoin(orders, eq(orders.id, fraudFlags.orderId))
    .where(isNull(fraudFlags.reviewedAt))
    .orderBy(desc(fraudFlags.id))
    .limit(limit)
    .all();
}

/** The seller reviewed an order's open flags: cleared (a false alarm, the score drops) or confirmed (kept). */
export function reviewFlags(db: DbOrTx, orderId: number, decision: 'clear' | 'confirm', now: Date): number {
  const flags = db.select().from(fraudFlags).where(and(eq(fraudFlags.orderId, orderId), isNull(fraudFlags.reviewedAt))).all();
  if (flags.length === 0) return 0;
  db.update(fraudFlags).set({ reviewedAt: now.toISOString() }).where(and(eq(fraudFlags.orderId, orderId), isNull(fraudFlags.reviewedAt))).run();
  if (decision === 'clear') db.update(orders).set({ riskScore: 0, riskLevel: 'low' }).where(eq(orders.id, orderId)).run();
  return flags.length;
}

export function flagFacts(flag: FraudFlag): Record<string, string | number> {
  try {
    const value: unknown = JSON.parse(flag.reason);
    return typeof value === 'object' && value !== null ? (value as Record<string, string | number>) : {};
  } catch {
    return {};
  }
}
