import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  checkOrderTransition,
  checkPaymentTransition,
  ORDER_TRANSITIONS,
  type OrderStatus,
} from '../../src/orders/status.js';
import { ORDER_STATUSES, PAYMENT_STATUSES } from '../../src/store/schema.js';

describe('order status transitions', () => {
  it('allows the happy path pending → confirmed → ready_for_shipping → shipped → delivered', () => {
    const path: OrderStatus[] = ['pending', 'confirmed', 'ready_for_shipping', 'shipped', 'delivered'];
    for (let i = 1; i < path.length; i++) {
      expect(checkOrderTransition(path[i - 1]!, path[i]!)).toEqual({ ok: true });
    }
  });

  it('allows shipping a confirmed order directly and re-shipping after a failed delivery', () => {
    expect(checkOrderTransition('confirmed', 'shipped')).toEqual({ ok: true });
    expect(checkOrderTransition('shipped', 'failed_delivery')).toEqual({ ok: true });
    expect(checkOrderTransition('failed_delivery', 'shipped')).toEqual({ ok: true });
  });

  it('refuses to ship a cancelled order, and says nothing can follow cancelled', () => {
    expect(checkOrderTransition('cancelled', 'shipped')).toEqual({ ok: false, current: 'cancelled', allowed: [] });
  });

  it('refuses to deliver an order that was never shipped', () => {
    for (const from of ['pending', 'confirmed', 'ready_for_shipping'] as const) {
      const check = checkOrderTransition(from, 'delivered');
      expect(check.ok).toBe(false);
      if (!check.ok) {
        expect(check.current).toBe(from);
        expect(check.allowed).not.toContain('delivered');
      }
    }
  });

  it('refuses to cancel a shipped or delivered order and to reopen a delivered one', () => {
    expect(checkOrderTransition('shipped', 'cancelled').ok).toBe(false);
    expect(checkOrderTransition('delivered', 'cancelled').ok).toBe(false);
    expect(checkOrderTransition('delivered', 'pending').ok).toBe(false);
  });

  it('never allows staying in the same status', () => {
    fc.assert(fc.property(fc.constantFrom(...ORDER_STATUSES), (s) => !checkOrderTransition(s, s).ok));
  });

  it('reports the allowed next statuses exactly when refusing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ORDER_STATUSES), fc.constantFrom(...ORDER_STATUSES), (from, to) => {
        const check = checkOrderTransition(from, to);
        expect(check.ok).toBe(ORDER_TRANSITIONS[from].includes(to));
        if (!check.ok) expect(check).toEqual({ ok: false, current: from, allowed: ORDER_TRANSITIONS[from] });
      }),
    );
  });

  it('reaches every status from pending', () => {
    const seen = new Set<OrderStatus>(['pending']);
    const queue: OrderStatus[] = ['pending'];
    while (queue.length > 0) {
      const from = queue.shift()!;
      for (const to of ORDER_STATUSES) {
        if (!seen.has(to) && checkOrderTransition(from, to).ok) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...ORDER_STATUSES].sort());
  });

  it('ends only in delivered or cancelled', () => {
    const terminal = ORDER_STATUSES.filter((s) => ORDER_STATUSES.every((to) => !checkOrderTransition(s, to).ok));
    expect(terminal.sort()).toEqual(['cancelled', 'delivered']);
  });
});

describe('payment status transitions', () => {
  it('allows unpaid → paid → refunded', () => {
    expect(checkPaymentTransition('unpaid', 'paid')).toEqual({ ok: true });
    expect(checkPaymentTransition('paid', 'refunded')).toEqual({ ok: true });
  });

  it('refuses paying twice, and says only a refund can follow', () => {
    expect(checkPaymentTransition('paid', 'paid')).toEqual({ ok: false, current: 'paid', allowed: ['refunded'] });
  });

  it('refuses refunding an unpaid order and anything after a refund', () => {
    expect(checkPaymentTransition('unpaid', 'refunded').ok).toBe(false);
    for (const to of PAYMENT_STATUSES) expect(checkPaymentTransition('refunded', to)).toEqual({ ok: false, current: 'refunded', allowed: [] });
  });
});
