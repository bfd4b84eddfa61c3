import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { guests, orders, products } from '../../src/store/schema.js';
import { CUSTOMER, SELLER, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

const stockOf = (sku: string) => h.app.db.select().from(products).where(eq(products.sku, sku)).get()!.stock;

describe('a catalog order from greeting to confirmed link', () => {
  it('works in English', async () => {
    expect(await h.ask(SELLER, '/language en')).toContain('answer you in English');
    const welcome = await h.ask(CUSTOMER, 'Hello', { name: 'Mona' });
    expect(welcome).toContain('Welcome to Test Shop');
    expect(welcome).toContain('1. Browse products');

    const list = await h.ask(CUSTOMER, '1');
    expect(list).toContain('1. Natural honey 1 kg — EGP 250');
    expect(list).toContain('(out of stock)');

    expect(await h.ask(CUSTOMER, '1')).toContain('How many would you like? Reply with a number from 1 to 20.');
    const cart = await h.ask(CUSTOMER, '2');
    expect(cart).toContain('Added 2 × Natural honey 1 kg');
    expect(cart).toContain('Subtotal: EGP 500');

    expect(await h.ask(CUSTOMER, 'checkout')).toContain('Reply 1 to use "Mona"');
    expect(await h.ask(CUSTOMER, '1')).toContain('delivery address');
    expect(await h.ask(CUSTOMER, '12 Tahrir St, building 5, floor 3')).toContain('area and city');
    const summary = await h.ask(CUSTOMER, 'Dokki, Giza');
    expect(summary).toContain('Delivery: EGP 30');
    expect(summary).toContain('Total: EGP 530 (cash on delivery)');
    expect(summary).toContain('Address: 12 Tahrir St, building 5, floor 3, Dokki, Giza');

    const placed = await h.ask(CUSTOMER, '1');
    expect(placed).toContain('Your order #1001 is placed');
    const order = h.app.db.select().from(orders).where(eq(orders.number, 1001)).get()!;
    expect(order).toMatchObject({ status: 'pending', paymentStatus: 'unpaid', paymentMethod: 'cod', totalMinor: 53_000, customerPhone: CUSTOMER, channel: 'whatsapp' });
    expect(stockOf('HONEY-1KG')).toBe(18);

    const sellerInbox = h.outbound(SELLER).join('\n');
    expect(sellerInbox).toContain('New order #1001 from Mona (+201001234567)');

    const confirmed = await h.ask(SELLER, '/confirm 1001');
    expect(confirmed).toContain('Order #1001 confirmed');
    const told = h.lastReplies(CUSTOMER).join('\n');
    expect(told).toContain('Your order #1001 is confirmed');
    expect(told).toMatch(/http:\/\/127\.0\.0\.1:3999\/l\/[A-Za-z0-9_-]{43}/);

    const details = await h.ask(SELLER, '/order 1001');
    expect(details).toContain('Order #1001 — confirmed');
    expect(details).toContain('Natural honey 1 kg × 2');
    expect(details).toContain('→ confirmed');
  });

  it('works in Arabic, with Arabic-Indic digits', async () => {
    const welcome = await h.ask(CUSTOMER, 'السلام عليكم', { name: 'منى' });
    expect(welcome).toContain('أهلاً بك في Test Shop');
    expect(await h.ask(CUSTOMER, '١')).toContain('منتجاتنا');
    expect(await h.ask(CUSTOMER, '٢')).toContain('كم قطعة تريد؟');
    expect(await h.ask(CUSTOMER, '٣')).toContain('تمت إضافة 3 × تمر سيوي');
    expect(await h.ask(CUSTOMER, '١')).toContain('ما الاسم');
    expect(await h.ask(CUSTOMER, 'منى أحمد')).toContain('عنوان التوصيل');
    expect(await h.ask(CUSTOMER, 'شارع التحرير عمارة ٥')).toContain('المنطقة والمدينة');
    const summary = await h.ask(CUSTOMER, 'الدقي، الجيزة');
    expect(summary).toContain('الاسم: منى أحمد');
    expect(summary).toContain('الدفع عند الاستلام');
    expect(await h.ask(CUSTOMER, 'تأكيد')).toContain('تم تسجيل طلبك رقم #1001');
    expect(stockOf('DATES-500')).toBe(37);

    expect(await h.ask(SELLER, '/تأكيد ١٠٠١')).toContain('#1001');
    expect(h.lastReplies(CUSTOMER).join('\n')).toContain('تم تأكيد طلبك رقم #1001');
  });
});

describe('what the pipeline guarantees', () => {
  it('answers a duplicate message id only once', async () => {
    await h.say(CUSTOMER, 'hi', { id: 'DUP-1' });
    const before = h.transcript(CUSTOMER).length;
    await h.say(CUSTOMER, 'hi', { id: 'DUP-1' });
    expect(h.transcript(CUSTOMER).length).toBe(before);
  });

  it('shows and answers a message sent twice at the same moment once', async () => {
    await Promise.all([h.say(CUSTOMER, 'hi', { id: 'TWICE-1' }), h.say(CUSTOMER, 'hi', { id: 'TWICE-1' })]);
    const lines = h.app.simulator!.entries(CUSTOMER, 0);
    expect(lines.filter((line) => line.direction === 'in')).toHaveLength(1);
    const once = lines.length;
    await h.ask(CUSTOMER, '1');
    expect(h.app.simulator!.entries(CUSTOMER, 0).length).toBeGreaterThan(once);
    expect(lines.filter((line) => line.direction === 'out' && line.text?.includes('1. Browse products'))).toHaveLength(1);
  });

  it('lets a redelivered message change nothing, not even the name it came with', async () => {
    await h.say(CUSTOMER, 'hi', { id: 'DUP-2', name: 'Mona' });
    const repliesBefore = h.transcript(CUSTOMER).length;
    await h.say(CUSTOMER, 'hi', { id: 'DUP-2', name: 'Someone Else' });
    expect(h.transcript(CUSTOMER).length).toBe(repliesBefore);
    expect(h.app.db.select().from(guests).where(eq(guests.phoneE164, CUSTOMER)).get()?.displayName).toBe('Mona');
    // A new message with the new name is taken as usual.
    await h.say(CUSTOMER, 'hi', { id: 'DUP-3', name: 'Someone Else' });
    expect(h.app.db.select().from(guests).where(eq(guests.phoneE164, CUSTOMER)).get()?.displayName).toBe('Someone Else');
  });

  it('offers a returning customer the name and address of their last order, read fresh for that step', async () => {
    for (const text of ['hi', '1', '1', '1', '1', 'Ali Hassan', '12 Tahrir Street', 'Dokki', '1']) await h.say(CUSTOMER, text);
    for (const text of ['hi', '1', '1', '1']) await h.say(CUSTOMER, text);
    expect(await h.ask(CUSTOMER, '1')).toContain('Reply 1 to use "Ali Hassan"');
    expect(await h.ask(CUSTOMER, '1')).toContain('Reply 1 to use your last address: 12 Tahrir Street, Dokki');
    const summary = await h.ask(CUSTOMER, '1');
    expect(summary).toContain('Ali Hassan');
    expect(summary).toContain('12 Tahrir Street');
    expect(await h.ask(CUSTOMER, '1')).toContain('#1002');
  });

  it('treats /confirm from a number that is not a seller as customer text', async () => {
    await h.ask(CUSTOMER, 'hi');
    const reply = await h.ask(CUSTOMER, '/confirm 1001');
    expect(reply).toContain('did not understand');
    expect(reply).not.toContain('confirmed');
  });

  it('refuses to confirm twice, with the current status', async () => {
    for (const text of ['hi', '1', '1', '1', '1', 'Ali Hassan', '12 Tahrir Street', 'Dokki', '1']) await h.say(CUSTOMER, text);
    await h.say(SELLER, '/language en');
    await h.say(SELLER, '/confirm 1001');
    const again = await h.ask(SELLER, '/confirm 1001');
    expect(again).toContain('cannot be confirmed: it is confirmed');
    expect(await h.ask(SELLER, '/confirm 9999')).toContain('There is no order #9999');
    expect(await h.ask(SELLER, '/confirm abc')).toContain('Usage: /confirm <number>');
    expect(await h.ask(SELLER, '/frobnicate')).toContain('Unknown command "/frobnicate"');
  });

  it('stays quiet while the store phone has taken the chat over', async () => {
    await h.ask(CUSTOMER, 'hi');
    await h.say(CUSTOMER, 'I will help you myself', { fromMe: true });
    const before = h.outbound(CUSTOMER).length;
    await h.say(CUSTOMER, '1');
    expect(h.outbound(CUSTOMER).length).toBe(before);
    h.clock.advance(31 * 60_000);
    expect(await h.ask(CUSTOMER, '1')).toContain('Our products');
  });
});

describe('bad input in the slice gets a clear answer and changes nothing', () => {
  const toQuantity = async () => {
    await h.say(CUSTOMER, 'hello');
    await h.say(CUSTOMER, '1');
    await h.say(CUSTOMER, '1');
  };

  it('letters, zero-like and huge quantities', async () => {
    await toQuantity();
    expect(await h.ask(CUSTOMER, 'two')).toContain('Please reply with the quantity as a number from 1 to 20');
    expect(await h.ask(CUSTOMER, '1000000000')).toContain('You can order at most 20');
    expect(await h.ask(CUSTOMER, '-3')).toContain('as a number');
    expect(await h.ask(CUSTOMER, '😀')).toContain('as a number');
    expect(stockOf('HONEY-1KG')).toBe(20);
    expect(await h.ask(CUSTOMER, '0')).toContain('Main menu');
  });

  it('an unknown product number and an out-of-stock product', async () => {
    await h.say(CUSTOMER, 'hello');
    await h.say(CUSTOMER, '1');
    expect(await h.ask(CUSTOMER, '42')).toContain('There is no product with that number. Reply with a number from 1 to 5');
    expect(await h.ask(CUSTOMER, '5')).toContain('Mint tea box is out of stock');
  });

  it('an empty or too short address, and a 5,000-character message', async () => {
    await toQuantity();
    for (const text of ['1', '1', 'Sara']) await h.say(CUSTOMER, text);
    expect(await h.ask(CUSTOMER, '   ')).toBeTruthy();
    expect(await h.ask(CUSTOMER, 'ab')).toContain('full delivery address');
    expect(await h.ask(CUSTOMER, 'x'.repeat(5000))).toContain('too long');
    expect(await h.ask(CUSTOMER, '🏠🏠🏠🏠🏠')).toContain('full delivery address');
    expect(await h.ask(CUSTOMER, '5 Nile Street')).toContain('area and city');
    expect(h.app.db.select().from(orders).all()).toHaveLength(0);
  });

  it('answers in Arabic to Arabic customers', async () => {
    await h.say(CUSTOMER, 'مرحبا');
    expect(await h.ask(CUSTOMER, 'كلام غير مفهوم')).toContain('عذراً، لم أفهم ذلك');
  });
});

describe('restart in the middle of checkout', () => {
  it('continues where the customer was, after closing and reopening the database file', async () => {
    await h.stop();
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(mkdtempSync(join(tmpdir(), 'tijaratk-')), 'bot.db');
    h = await startHarness({ databasePath: file });
    for (const text of ['hi', '1', '2', '4', 'checkout', 'Omar']) await h.say(CUSTOMER, text);
    expect(h.lastReplies(CUSTOMER).join()).toContain('delivery address');
    await h.stop();

    h = await startHarness({ databasePath: file });
    expect(await h.ask(CUSTOMER, '7 Corniche Road, flat 2')).toContain('area and city');
    const summary = await h.ask(CUSTOMER, 'Maadi, Cairo');
    expect(summary).toContain('Siwa dates 500 g × 4');
    expect(summary).toContain('Name: Omar');
    expect(await h.ask(CUSTOMER, '1')).toContain('#1001');
  });
});

describe('the error boundary', () => {
  it('apologises once in the customer language when handling fails, and keeps working afterwards', async () => {
    await h.ask(CUSTOMER, 'مرحبا');
    h.app.database.sqlite.exec('ALTER TABLE products RENAME TO products_away');
    expect(await h.ask(CUSTOMER, '1', { id: 'BOOM-1' })).toContain('عذراً، حدث خطأ من جهتنا');
    const count = h.transcript(CUSTOMER).length;
    await h.say(CUSTOMER, '1', { id: 'BOOM-1' });
    expect(h.transcript(CUSTOMER).length).toBe(count);
    h.app.database.sqlite.exec('ALTER TABLE products_away RENAME TO products');
    expect(await h.ask(CUSTOMER, '1')).toContain('منتجاتنا');
  });
});
