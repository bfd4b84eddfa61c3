import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { guests, linkTokens, orders } from '../../src/store/schema.js';
import { CUSTOMER_2, SELLER, startSellerHarness, type SellerHarness } from './helpers.js';

let h: SellerHarness;
beforeEach(async () => {
  h = await startSellerHarness();
});
afterEach(async () => {
  await h.cleanup();
});

describe('/orders', () => {
  it('says so when there are no orders, with and without filters', async () => {
    expect(await h.seller('/orders')).toBe('No orders yet.');
    expect(await h.seller('/orders delivered')).toBe('No orders match these filters.');
  });

  it('lists newest first with status, payment, customer and total, and pages', async () => {
    for (let i = 0; i < 12; i++) h.place({ lines: [['DATES-500', 1]] });
    const first = await h.seller('/orders');
    expect(first.split('\n')[0]).toBe('#1012 · pending · unpaid · Mona · EGP 120');
    expect(first).toContain('Page 1 of 2 (12 orders)');
    expect(first).toContain('Next: /orders page 2');
    const second = await h.seller('/orders page ٢');
    expect(second).toContain('#1001');
    expect(second).not.toContain('#1012');
    expect(await h.seller('/orders page 9')).toContain('There is no page 9: the list has 2 pages.');
  });

  it('combines filters: status, type, channel, payment, guest/registered, tag', async () => {
    const a = h.place();
    const b = h.place({ phone: CUSTOMER_2, name: 'Omar' });
    h.place();
    await h.seller(`/confirm ${a}`);
    await h.seller(`/confirm ${b}`);
    await h.seller(`/paid ${b}`);
    await h.seller(`/tag ${a} vip`);
    expect(await h.seller('/orders confirmed')).toMatch(/#1002[\s\S]*#1001/);
    expect(await h.seller('/orders confirmed unpaid')).not.toContain('#1002');
    const vip = await h.seller('/orders tag:VIP confirmed catalog whatsapp guest');
    expect(vip).toContain('#1001');
    expect(vip).toContain('(1 order; tag:vip confirmed catalog whatsapp guest)');
    expect(await h.seller('/orders registered')).toBe('No orders match these filters.');
    expect(await h.seller('/orders custom')).toBe('No orders match these filters.');
    expect(await h.seller('/orders pending confirmed')).toContain('3 orders');
    expect(await h.seller('/الطلبات مؤكد')).toContain('2 orders');
    expect(await h.seller('/orders open')).toContain('3 orders');
  });

  it('refuses unknown filter words instead of guessing, with the words it knows', async () => {
    h.place();
    const reply = await h.seller('/orders shiped');
    expect(reply).toContain('"shiped" is not a filter I know');
    expect(reply).toContain('shipped');
    expect(reply).toContain('Usage: /orders');
    expect(await h.seller('/orders page')).toContain('Missing: the page number.');
    expect(await h.seller('/orders page 0')).toContain('"0" is not a valid page number.');
    expect(await h.seller('/orders tag:')).toContain('not a filter I know');
  });
});

describe('/order', () => {
  it('shows one order in full: items, totals, customer, history, notes, tags, risk', async () => {
    const n = h.place({ lines: [['HONEY-1KG', 2], ['DATES-500', 1]] });
    await h.seller(`/confirm ${n}`);
    await h.seller(`/note ${n} call before delivery`);
    await h.seller(`/tag ${n} vip`);
    const view = await h.seller(`/order #${n}`);
    expect(view).toContain('Order #1001 — confirmed');
    expect(view).toContain('Natural honey 1 kg × 2 — EGP 500 · HONEY-1KG');
    expect(view).toContain('Siwa dates 500 g × 1 — EGP 90');
    expect(view).toContain('Subtotal: EGP 590');
    expect(view).toContain('Delivery: EGP 30');
    expect(view).toContain('Total: EGP 620');
    expect(view).toContain('Customer: Mona (+201001234567) · guest, number verified');
    expect(view).toContain('Tags: vip');
    expect(view).toContain('Risk: low (score 0)');
    expect(view).toContain(`call before delivery`);
    expect(view).toContain('→ confirmed (seller +201000000001)');
    expect(view).toContain('tag +vip');
    // Times in the shop's time zone (10:00 UTC is 12:00 in Cairo), the same as the customer's texts.
    expect(view).toContain('- 1 Mar 2026, 12:00 → confirmed (seller +201000000001)');
    expect(view).not.toContain('UTC');
    expect(view).toContain('placed (customer)');
  });

  it('writes reason codes and who acted in words, in the seller\'s language', async () => {
    const n = h.place();
    await h.seller(`/cancel ${n} out_of_stock`);
    const view = await h.seller(`/order ${n}`);
    expect(view).toContain('→ cancelled (out of stock) (seller +201000000001)');
    expect(view).not.toContain('out_of_stock');
    await h.seller('/language ar');
    const arabic = await h.seller(`/order ${n}`);
    expect(arabic).toContain('(نفاد المخزون) (البائع +201000000001)');
    expect(arabic).toContain('(العميل)');
  });

  it('refuses a missing or unknown order', async () => {
    expect(await h.seller('/order')).toBe('Missing: the order number.\nUsage: /order <number>');
    expect(await h.seller('/order 1001 1002')).toContain('I did not expect "1002" there.');
    expect(await h.seller('/order abc')).toContain('"abc" is not a valid order number.');
    expect(await h.seller('/order 4242')).toBe('There is no order #4242. Send /orders to see your orders.');
  });
});

describe('/neworder', () => {
  it('creates a phone order for a new number: an unverified guest, stock reserved, the customer sent a view link', async () => {
    const reply = await h.seller('/neworder 01112223334 HONEY-1KGx2 dates-500 x 1 shipping 45 channel instagram name Omar Ali address 5 Nile St, flat 2 area Maadi');
    expect(reply).toContain('Order #1001 created for Omar Ali (+201112223334), Instagram order:');
    expect(reply).toContain('Natural honey 1 kg × 2 — EGP 500');
    expect(reply).toContain('Delivery: EGP 45');
    expect(reply).toContain('Total: EGP 635 (COD)');
    expect(reply).toContain('A new customer');
    expect(reply).toContain('Send /confirm 1001');
    const order = h.order(1001);
    expect(order).toMatchObject({ status: 'pending', channel: 'instagram', customerName: 'Omar Ali', addressLine: '5 Nile St, flat 2', area: 'Maadi', shippingMinor: 4_500, totalMinor: 63_500, customerPhone: CUSTOMER_2 });
    expect(order.expiresAt).toBe('2026-03-03T10:00:00.000Z');
    expect(h.product('HONEY-1KG').stock).toBe(18);
    expect(h.product('DATES-500').stock).toBe(39);
    const guest = h.guest(CUSTOMER_2)!;
    expect(guest.verifiedAt).toBeNull();
    const link = h.app.db.select().from(linkTokens).where(eq(linkTokens.orderId, order.id)).get()!;
    expect(link.scope).toBe('view');
    const told = h.customerNews(CUSTOMER_2);
    expect(told).toContain('Test Shop has recorded your order #1001');
    expect(told).toMatch(/See it here: http:\/\/127\.0\.0\.1:3999\/l\/[A-Za-z0-9_-]{43}/);
    expect(h.events(1001).map((e) => e.type)).toEqual(['placed']);
    expect(h.events(1001)[0]).toMatchObject({ actorType: 'seller', actorId: SELLER });
  });

  it('uses the store delivery fee for the area and the phone channel by default, for a known customer in their language', async () => {
    h.place({ language: 'ar' });
    await h.seller('/settings zone Giza 45');
    const reply = await h.seller('/neworder +201001234567 TEA-BOX:0 ');
    expect(reply).toContain('"TEA-BOX:0" is not a valid product and quantity');
    h.customerNews();
    expect(await h.seller('/neworder +201001234567 SOAP-3x1 area Giza')).toContain('Delivery: EGP 45');
    expect(h.order(1002)).toMatchObject({ channel: 'phone', customerName: 'Mona', language: 'ar', area: 'Giza' });
    expect(h.customerNews()).toContain('سجّل Test Shop طلبك رقم #1002');
  });

  it('refuses bad input and changes nothing', async () => {
    const count = () => h.app.db.select().from(orders).all().length;
    expect(await h.seller('/neworder')).toContain('Missing: the phone number.');
    expect(await h.seller('/neworder 12 HONEY-1KGx1')).toContain('"12" is not a valid phone number.');
    expect(await h.seller('/neworder 01112223334')).toContain('Missing: the product and quantity');
    expect(await h.seller('/neworder 01112223334 HONEY-1KG')).toContain('"HONEY-1KG" is not a valid product and quantity');
    expect(await h.seller('/neworder 01112223334 NOPE-1x1')).toBe('There is no product with the code NOPE-1. Send /products to see the codes.');
    expect(await h.seller('/neworder 01112223334 TEA-BOXx1')).toBe('Not enough TEA-BOX in stock: 1 wanted, 0 left.');
    expect(await h.seller('/neworder 01112223334 HONEY-1KGx15 HONEY-1KGx10')).toBe('Not enough HONEY-1KG in stock: 25 wanted, 20 left.');
    expect(await h.seller('/neworder 01112223334 HONEY-1KGx1 shipping abc')).toContain('"abc" is not a valid amount');
    expect(await h.seller('/neworder 01112223334 HONEY-1KGx1 channel web')).toContain('Use one of: phone, offline, whatsapp, instagram, facebook');
    expect(await h.seller('/neworder 01112223334 HONEY-1KGx1 name A name B')).toContain('given twice');
    expect(await h.seller('/neworder 01112223334 HONEY-1KGx1 name')).toContain('Missing: the text.');
    await h.seller('/product hide SOAP-3');
    expect(await h.seller('/neworder 01112223334 SOAP-3x1')).toContain('SOAP-3 is hidden');
    await h.seller('/block 01112223334');
    expect(await h.seller('/neworder 01112223334 HONEY-1KGx1')).toContain('+201112223334 is blocked');
    expect(await h.seller(`/neworder ${SELLER} HONEY-1KGx1`)).toBe("That is a seller number: an order needs the customer's own number.");
    expect(count()).toBe(0);
    expect(h.product('HONEY-1KG').stock).toBe(20);
    expect(h.app.db.select().from(guests).where(eq(guests.phoneE164, '+201112223335')).get()).toBeUndefined();
  });
});

describe('/confirm', () => {
  it('sends a verified customer an update link, and an unverified one a view link', async () => {
    const mine = h.place();
    await h.seller('/neworder 01112223334 HONEY-1KGx1');
    expect(await h.seller(`/confirm ${mine}`)).toContain('Order #1001 confirmed. The customer has been told');
    expect(h.customerNews()).toContain('Your order #1001 is confirmed');
    await h.seller('/confirm 1002');
    const scopes = h.app.db.select().from(linkTokens).all().filter((l) => l.revokedAt === null).map((l) => [l.orderId, l.scope]);
    expect(scopes).toEqual([
      [h.order(1001).id, 'update'],
      [h.order(1002).id, 'view'],
    ]);
    expect(h.order(1001)).toMatchObject({ status: 'confirmed', expiresAt: null, confirmedAt: '2026-03-01T10:00:00.000Z' });
  });
});

describe('/order risk', () => {
  it('words the fraud rules that fired for the order', async () => {
    const n = h.place();
    const id = h.order(n).id;
    h.app.database.sqlite
      .prepare("insert into fraud_flags (order_id, rule, points, reason, created_at) values (?, 'high_risk_zone', 30, ?, '2026-03-01T10:00:00.000Z'), (?, 'future_rule', 5, '{}', '2026-03-01T10:00:00.000Z')")
      .run(id, JSON.stringify({ zone: 'Dokki' }), id);
    h.app.database.sqlite.prepare("update orders set risk_score = 35, risk_level = 'medium' where id = ?").run(id);
    const view = await h.seller(`/order ${n}`);
    expect(view).toContain('Risk: medium (score 35)');
    expect(view).toContain('• delivery area is on your high-risk list (Dokki) (+30)');
    expect(view).toContain('• future_rule (+5)');
  });
});
