// The sweep: expiry at the exact deadline, reminders, COD confirmation, feedback, idempotence.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/bot/scheduler.js';
import { acceptQuote, createCustomRequest, quoteRequest } from '../../src/orders/custom-requests.js';
import { updatePolicy } from '../../src/orders/policy.js';
import { createGuestsRepo } from '../../src/store/guests.js';
import { customRequests, orders, products, quotes } from '../../src/store/schema.js';
import { pino } from 'pino';
import { CUSTOMER, OTHER_CUSTOMER, SELLER, startHarness, type Harness } from '../helpers/harness.js';

const HOUR = 3_600_000;
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await h.say(SELLER, '/language en');
  // These tests are about expiry; the COD question has its own tests below.
  updatePolicy(h.app.db, { codConfirmation: 'never' }, h.clock.now());
});
afterEach(async () => {
  await h.stop();
});

const orderRow = (number: number) => h.app.db.select().from(orders).where(eq(orders.number, number)).get()!;
const stockOf = (sku: string) => h.app.db.select().from(products).where(eq(products.sku, sku)).get()!.stock;
async function sweep() {
  const report = h.app.scheduler.sweep();
  await h.app.outbox.drain();
  return report;
}

async function placeOrder(from = CUSTOMER): Promise<number> {
  for (const text of ['Hello', '0', '1', '1', '2', '1', 'Mona Ali', '12 Tahrir St, flat 3', 'Dokki, Giza', '1']) await h.say(from, text);
  return Number(/#(\d+)/.exec(h.lastReplies(from).join('\n'))![1]);
}

function guestId(phone: string): number {
  return createGuestsRepo(h.app.db).byPhone(phone)!.id;
}

describe('catalog order pending confirmation (48h)', () => {
  it('expires exactly at the deadline, not a second before; stock released; both told; a second sweep changes nothing', async () => {
    const number = await placeOrder();
    expect(stockOf('HONEY-1KG')).toBe(18);
    h.clock.advance(48 * HOUR - 1000);
    await sweep();
    expect(orderRow(number).status).toBe('pending');

    h.clock.advance(1000);
    const report = await sweep();
    expect(report.expired).toBe(1);
    expect(orderRow(number)).toMatchObject({ status: 'cancelled', cancelReason: 'expired' });
    expect(stockOf('HONEY-1KG')).toBe(20);
    expect(h.lastReplies(CUSTOMER).join('\n')).toContain(`your order #${number} was cancelled because the store could not confirm it in time`);
    expect(h.outbound(SELLER).join('\n')).toContain(`Order #${number} was cancelled automatically`);

    const before = [h.transcript(CUSTOMER).length, h.transcript(SELLER).length];
    expect((await sweep()).expired).toBe(0);
    expect([h.transcript(CUSTOMER).length, h.transcript(SELLER).length]).toEqual(before);
  });

  it('reminds the seller once, 6 hours before the deadline', async () => {
    const number = await placeOrder();
    h.clock.advance(42 * HOUR - 1000);
    expect((await sweep()).reminded).toBe(0);
    h.clock.advance(1000);
    expect((await sweep()).reminded).toBe(1);
    expect(h.lastReplies(SELLER).join('\n')).toContain(`Order #${number} waits for your confirmation`);
    expect((await sweep()).reminded).toBe(0);
  });

  it('follows a deadline the seller changed in the settings', async () => {
    const number = await placeOrder();
    // 48h -> 24h: the order already waiting moves its deadline by the difference.
    expect(await h.ask(SELLER, '/settings expiry pending 24h')).toBe('✅ Saved: expiry pending 1d. 1 waiting item follows the new length.');
    h.clock.advance(24 * HOUR - 1000);
    await sweep();
    expect(orderRow(number).status).toBe('pending');
    h.clock.advance(1000);
    await sweep();
    expect(orderRow(number).status).toBe('cancelled');
  });

  it('a shorter deadline that would cancel waiting orders at once is said first and made only with "confirm"', async () => {
    const first = await placeOrder();
    h.clock.advance(2 * HOUR);
    const warning = await h.ask(SELLER, '/settings expiry pending 1h');
    expect(warning).toBe(
      '⚠️ Not saved yet. With expiry pending 1h, 1 waiting item is past the new deadline and would be cancelled at the next check (each customer is told). To go ahead, send:\n/settings expiry pending 1h confirm',
    );
    await sweep();
    expect(orderRow(first).status).toBe('pending');
    expect(await h.ask(SELLER, '/settings expiry pending 1h confirm')).toBe(
      '✅ Saved: expiry pending 1h. 1 waiting item follows the new length. 1 of them is past the new deadline and will be cancelled at the next check.',
    );
    await sweep();
    expect(orderRow(first).status).toBe('cancelled');
  });

  it('does not expire an order the seller confirmed in time', async () => {
    const number = await placeOrder();
    await h.say(SELLER, `/confirm ${number}`);
    h.clock.advance(100 * HOUR);
    await sweep();
    expect(orderRow(number).status).toBe('confirmed');
  });
});

describe('ready for shipping but not shipped (72h)', () => {
  it('expires at the deadline', async () => {
    const number = await placeOrder();
    await h.say(SELLER, `/confirm ${number}`);
    const deadline = new Date(h.clock.now().getTime() + 72 * HOUR).toISOString();
    h.app.database.sqlite.prepare("UPDATE orders SET status = 'ready_for_shipping', expires_at = ? WHERE number = ?").run(deadline, number);
    h.clock.advance(72 * HOUR - 1000);
    await sweep();
    expect(orderRow(number).status).toBe('ready_for_shipping');
    h.clock.advance(1000);
    await sweep();
    expect(orderRow(number).status).toBe('cancelled');
    expect(h.outbound(SELLER).join('\n')).toContain('ready but not shipped in time');
  });
});

describe('custom requests and quotes', () => {
  function newRequest() {
    return h.app.db.transaction((tx) =>
      createCustomRequest(tx, {
        guestId: guestId(CUSTOMER),
        customerId: null,
        description: 'A carved wooden box',
        quantity: 1,
        budgetMinor: null,
        currency: 'EGP',
        images: [],
        ttlMs: 48 * HOUR,
        now: h.clock.now(),
      }),
    );
  }

  it('a pending request expires at 48h and both sides are told', async () => {
    await h.say(CUSTOMER, 'Hello');
    const request = newRequest();
    h.clock.advance(48 * HOUR - 1000);
    await sweep();
    expect(h.app.db.select().from(customRequests).get()!.status).toBe('pending');
    h.clock.advance(1000);
    await sweep();
    expect(h.app.db.select().from(customRequests).get()!.status).toBe('expired');
    expect(h.lastReplies(CUSTOMER).join('\n')).toContain(`Your request R-${request.number} expired`);
    expect(h.outbound(SELLER).join('\n')).toContain(`R-${request.number} expired without a quote`);
  });

  it('a quote reminds the customer, then expires at its own deadline', async () => {
    await h.say(CUSTOMER, 'Hello');
    const request = newRequest();
    h.app.db.transaction((tx) => quoteRequest(tx, { requestNumber: request.number, priceMinor: 50_000, deliveryDays: 3, notes: null, expiresInMs: 24 * HOUR, now: h.clock.now() }));
    h.clock.advance(18 * HOUR);
    expect((await sweep()).reminded).toBe(1);
    expect(h.lastReplies(CUSTOMER).join('\n')).toContain(`The quote for your request R-${request.number} is valid until`);
    h.clock.advance(6 * HOUR - 1000);
    await sweep();
    expect(h.app.db.select().from(quotes).get()!.status).toBe('open');
    h.clock.advance(1000);
    await sweep();
    expect(h.app.db.select().from(quotes).get()!.status).toBe('expired');
    expect(h.app.db.select().from(customRequests).get()!.status).toBe('expired');
    expect(h.lastReplies(CUSTOMER).join('\n')).toContain('has expired');
  });

  it('an accepted custom order the seller does not confirm expires at 24h', async () => {
    await h.say(CUSTOMER, 'Hello');
    const request = newRequest();
    const quote = h.app.db.transaction((tx) => quoteRequest(tx, { requestNumber: request.number, priceMinor: 50_000, deliveryDays: 3, notes: null, expiresInMs: 48 * HOUR, now: h.clock.now() }));
    if (!quote.ok) throw new Error('quote failed');
    const accepted = h.app.db.transaction((tx) =>
      acceptQuote(tx, {
        quoteId: quote.quote.id,
        guestId: guestId(CUSTOMER),
        customerId: null,
        customerPhone: CUSTOMER,
        name: 'Mona',
        addressLine: '1 Nile St',
        area: 'Zamalek',
        shippingMinor: 0,
        language: 'en',
        publicId: 'pub-custom-1',
        acceptedTtlMs: 24 * HOUR,
        now: h.clock.now(),
      }),
    );
    if (!accepted.ok) throw new Error('accept failed');
    h.clock.advance(24 * HOUR - 1000);
    await sweep();
    expect(orderRow(accepted.order.number).status).toBe('pending');
    h.clock.advance(1000);
    await sweep();
    expect(orderRow(accepted.order.number)).toMatchObject({ status: 'cancelled', cancelReason: 'expired' });
  });
});

describe('a sweep interrupted between two items', () => {
  it('finishes the rest on the next sweep and never repeats the first', async () => {
    const first = await placeOrder(CUSTOMER);
    const second = await placeOrder(OTHER_CUSTOMER);
    h.clock.advance(48 * HOUR);
    let notices = 0;
    const flaky = createScheduler({
      db: h.app.db,
      clock: h.clock,
      logger: pino({ level: 'silent' }),
      outbox: h.app.outbox,
      config: h.config,
      intervalMs: 60_000,
      systemContext: (tx, now) => {
        const ctx = h.app.bot.systemContext(tx, now);
        // From the second item on, each dies half-way (after its cancellation, before its seller notice).
        const toSellers = ctx.messenger.toSellers.bind(ctx.messenger);
        ctx.messenger.toSellers = (render) => {
          if (++notices >= 2) throw new Error('crash in the middle of the sweep');
          toSellers(render);
        };
        return ctx;
      },
    });
    flaky.sweep();
    await h.app.outbox.drain();
    expect(orderRow(first).status).toBe('cancelled');
    expect(orderRow(second).status).toBe('pending');
    const firstCustomerMessages = h.transcript(CUSTOMER).length;
    await sweep();
    expect(orderRow(second).status).toBe('cancelled');
    expect(h.transcript(CUSTOMER).length).toBe(firstCustomerMessages);
    expect(h.outbound(SELLER).filter((m) => m.includes(`Order #${first} was cancelled automatically`))).toHaveLength(1);
  });
});

describe('cash-on-delivery confirmation', () => {
  beforeEach(() => {
    updatePolicy(h.app.db, { codConfirmation: 'first_or_risky' }, h.clock.now());
  });

  it('asks a first-time customer after the seller confirms; "1" confirms it', async () => {
    const number = await placeOrder();
    expect(orderRow(number).codConfirmation).toBe('asked');
    await h.say(SELLER, `/confirm ${number}`);
    await sweep();
    expect(h.lastReplies(CUSTOMER).join('\n')).toContain(`will you pay EGP 530 in cash on delivery?`);
    expect(await h.ask(CUSTOMER, '1')).toContain('Thank you!');
    expect(orderRow(number).codConfirmation).toBe('confirmed');
    expect(h.lastReplies(SELLER).join('\n')).toContain('The customer confirmed cash on delivery');
  });

  it('"2" cancels the order and releases the stock', async () => {
    const number = await placeOrder();
    await h.say(SELLER, `/confirm ${number}`);
    await sweep();
    expect(await h.ask(CUSTOMER, '2')).toContain('is cancelled, as you asked');
    expect(orderRow(number)).toMatchObject({ status: 'cancelled', codConfirmation: 'declined' });
    expect(stockOf('HONEY-1KG')).toBe(20);
  });

  it('an order paid before it is confirmed needs no cash-on-delivery yes: nobody is asked and it ships', async () => {
    const number = await placeOrder();
    await h.say(SELLER, `/paid ${number}`);
    expect(await h.ask(SELLER, `/confirm ${number}`)).not.toContain('confirm cash on delivery');
    expect(orderRow(number).codConfirmation).toBe('not_needed');
    await sweep();
    expect(h.outbound(CUSTOMER).join('\n')).not.toContain('in cash on delivery?');
    expect(await h.ask(SELLER, `/ship ${number} Bosta T100`)).not.toContain('waits for the customer');
    expect(orderRow(number).status).toBe('shipped');
  });

  it('an order paid after the question was asked ships without waiting for the answer', async () => {
    const number = await placeOrder();
    await h.say(SELLER, `/confirm ${number}`);
    await sweep();
    expect(h.lastReplies(CUSTOMER).join('\n')).toContain('in cash on delivery?');
    await h.say(SELLER, `/paid ${number}`);
    await h.say(SELLER, `/ship ${number} Bosta T101`);
    expect(orderRow(number)).toMatchObject({ status: 'shipped', codConfirmation: 'not_needed' });
  });

  it('switching to "never" before the seller confirms: nobody is asked and the order ships', async () => {
    const number = await placeOrder();
    expect(orderRow(number).codConfirmation).toBe('asked');
    await h.say(SELLER, '/settings cod-confirmation never');
    await h.say(SELLER, `/confirm ${number}`);
    expect(orderRow(number).codConfirmation).toBe('not_needed');
    expect(await h.ask(SELLER, `/ship ${number} Bosta X1`)).not.toContain('waits for the customer');
    await sweep();
    expect(h.outbound(CUSTOMER).join('\n')).not.toContain('in cash on delivery?');
  });

  it('no answer within 24 hours cancels it', async () => {
    const number = await placeOrder();
    await h.say(SELLER, `/confirm ${number}`);
    await sweep();
    h.clock.advance(24 * HOUR - 1000);
    await sweep();
    expect(orderRow(number).status).toBe('confirmed');
    h.clock.advance(1000);
    await sweep();
    expect(orderRow(number).status).toBe('cancelled');
    expect(h.lastReplies(CUSTOMER).join('\n')).toContain('we did not get your confirmation in time');
  });
});

describe('feedback after delivery', () => {
  it('asks once, and the answer is saved', async () => {
    const number = await placeOrder();
    h.setOrderStatus(number, 'delivered');
    await h.say(CUSTOMER, '0');
    await sweep();
    expect(h.lastReplies(CUSTOMER).join('\n')).toContain(`Your order #${number} was delivered`);
    expect(h.lastReplies(CUSTOMER).join('\n')).toContain('How was the store?');
    await sweep();
    expect(h.lastReplies(CUSTOMER).join('\n')).toContain('How was the store?');
    for (const text of ['5', '5']) await h.say(CUSTOMER, text);
    expect(await h.ask(CUSTOMER, 'skip')).toContain('Thank you for your rating');
  });
});

describe('shipping waits for the COD answer', () => {
  it('refuses /ready and /ship while the customer has not confirmed, and shows the state in /order', async () => {
    updatePolicy(h.app.db, { codConfirmation: 'always' }, h.clock.now());
    const number = await placeOrder();
    expect(await h.ask(SELLER, `/order ${number}`)).toContain('COD confirmation: will be asked once you confirm');
    // Asked right after the confirmation, not at the next check.
    expect(await h.ask(SELLER, `/confirm ${number}`)).toContain('They are asked now to confirm cash on delivery');
    expect(h.lastReplies(CUSTOMER).join('\n')).toContain('in cash on delivery?');
    expect(await h.ask(SELLER, `/order ${number}`)).toContain('COD confirmation: asked, waiting for the customer');
    await sweep();
    expect(await h.ask(SELLER, `/ship ${number} Bosta`)).toContain('waits for the customer to confirm cash on delivery');
    expect(await h.ask(SELLER, `/ready ${number}`)).toContain('waits for the customer to confirm cash on delivery');
    expect(orderRow(number).status).toBe('confirmed');
    await h.say(CUSTOMER, '1');
    expect(await h.ask(SELLER, `/order ${number}`)).toContain('COD confirmation: confirmed by the customer');
    expect(await h.ask(SELLER, `/ship ${number} Bosta TRK1`)).not.toContain('waits for the customer');
    expect(orderRow(number).status).toBe('shipped');
  });
});

describe('review commands', () => {
  it('/fraud lists the open flags with reasons; clear drops the risk; /block stops the number ordering', async () => {
    await h.say(SELLER, '/settings high-risk Dokki');
    const number = await placeOrder();
    const queue = await h.ask(SELLER, '/fraud');
    expect(queue).toContain(`#${number}`);
    expect(queue).toContain('delivery area is on your high-risk list (Dokki)');
    expect(await h.ask(SELLER, `/fraud clear ${number}`)).toContain(`Cleared 1 flag on order #${number}`);
    expect(orderRow(number)).toMatchObject({ riskScore: 0, riskLevel: 'low' });
    expect(await h.ask(SELLER, '/fraud')).toContain('No open fraud flags');
    expect(await h.ask(SELLER, '/fraud banana')).toContain('"banana" is not an action I know. Use one of: clear, confirm.\nUsage: /fraud');
    expect(await h.ask(SELLER, '/fraud clear')).toContain('Missing: the order number.');
    await h.say(SELLER, `/block ${CUSTOMER}`);
    const before = h.app.db.select().from(orders).all().length;
    for (const text of ['hi', '1', '1', '1']) await h.say(CUSTOMER, text);
    expect(h.app.db.select().from(orders).all().length).toBe(before);
  });

  it('/stats counts orders by status, cash collected, expiries and speed', async () => {
    const first = await placeOrder();
    await placeOrder(OTHER_CUSTOMER);
    h.clock.advance(2 * HOUR);
    await h.say(SELLER, `/confirm ${first}`);
    h.clock.advance(HOUR);
    await h.say(SELLER, `/ship ${first} Bosta`);
    await h.say(SELLER, `/delivered ${first}`);
    await h.say(SELLER, `/paid ${first}`);
    h.clock.advance(48 * HOUR);
    await sweep();
    const stats = await h.ask(SELLER, '/stats');
    expect(stats).toContain('Last 7 days: 2 orders');
    expect(stats).toContain('delivered: 1');
    expect(stats).toContain('cancelled: 1');
    expect(stats).toContain('Cash collected: EGP 530');
    expect(stats).toContain('Expired: 1 orders');
    // A partial refund: what was kept still counts.
    await h.say(SELLER, `/refund ${first} 100 overcharged delivery`);
    expect(await h.ask(SELLER, '/stats')).toContain('Cash collected: EGP 430');
    expect(stats).toContain('Average time to confirm: 2 h · to ship: 1 h');
    expect(await h.ask(SELLER, '/stats 90d')).toBe('"90d" is not a period I know. Use one of: 7d, 30d.\nUsage: /stats [7d|30d]');
    await h.say(SELLER, '/language ar');
    expect(await h.ask(SELLER, '/stats 30d')).toContain('آخر 30 يوم');
  });
});
