// The whole number's send allowance: what keeps an outage's backlog from going out as one burst.
import { describe, expect, it } from 'vitest';
import { createSendBudget } from '../../src/bot/send-budget.js';

/** How many messages the budget lets through between `from` and `to` (ms), asking every `step` ms. */
function sentBetween(budget: ReturnType<typeof createSendBudget>, from: number, to: number, step = 10): number {
  let sent = 0;
  for (let now = from; now < to; now += step) while (budget.take(now) === 0) sent++;
  return sent;
}

describe('createSendBudget', () => {
  const rate = { perSecond: 10, burst: 20, rampMs: 60_000 };

  it('right after a connection lets a tenth of the burst go, then about a tenth of the rate', () => {
    const budget = createSendBudget(rate);
    budget.connected(0);
    expect(sentBetween(budget, 0, 1)).toBe(2);
    const wait = budget.take(1);
    expect(wait).toBeGreaterThan(500);
    expect(wait).toBeLessThanOrEqual(1_000);
    // The first ten seconds: about 1 to 2.5 messages a second as the ramp climbs, nowhere near 10.
    const firstTen = sentBetween(budget, 1, 10_000);
    expect(firstTen).toBeGreaterThanOrEqual(10);
    expect(firstTen).toBeLessThanOrEqual(25);
  });

  it('reaches the full rate when the ramp is over, and never more', () => {
    const budget = createSendBudget(rate);
    budget.connected(0);
    sentBetween(budget, 0, 60_000);
    const minute = sentBetween(budget, 60_000, 120_000);
    expect(minute).toBeGreaterThanOrEqual(595);
    expect(minute).toBeLessThanOrEqual(600);
  });

  it('after a quiet spell allows the full burst at once, then the rate', () => {
    const budget = createSendBudget(rate);
    budget.connected(0);
    sentBetween(budget, 0, 60_000);
    // Nothing asked for a while: the allowance refills up to the burst, not beyond.
    expect(sentBetween(budget, 200_000, 200_001)).toBe(20);
    const wait = budget.take(200_001);
    expect(wait).toBeGreaterThan(90);
    expect(wait).toBeLessThanOrEqual(100);
  });

  it('starts the ramp again at every reconnection', () => {
    const budget = createSendBudget(rate);
    budget.connected(0);
    sentBetween(budget, 0, 120_000);
    budget.connected(120_000);
    expect(sentBetween(budget, 120_000, 121_000)).toBeLessThanOrEqual(3);
  });

  it('with no ramp is a plain token bucket', () => {
    const budget = createSendBudget({ perSecond: 5, burst: 5, rampMs: 0 });
    budget.connected(0);
    expect(sentBetween(budget, 0, 1)).toBe(5);
    const tenSeconds = sentBetween(budget, 1, 10_001);
    expect(tenSeconds).toBeGreaterThanOrEqual(49);
    expect(tenSeconds).toBeLessThanOrEqual(50);
  });
});
