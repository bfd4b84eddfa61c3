// Every customer action of the plan, through the simulator, in English and Arabic.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customers, customRequestImages, customRequests, feedback, guests, orders, products } from '../../src/store/schema.js';
import { CUSTOMER, OTHER_CUSTOMER, SELLER, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await h.say(SELLER, '/language en');
});
afterEach(async () => {
  await h.stop();
});

const orderRow = (number: number) => h.app.db.select().from(orders).where(eq(orders.number, number)).get()!;
const stockOf = (sku: string) => h.app.db.select().from(products).where(eq(products.sku, sku)).get()!.stock;

/** A catalog order of 2 × honey, placed in the customer's language. */
async function placeOrder(from = CUSTOMER, greeting = 'Hello'): Promise<number> {
  for (const text of [greeting, '0', '1', '1', '2', '1', 'Mona Ali', '12 Tahrir St, flat 3', 'Dokki, Giza', '1']) await h.say(from, text);
  const match = /#(\d+)/.exec(h.lastReplies(from).join('\n'));
  return Number(match![1]);
}

describe('custom order request', () => {
  it('collects description, quantity, budget and photos, numbers it R-101 and tells the sellers with the photos', async () => {
    await h.say(CUSTOMER, 'Hi');
    expect(await h.ask(CUSTOMER, '3')).toContain('Describe what you would like');
    expect(await h.ask(CUSTOMER, 'abc')).toContain('describe the item in words');
    expect(await h.ask(CUSTOMER, 'A wooden jewellery box with my name carved on the lid')).toContain('How many pieces?');
    expect(await h.ask(CUSTOMER, 'many')).toContain('number of pieces');
    expect(await h.ask(CUSTOMER, '2')).toContain('budget');
    expect(await h.ask(CUSTOMER, 'cheap')).toContain('budget as a number');
    expect(await h.ask(CUSTOMER, '750')).toContain('reference photos');
    expect(await h.sendImage(CUSTOMER)).toContain('Photo received (1/5)');
    expect(await h.sendImage(CUSTOMER)).toContain('Photo received (2/5)');
    const summary = await h.ask(CUSTOMER, 'done');
    expect(summary).toContain('Quantity: 2');
    expect(summary).toContain('Budget: EGP 750');
    expect(summary).toContain('Photos: 2');
    expect(await h.ask(CUSTOMER, '1')).toContain('Your request R-101 is sent');

    const request = h.app.db.select().from(customRequests).get()!;
    expect(request).toMatchObject({ number: 101, quantity: 2, budgetMinor: 75_000, status: 'pending' });
    expect(h.app.db.select().from(customRequestImages).where(eq(customRequestImages.requestId, request.id)).all()).toHaveLength(2);
    const seller = h.transcript(SELLER);
    expect(seller.map((e) => e.text ?? '').join('\n')).toContain('New custom request R-101');
    expect(seller.filter((e) => e.mediaMimetype === 'image/png')).toHaveLength(2);
  });

  it('refuses a file that is not a picture, and works in Arabic', async () => {
    await h.say(CUSTOMER, 'السلام عليكم');
    expect(await h.ask(CUSTOMER, '٣')).toContain('اكتب وصفاً');
    expect(await h.sendImage(CUSTOMER, undefined, Buffer.from('%PDF-1.4'), 'application/pdf')).toContain('من فضلك أرسل صوراً');
    expect(await h.ask(CUSTOMER, 'تورتة عيد ميلاد بطبقتين')).toContain('كم قطعة');
    expect(await h.ask(CUSTOMER, '١')).toContain('ميزانية');
    expect(await h.ask(CUSTOMER, 'تخطي')).toContain('صور توضيحية');
    expect(await h.ask(CUSTOMER, 'تخطي')).toContain('الميزانية: غير محددة');
    expect(await h.ask(CUSTOMER, 'إرسال')).toContain('تم إرسال طلبك R-101');
  });
});

