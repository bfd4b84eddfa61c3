// Each fraud rule firing and not firing, with the facts its reason is written from.
import { beforeEach, describe, expect, it } from 'vitest';
import { assessOrder, levelOf, recordRisk, reviewFlags } from '../../src/orders/fraud.js';
import { storePolicySchema, type StorePolicy } from '../../src/orders/policy.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { customRequests, fraudFlags, guests, orders } from '../../src/store/schema.js';

const NOW = '2026-03-01T10:00:00.000Z';
let db: Db;
let guestId: number;
let number = 1000;
const policy = (change: Partial<StorePolicy> = {}) => storePolicySchema.parse({ firstOrderValueCapMinor: 300_000, ...change });

function order(status: (typeof orders.$inferInsert)['status'], extra: Partial<typeof orders.$inferInsert> = {}) {
  number++;
  return db
    .insert(orders)
    .values({
      number,
      publicId: `p${number}`,
      type: 'catalog',
      channel: 'whatsapp',
      status,
      paymentStatus: 'unpaid',
      guestId,
      customerName: 'Mona',
      addressLine: '1 Nile St',
      area: 'Dokki, Giza',
      currency: 'EGP',
      subtotalMinor: 50_000,
      shippingMinor: 0,
      totalMinor: 50_000,
      language: 'en',
      createdAt: NOW,
      updatedAt: NOW,
      ...extra,
    })
    .returning()
    .get();
}

function request(status: (typeof customRequests.$inferInsert)['status']) {
  number++;
  db.insert(customRequests).values({ number, guestId, description: 'x', quantity: 1, currency: 'EGP', status, createdAt: NOW, updatedAt: NOW }).run();
}

beforeEach(() => {
  db = openDatabase(':memory:').db;
  guestId = db.insert(guests).values({ phoneE164: '+201001234567', createdAt: NOW, updatedAt: NOW }).returning().get().id;
});

const rules = (o: typeof orders.$inferSelect, p = policy()) => assessOrder(db, o, p).findings.map((f) => f.rule);

describe('fraud rules', () => {
  it('a first small order of a clean customer raises nothing', () => {
    const assessment = assessOrder(db, order('pending'), policy());
    expect(assessment).toEqual({ score: 0, level: 'low', findings: [] });
  });

  it('repeated COD refusals: one refusal 30 points, two or more 50', () => {
    order('failed_delivery', { failureReason: 'refused' });
    const once = assessOrder(db, order('pending'), policy());
    expect(once.findings).toContainEqual({ rule: 'cod_refusals', points: 30, facts: { count: 1 } });
    order('cancelled', { failureReason: 'customer_unavailable' });
    expect(assessOrder(db, order('pending'), policy()).findings).toContainEqual({ rule: 'cod_refusals', points: 50, facts: { count: 2 } });
  });

  it('a zone on the seller’s high-risk list', () => {
    expect(rules(order('pending'), policy({ highRiskZones: ['Imbaba'] }))).not.toContain('high_risk_zone');
    const risky = order('pending', { area: 'Imbaba, Giza' });
    expect(assessOrder(db, risky, policy({ highRiskZones: ['imbaba'] })).findings).toContainEqual({ rule: 'high_risk_zone', points: 25, facts: { zone: 'imbaba' } });
  });

  it('many custom requests never accepted', () => {
    request('rejected');
    request('expired');
    expect(rules(order('pending'))).not.toContain('abusive_requests');
    request('cancelled');
    expect(rules(order('pending'))).toContain('abusive_requests');
    request('accepted');
    expect(rules(order('pending'))).not.toContain('abusive_requests');
  });

  it('many cancellations', () => {
    order('cancelled');
    expect(rules(order('pending'))).not.toContain('many_cancellations');
    order('cancelled');
    expect(assessOrder(db, order('pending'), policy()).findings).toContainEqual({ rule: 'many_cancellations', points: 20, facts: { count: 2 } });
  });

  it('a first order above the cap, but not once the customer has a delivered order', () => {
    const big = order('pending', { totalMinor: 400_000 });
    expect(assessOrder(db, big, policy()).findings).toContainEqual({
      rule: 'first_order_over_cap',
      points: 25,
      facts: { totalMinor: 400_000, capMinor: 300_000, currency: 'EGP' },
    });
    expect(rules(big, policy({ firstOrderValueCapMinor: 0 }))).not.toContain('first_order_over_cap');
    order('delivered');
    expect(rules(big)).not.toContain('first_order_over_cap');
  });

  it('levels: under 25 low, 25 to 49 medium, 50 and up high', () => {
    expect([levelOf(0), levelOf(24), levelOf(25), levelOf(49), levelOf(50)]).toEqual(['low', 'low', 'medium', 'medium', 'high']);
  });

  it('recording keeps the score on the order and one open flag per reason; clearing drops the score', () => {
    order('failed_delivery', { failureReason: 'refused' });
    order('failed_delivery', { failureReason: 'refused' });
    const risky = order('pending', { area: 'Imbaba', totalMinor: 500_000 });
    const assessment = recordRisk(db, risky, policy({ highRiskZones: ['Imbaba'] }), new Date(NOW));
    expect(assessment.level).toBe('high');
    const stored = db.select().from(orders).all().find((o) => o.id === risky.id)!;
    expect(stored).toMatchObject({ riskScore: 100, riskLevel: 'high' });
    expect(db.select().from(fraudFlags).all().map((f) => f.rule).sort()).toEqual(['cod_refusals', 'first_order_over_cap', 'high_risk_zone']);
    expect(reviewFlags(db, risky.id, 'clear', new Date(NOW))).toBe(3);
    expect(db.select().from(orders).all().find((o) => o.id === risky.id)!).toMatchObject({ riskScore: 0, riskLevel: 'low' });
    expect(reviewFlags(db, risky.id, 'clear', new Date(NOW))).toBe(0);
  });
});
