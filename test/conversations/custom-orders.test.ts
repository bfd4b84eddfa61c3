// Custom orders end to end: the customer's request, the seller's quote, the customer's answer.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customRequests, orders, quotes } from '../../src/store/schema.js';
import { CUSTOMER, SELLER, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await h.say(SELLER, '/language en');
});
afterEach(async () => {
  await h.stop();
});

async function request(from = CUSTOMER, greeting = 'Hello') {
  for (const text of [greeting, '3', 'A wooden box with my name carved on it', '2', 'skip']) await h.say(from, text);
  await h.sendImage(from);
  for (const text of ['done', '1']) await h.say(from, text);
}

describe('the seller quotes and the customer answers', () => {
  it('accept: the quote moves the customer’s chat; "1" then delivery details create the custom order', async () => {
    await request();
    await h.say(CUSTOMER, '1'); // wandered off to the catalog meanwhile
    const quoted = await h.ask(SELLER, '/quote R-101 450.50 days 5 note Walnut wood, gift wrapped');
    expect(quoted).toContain('Quote sent for R-101: EGP 450.50, 5 days');
    const offer = h.lastReplies(CUSTOMER).join('\n');
    expect(offer).toContain('Quote for your request R-101');
    expect(offer).toContain('Price: EGP 450.50');
    expect(offer).toContain('Delivery time: 5 days');
    expect(offer).toContain('Notes: Walnut wood, gift wrapped');
    expect(offer).toContain('valid until');

    expect(await h.ask(CUSTOMER, '1')).toContain('Now the delivery details');
    for (const text of ['Mona Ali', '5 Nile Corniche, flat 9']) await h.say(CUSTOMER, text);
    const summary = await h.ask(CUSTOMER, 'Maadi, Cairo');
    expect(summary).toContain('custom order (R-101)');
    expect(summary).toContain('Total: EGP 480.50');
    expect(await h.ask(CUSTOMER, '1')).toContain('Your custom order #1001 is placed');
    const order = h.app.db.select().from(orders).where(eq(orders.number, 1001)).get()!;
    expect(order).toMatchObject({ type: 'custom', status: 'pending', subtotalMinor: 45_050, description: 'A wooden box with my name carved on it' });
    expect(h.app.db.select().from(customRequests).get()!.status).toBe('accepted');
    expect(h.lastReplies(SELLER).join('\n')).toContain('accepted the quote for R-101: custom order #1001');

    // The seller rewords the description: the order's one line follows it.
    await h.say(SELLER, "/edit 1001 description Oak box, engraved 'Omar'");
    const view = await h.ask(SELLER, '/order 1001');
    expect(view).toContain("• Oak box, engraved 'Omar' × 2 — EGP 450.50");
    expect(h.app.database.sqlite.prepare('SELECT name_en, name_ar FROM order_items').all()).toEqual([{ name_en: "Oak box, engraved 'Omar'", name_ar: "Oak box, engraved 'Omar'" }]);
  });

  it('reject with a reason, and ask for changes; a new quote replaces the old one', async () => {
    await request();
    await h.say(SELLER, '/quote R-101 500');
    expect(await h.ask(CUSTOMER, '3')).toContain('What would you like changed?');
    expect(await h.ask(CUSTOMER, 'Could it be smaller and cheaper?')).toContain('Your words are with the store');
    expect(h.lastReplies(SELLER).join('\n')).toContain('Could it be smaller and cheaper?');
    await h.say(SELLER, '/quote R-101 350 days 4');
    expect(h.app.db.select().from(quotes).all().map((q) => q.status)).toEqual(['superseded', 'open']);
    expect(h.lastReplies(CUSTOMER).join('\n')).toContain('EGP 350');
    expect(await h.ask(CUSTOMER, 'reject')).toContain('Tell us why');
    expect(await h.ask(CUSTOMER, 'Found one elsewhere')).toContain('We told the store you declined this quote');
    expect(h.app.db.select().from(customRequests).get()!.status).toBe('rejected');
    expect(h.lastReplies(SELLER).join('\n')).toContain('Reason: Found one elsewhere');
  });

  it('an answer after the quote expired is refused politely with what to do next', async () => {
    await request();
    await h.say(SELLER, '/quote R-101 300 expires 1h');
    h.clock.advance(3_600_000);
    expect(await h.ask(CUSTOMER, '1')).toContain('the quote for R-101 has expired');
    expect(h.app.db.select().from(orders).all()).toHaveLength(0);
  });

  it('works in Arabic', async () => {
    await h.say(SELLER, '/language ar');
    await request(CUSTOMER, 'السلام عليكم');
    expect(await h.ask(SELLER, '/quote R-101 ٢٥٠ days ٣')).toContain('تم إرسال عرض السعر للطلب R-101');
    const offer = h.lastReplies(CUSTOMER).join('\n');
    expect(offer).toContain('عرض سعر لطلبك R-101');
    expect(offer).toContain('1. قبول');
    expect(await h.ask(CUSTOMER, 'قبول')).toContain('بيانات التوصيل');
  });
});