describe('my orders, links and order actions', () => {
  it('lists the orders with a fresh link each, and refuses another customer’s order number', async () => {
    const mine = await placeOrder();
    const theirs = await placeOrder(OTHER_CUSTOMER);
    await h.say(CUSTOMER, '0');
    const list = await h.ask(CUSTOMER, '4');
    expect(list).toMatch(new RegExp(`Order #${mine}: http://127\\.0\\.0\\.1:3999/l/[A-Za-z0-9_-]{43}`));
    expect(list).not.toContain(`#${theirs}`);
    expect(await h.ask(CUSTOMER, String(theirs))).toContain('no order with that number among your orders');
    expect(await h.ask(CUSTOMER, `#${mine}`)).toContain('1. Send me the link');
    expect(await h.ask(CUSTOMER, '1')).toMatch(/Order #\d+: http/);
  });

  it('"resend my link" from the menu shows the orders with fresh links', async () => {
    await placeOrder();
    expect(await h.ask(CUSTOMER, 'resend my link')).toMatch(/Order #1001: http/);
  });

  it('cancels a pending order on the spot and puts the stock back', async () => {
    const number = await placeOrder();
    expect(stockOf('HONEY-1KG')).toBe(18);
    for (const text of ['0', '4', String(number)]) await h.say(CUSTOMER, text);
    expect(await h.ask(CUSTOMER, '2')).toContain(`Your order #${number} is cancelled`);
    expect(orderRow(number).status).toBe('cancelled');
    expect(stockOf('HONEY-1KG')).toBe(20);
    expect(h.outbound(SELLER).join('\n')).toContain(`Order #${number} was cancelled by the customer`);
  });

  it('turns a cancellation of a confirmed order into a request for the seller, and refuses one after shipping', async () => {
    const number = await placeOrder();
    await h.say(SELLER, `/confirm ${number}`);
    for (const text of ['0', '4', String(number)]) await h.say(CUSTOMER, text);
    expect(await h.ask(CUSTOMER, 'cancel')).toContain(`We asked the store to cancel order #${number}`);
    expect(orderRow(number).status).toBe('confirmed');
    expect(h.outbound(SELLER).join('\n')).toMatch(/\/approve C-\d+/);

    h.setOrderStatus(number, 'shipped');
    for (const text of ['0', '4', String(number)]) await h.say(CUSTOMER, text);
    expect(await h.ask(CUSTOMER, '2')).toContain('already been shipped, so it can no longer be cancelled');
    expect(orderRow(number).status).toBe('shipped');
  });

  it('confirms delivery only once shipped; rating and returns only after delivery', async () => {
    const number = await placeOrder();
    const open = async () => {
      for (const text of ['0', '4', String(number)]) await h.say(CUSTOMER, text);
    };
    await open();
    expect(await h.ask(CUSTOMER, '3')).toContain('has not been shipped yet');
    await open();
    // Said before any question is asked, and the order stays picked for the next choice.
    expect(await h.ask(CUSTOMER, '5')).toBe(`You can rate order #${number} once it has been delivered.`);
    expect(await h.ask(CUSTOMER, '4')).toBe(`Order #${number} has not been delivered yet. A return can be asked for after delivery.`);
    expect(await h.ask(CUSTOMER, '3')).toContain('has not been shipped yet');
    expect(h.app.db.select().from(feedback).all()).toHaveLength(0);

    h.setOrderStatus(number, 'shipped');
    await open();
    expect(await h.ask(CUSTOMER, 'I received it')).toContain('Thank you for confirming');
    expect(orderRow(number).status).toBe('delivered');

    await open();
    for (const text of ['rate', '5', '4']) await h.say(CUSTOMER, text);
    expect(await h.ask(CUSTOMER, 'Lovely honey, fast delivery')).toContain('Thank you for your rating');
    expect(h.app.db.select().from(feedback).get()).toMatchObject({ sellerRating: 5, orderRating: 4, comment: 'Lovely honey, fast delivery' });
    await open();
    for (const text of ['5', '3', '3']) await h.say(CUSTOMER, text);
    expect(await h.ask(CUSTOMER, 'skip')).toContain('already rated');

    await open();
    expect(await h.ask(CUSTOMER, '4')).toContain('What is wrong');
    expect(await h.ask(CUSTOMER, 'The jar arrived cracked')).toContain('send photos');
    expect(await h.sendImage(CUSTOMER)).toContain('Photo received (1/5)');
    expect(await h.ask(CUSTOMER, 'done')).toContain(`Your report about order #${number} is with the store`);
    const seller = h.transcript(SELLER);
    expect(seller.map((e) => e.text ?? '').join('\n')).toContain('The jar arrived cracked');
    expect(seller.some((e) => e.mediaMimetype === 'image/png')).toBe(true);
  });

  it('reorders a catalog order into a new cart at today’s prices and stock', async () => {
    const number = await placeOrder();
    h.app.database.sqlite.prepare('UPDATE products SET price_minor = 26000 WHERE sku = ?').run('HONEY-1KG');
    for (const text of ['0', '4', String(number)]) await h.say(CUSTOMER, text);
    const cart = await h.ask(CUSTOMER, 'order again');
    expect(cart).toContain("The items of that order are in your cart at today's prices");
    expect(cart).toContain('Natural honey 1 kg × 2 — EGP 520');
  });
});

describe('talking to the store', () => {
  it('hands the chat to a person, forwards the customer’s words, and comes back after HANDOFF_TTL', async () => {
    const number = await placeOrder();
    await h.say(CUSTOMER, '0');
    expect(await h.ask(CUSTOMER, '5')).toContain('a person from the store will answer you here');
    expect(h.lastReplies(SELLER).join('\n')).toContain(`wants to talk to a person (latest order #${number})`);
    const before = h.outbound(CUSTOMER).length;
    await h.say(CUSTOMER, 'Can you deliver before 5pm?');
    expect(h.outbound(CUSTOMER).length).toBe(before);
    expect(h.lastReplies(SELLER).join('\n')).toContain('Can you deliver before 5pm?');
    expect(h.lastReplies(SELLER).join('\n')).toContain(CUSTOMER);

    h.clock.advance(31 * 60_000);
    const back = await h.ask(CUSTOMER, 'hello?');
    expect(back).toContain('The assistant is back');
    expect(back).toContain('Main menu');
  });
});

describe('registering', () => {
  it('moves the guest’s orders to a new account, once', async () => {
    const number = await placeOrder();
    expect(await h.ask(CUSTOMER, 'register')).toContain('full name');
    expect(await h.ask(CUSTOMER, 'Mona Ali')).toContain('email');
    expect(await h.ask(CUSTOMER, 'not-an-email')).toContain('does not look like an email');
    expect(await h.ask(CUSTOMER, 'mona@example.com')).toContain('You are registered');
    const customer = h.app.db.select().from(customers).get()!;
    expect(customer).toMatchObject({ name: 'Mona Ali', phoneE164: CUSTOMER, email: 'mona@example.com' });
    expect(orderRow(number).customerId).toBe(customer.id);

    for (const text of ['register', 'Mona']) await h.say(CUSTOMER, text);
    expect(await h.ask(CUSTOMER, 'skip')).toContain('already registered');
    expect(h.app.db.select().from(customers).all()).toHaveLength(1);
  });
});

describe('a blocked number', () => {
  it('gets one polite message and nothing else', async () => {
    await h.say(CUSTOMER, 'hi');
    h.app.database.sqlite.prepare('UPDATE guests SET blocked_at = ? WHERE phone_e164 = ?').run('2026-03-01T09:00:00.000Z', CUSTOMER);
    const before = h.outbound(CUSTOMER).length;
    await h.say(CUSTOMER, '1');
    await h.say(CUSTOMER, '1');
    await h.say(CUSTOMER, 'hello??');
    const after = h.outbound(CUSTOMER).slice(before);
    expect(after).toEqual(['Sorry, this store is not taking orders from this number.']);
    expect(h.app.db.select().from(guests).where(eq(guests.phoneE164, CUSTOMER)).get()!.blockedNoticeAt).not.toBeNull();
  });
});

describe('my orders without orders', () => {
  it('says so and goes back to the menu, so the next number picks a menu option', async () => {
    await h.say(CUSTOMER, 'Hi');
    const reply = await h.ask(CUSTOMER, '4');
    expect(reply).toContain('You have no orders yet.');
    expect(reply).toContain('Main menu');
    expect(await h.ask(CUSTOMER, '5')).toContain('a person from the store will answer you here');
  });
});

describe('a product with a photo', () => {
  it('shows the photo before its details', async () => {
    await h.sendImage(SELLER, '/product photo HONEY-1KG');
    for (const text of ['Hi', '1']) await h.say(CUSTOMER, text);
    await h.say(CUSTOMER, '1');
    const entries = h.transcript(CUSTOMER);
    const photo = entries.findIndex((e) => e.direction === 'out' && e.mediaMimetype === 'image/png');
    expect(photo).toBeGreaterThan(-1);
    expect(entries[photo]!.text).toBe('Natural honey 1 kg');
    expect(entries[photo + 1]!.text).toContain('How many would you like?');
  });
});

describe('the same actions in Arabic', () => {
  async function placeArabicOrder(): Promise<number> {
    for (const text of ['السلام عليكم', '١', '١', '٢', '١', 'منى علي', 'شارع التحرير عمارة ٥', 'الدقي، الجيزة', 'تأكيد']) await h.say(CUSTOMER, text);
    return Number(/#(\d+)/.exec(h.lastReplies(CUSTOMER).join('\n'))![1]);
  }

  it('my orders, cancel, refusals after shipping, rating before delivery', async () => {
    const number = await placeArabicOrder();
    await h.say(CUSTOMER, '٠');
    expect(await h.ask(CUSTOMER, 'طلباتي')).toMatch(new RegExp(`الطلب #${number}: http`));
    expect(await h.ask(CUSTOMER, '٩٩٩٩')).toContain('لا يوجد طلب بهذا الرقم ضمن طلباتك');
    await h.say(CUSTOMER, String(number));
    expect(await h.ask(CUSTOMER, 'تقييم')).toContain(`يمكنك تقييم الطلب #${number} بعد توصيله`);

    h.setOrderStatus(number, 'shipped');
    for (const text of ['٠', '٤', String(number)]) await h.say(CUSTOMER, text);
    expect(await h.ask(CUSTOMER, 'الغاء الطلب')).toContain('تم شحن الطلب');
    for (const text of ['٠', '٤', String(number)]) await h.say(CUSTOMER, text);
    expect(await h.ask(CUSTOMER, 'استلمت')).toContain('شكراً لتأكيد استلامك');
  });

  it('a pending order is cancelled on the spot', async () => {
    const number = await placeArabicOrder();
    for (const text of ['٠', '٤', String(number)]) await h.say(CUSTOMER, text);
    expect(await h.ask(CUSTOMER, '٢')).toContain(`تم إلغاء طلبك رقم #${number}`);
  });

  it('talking to the store, registering, and the blocked notice', async () => {
    await h.say(CUSTOMER, 'مرحبا');
    expect(await h.ask(CUSTOMER, '٥')).toContain('سيرد عليك أحد أفراد المتجر');
    h.clock.advance(31 * 60_000);
    expect(await h.ask(CUSTOMER, 'تسجيل')).toContain('انتهى فريق المتجر');
    expect(h.lastReplies(CUSTOMER).join('\n')).toContain('ما اسمك بالكامل؟');
    await h.say(CUSTOMER, 'منى علي');
    expect(await h.ask(CUSTOMER, 'تخطي')).toContain('تم تسجيلك');
    h.app.database.sqlite.prepare('UPDATE guests SET blocked_at = ? WHERE phone_e164 = ?').run('2026-03-01T09:00:00.000Z', CUSTOMER);
    expect(await h.ask(CUSTOMER, 'مرحبا')).toBe('عذراً، هذا المتجر لا يستقبل طلبات من هذا الرقم.');
  });
});
