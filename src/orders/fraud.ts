// Fraud review (DESIGN.md section 3): explainable rules, each adding points with a reason; a score
// and a level on every order; flags the seller clears or confirms.
import { and, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../store/db.js';
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

/** The rules, applied to an order against the same identity's history (other orders and requests). */
export function assessOrder(db: DbOrTx, order: OrderRow, policy: StorePolicy): RiskAssessment {
  const findings: FraudFinding[] = [];
  const sameIdentity =
    order.customerId !== null ? or(eq(orders.guestId, order.guestId ?? -1), eq(orders.customerId, order.customerId)) : eq(orders.guestId, order.guestId ?? -1);
  const others = and(sameIdentity, ne(orders.id, order.id));
  const count = (where: ReturnType<typeof and>) => db.select({ n: sql<number>`count(*)` }).from(orders).where(where).get()?.n ?? 0;

  const refusals = count(and(others, or(eq(orders.status, 'failed_delivery'), inArray(orders.failureReason, ['refused', 'customer_unavailable']))));
  if (refusals >= 1) findings.push({ rule: 'cod_refusals', points: refusals >= 2 ? 50 : 30, facts: { count: refusals } });

  const area = order.area.toLowerCase();
  const zone = policy.highRiskZones.find((z) => area.includes(z.toLowerCase()));
  if (zone) findings.push({ rule: 'high_risk_zone', points: 25, facts: { zone } });

  if (order.guestId !== null) {
    const requests = db.select({ status: customRequests.status }).from(customRequests).where(eq(customRequests.guestId, order.guestId)).all();
    const unaccepted = requests.filter((r) => r.status === 'rejected' || r.status === 'expired' || r.status === 'cancelled').length;
    if (unaccepted >= ABUSIVE_REQUESTS && !requests.some((r) => r.status === 'accepted')) {
      findings.push({ rule: 'abusive_requests', points: 20, facts: { count: unaccepted } });
    }
  }

  const cancellations = count(and(others, eq(orders.status, 'cancelled')));
  if (cancellations >= MANY_CANCELLATIONS) findings.push({ rule: 'many_cancellations', points: 20, facts: { count: cancellations } });

  const delivered = count(and(others, eq(orders.status, 'delivered')));
  if (policy.firstOrderValueCapMinor > 0 && delivered === 0 && order.totalMinor > policy.firstOrderValueCapMinor) {
    findings.push({ rule: 'first_order_over_cap', points: 25, facts: { totalMinor: order.totalMinor, capMinor: policy.firstOrderValueCapMinor, currency: order.currency } });
  }

  const score = findings.reduce((sum, f) => sum + f.points, 0);
  return { score, level: levelOf(score), findings };
}

/** Assesses a new order and keeps the result: the score and level on the order, one open flag per finding. */
export function recordRisk(db: DbOrTx, order: OrderRow, policy: StorePolicy, now: Date): RiskAssessment {
  const assessment = assessOrder(db, order, policy);
  db.update(orders).set({ riskScore: assessment.score, riskLevel: assessment.level }).where(eq(orders.id, order.id)).run();
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