describe('seller commands for custom requests', () => {
  it('/requests lists, /request shows the customer’s history and sends the photos', async () => {
    await request();
    expect(await h.ask(SELLER, '/requests')).toContain('R-101 · pending · ×2 · A wooden box');
    expect(await h.ask(SELLER, '/requests pending')).toContain('R-101');
    expect(await h.ask(SELLER, '/requests quoted')).toContain('No quoted requests');
    expect(await h.ask(SELLER, '/requests bogus')).toContain('"bogus" is not a filter I know. Use one of: pending, quoted,');
    expect(await h.ask(SELLER, '/request')).toContain('Missing: the request number (like R-101).\nUsage: /request');
    expect(await h.ask(SELLER, '/request R-101 extra')).toContain('I did not expect "extra" there.');
    const before = h.transcript(SELLER).filter((e) => e.mediaMimetype).length;
    const details = await h.ask(SELLER, '/request R-101');
    expect(details).toContain('Request R-101 — pending');
    expect(details).toContain('History: 0 orders');
    expect(details).toContain('Photos: 1');
    expect(h.transcript(SELLER).filter((e) => e.mediaMimetype).length).toBe(before + 1);
    expect(await h.ask(SELLER, '/request R-999')).toContain('There is no request R-999');
    await h.say(SELLER, '/quote R-101 450 days 5 note Walnut');
    expect(await h.ask(SELLER, '/request R-101')).toMatch(/Current quote: EGP 450, 5 days, valid until .+ · Walnut/);
  });

  it('refuses bad quotes with the reason and the usage, and changes nothing', async () => {
    await request();
    expect(await h.ask(SELLER, '/quote R-101')).toContain('The price must be an amount above zero');
    expect(await h.ask(SELLER, '/quote R-101 -5')).toContain('The price must be');
    expect(await h.ask(SELLER, '/quote R-101 100 days forever')).toContain('Days must be a whole number');
    expect(await h.ask(SELLER, '/quote R-101 100 expires 90d')).toContain('The expiry must be a duration up to 30 days');
    expect(await h.ask(SELLER, '/quote R-101 100 banana')).toContain('Usage: /quote');
    expect(await h.ask(SELLER, '/quote hello 100')).toContain('"hello" is not a valid request number (like R-101).\nUsage: /quote');
    expect(h.app.db.select().from(quotes).all()).toHaveLength(0);
    // The price as the bot writes amounts.
    expect(await h.ask(SELLER, '/quote R-101 1,000')).toContain('Quote sent for R-101: EGP 1,000');
  });

  it('/reject tells the customer, and a rejected request cannot be quoted', async () => {
    await request();
    expect(await h.ask(SELLER, '/reject R-101 We do not work with wood')).toContain('Request R-101 rejected');
    expect(h.lastReplies(CUSTOMER).join('\n')).toContain('Their note: We do not work with wood');
    expect(await h.ask(SELLER, '/quote R-101 100')).toContain('Request R-101 is rejected');
  });

  it('a customer sending /quote is treated as customer text', async () => {
    await request();
    const reply = await h.ask(CUSTOMER, '/quote R-101 1');
    expect(reply).toContain('Main menu');
    expect(reply).not.toContain('Quote sent');
    expect(h.app.db.select().from(quotes).all()).toHaveLength(0);
  });
});
