// What a guest does on the order page with an `update` link, over real HTTP, and the seller's answers
// through /approve, /decline and /customer-requests; each request shows its state on the page.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMessenger } from '../../src/bot/messenger.js';
import { customerRequestCommands } from '../../src/bot/seller/commands/customer-requests.js';
import type { CommandContext } from '../../src/bot/seller/commands/types.js';
import { parseCommandLine } from '../../src/bot/seller/parse.js';
import { createIdGenerator } from '../../src/ids.js';
import { updatePolicy } from '../../src/orders/policy.js';
import { normalizeInput } from '../../src/orders/text.js';
import { createGuestsRepo } from '../../src/store/guests.js';
import type { Order } from '../../src/store/orders.js';
import { CUSTOMER, SELLER } from '../helpers/harness.js';
import { Client, count, csrfIn, linkFor, makeOrder, orderRow, plain, setStatus, startWeb, type Web } from './web-helpers.js';

let web: Web;
beforeEach(async () => {
  web = await startWeb();
  // The seller reads English here (their language is Arabic until they choose).
  const seller = createGuestsRepo(web.h.app.db).recordSender({ phone: SELLER, lid: null, chatAddress: SELLER, pushName: 'Seller', at: web.h.clock.now() });
  createGuestsRepo(web.h.app.db).setLanguage(seller.id, 'en', web.h.clock.now());
});
afterEach(async () => {
  await web.close();
});

const DAY = 24 * 3_600_000;

const aliases = new Map<string, string>();
for (const spec of customerRequestCommands.commands) {
  aliases.set(normalizeInput(spec.name), spec.name);
  for (const alias of spec.aliases) aliases.set(normalizeInput(alias), spec.name);
}

/** Runs one of the new seller commands as the registry would, inside a transaction, and delivers what it sent. */
async function seller(text: string, language: 'en' | 'ar' = 'en'): Promise<string> {
  const { h } = web;
  const parsed = parseCommandLine(text, aliases)!;
  const spec = customerRequestCommands.commands.find((c) => c.name === parsed.name)!;
  const outcome = h.app.db.transaction((tx) => {
    // Only what these commands use of the registry's context.
    const ctx = {
      tx,
      language,
      now: h.clock.now(),
      sellerPhone: SELLER,
      messenger: createMessenger(tx, { ids: createIdGenerator(), clock: h.clock, transport: h.app.transport, sellerNumbers: [SELLER], defaultLanguage: 'en' }),
    } as unknown as CommandContext;
    return spec.run(parsed, ctx);
  });
  h.app.outbox.kick();
  await h.app.outbox.drain();
  return plain(typeof outcome === 'string' ? outcome : outcome.text);
}

async function opened(order: Order): Promise<{ client: Client; location: string; csrf: string; html: string }> {
  const client = web.client();
  const location = await client.openOrder(linkFor(web.h, order));
  const html = plain(await (await client.get(location)).text());
  return { client, location, csrf: csrfIn(html), html };
}

async function act(o: { client: Client; location: string; csrf: string }, action: string, form: Record<string, string>) {
  const res = await o.client.post(`${o.location}/${action}`, { csrf: o.csrf, ...form });
  await web.h.app.outbox.drain();
  return res;
}

const pageOf = async (o: { client: Client; location: string }, query = '') => plain(await (await o.client.get(`${o.location}${query}`)).text());
const toSeller = () => web.h.outbound(SELLER).join('\n');
const toCustomer = () => web.h.outbound(CUSTOMER).join('\n');
const stock = (sku: string) => (web.h.app.database.sqlite.prepare('SELECT stock FROM products WHERE sku = ?').get(sku) as { stock: number }).stock;

describe('address change', () => {
  it('is a request the seller approves; the order then has the new address, logged before and after', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    setStatus(web.h, order.id, 'confirmed');
    const o = await opened(order);
    expect(o.html).toContain('Change the delivery address');
    const res = await act(o, 'address', { addressLine: '14 Nile St, floor 2', area: 'Zamalek, Cairo', lang: 'en' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${o.location}?lang=en&done=address`);
    const page = await pageOf(o, '?lang=en&done=address');
    expect(page).toContain('Your new address was sent to the store');
    expect(page).toContain('address change</strong> <span class="status open">waiting for the store');
    expect(page).toContain('14 Nile St, floor 2');
    expect(toSeller()).toMatch(/Request C-1: \u2068Nour Ali\u2069 asks to change the delivery address of order #1001 \(confirmed\)\./);
    expect(toSeller()).toContain('/approve C-1');
    expect(toCustomer()).toContain('We got your address change request for order #1001');
    expect(orderRow(web.h, order.id).address_line).toBe('9 Merghany St, flat 4');

    const listed = await seller('/customer-requests');
    expect(listed).toContain('C-1 · #1001 · address change · waiting for the store');
    expect(listed).toContain('14 Nile St, floor 2, Zamalek, Cairo');

    // Zamalek has its own fee now: the seller is told, and decides.
    updatePolicy(web.h.app.db, { deliveryZones: [{ name: 'Zamalek', feeMinor: 5_000 }] }, new Date());
    const approved = await seller('/approve C-1');
    expect(approved).toContain('C-1 accepted. Order #1001 now goes to');
    expect(plain(approved)).toContain('The delivery fee for \u2068Zamalek, Cairo\u2069 is EGP 50; the order still has EGP 30. To charge the area\'s fee: /edit 1001 shipping <amount>');
    expect(orderRow(web.h, order.id).shipping_minor).toBe(3_000);
    const row = web.h.app.database.sqlite.prepare('SELECT address_line, area FROM orders WHERE id = ?').get(order.id);
    expect(row).toEqual({ address_line: '14 Nile St, floor 2', area: 'Zamalek, Cairo' });
    const event = web.h.app.database.sqlite.prepare("SELECT actor_type, actor_id, before, after FROM order_events WHERE type = 'edit:address'").get() as { actor_type: string; actor_id: string; before: string; after: string };
    expect(event.actor_type).toBe('seller');
    expect(event.actor_id).toBe(SELLER);
    expect(JSON.parse(event.before)).toEqual({ addressLine: '9 Merghany St, flat 4', area: 'Heliopolis, Cairo' });
    expect(JSON.parse(event.after)).toEqual({ addressLine: '14 Nile St, floor 2', area: 'Zamalek, Cairo' });
    expect(toCustomer()).toContain('The store changed the delivery address of order #1001 to');
    const after = await pageOf(o);
    expect(after).toContain('<span class="status approved">accepted');
    expect(after).toContain('The store changed the delivery address');

    expect(await seller('/approve C-1')).toContain('C-1 is already accepted');
  });

  it('refuses a bad address with a reason, keeps what was typed, and stores nothing', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    const o = await opened(order);
    const res = await act(o, 'address', { addressLine: 'x', area: 'Zamalek <i>x</i>' });
    expect(res.status).toBe(400);
    const html = plain(await res.text());
    expect(html).toContain('Please check the address: 5 to 300 characters.');
    expect(html).toContain('value="Zamalek &lt;i&gt;x&lt;/i&gt;"');
    expect(count(web.h, 'customer_requests')).toBe(0);
  });

  it('a newer address replaces one still waiting', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    const o = await opened(order);
    await act(o, 'address', { addressLine: 'First street 1', area: 'Giza' });
    await act(o, 'address', { addressLine: 'Second street 2', area: 'Giza' });
    expect(count(web.h, 'customer_requests', "status = 'open'")).toBe(1);
    expect(await seller('/approve C-1')).toContain('already declined');
    expect(await seller('/approve C-2')).toContain('accepted');
  });
});

describe('cancellation', () => {
  it('a pending order is cancelled at once (default policy): stock goes back, both sides are told', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER, quantity: 3 });
    expect(stock('HONEY-1KG')).toBe(17);
    const o = await opened(order);
    expect(o.html).toContain('Cancel this order');
    expect((await act(o, 'cancel', { reason: 'ordered twice' })).status).toBe(400); // the box must be ticked
    expect(orderRow(web.h, order.id).status).toBe('pending');
    const res = await act(o, 'cancel', { reason: 'ordered twice', confirm: 'yes' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('done=cancelled');
    expect(orderRow(web.h, order.id).status).toBe('cancelled');
    expect(stock('HONEY-1KG')).toBe(20);
    expect(toSeller()).toContain('Order #1001 was cancelled by the customer \u2068Nour Ali\u2069, as your policy allows.\nReason: \u2068ordered twice\u2069\nIts stock was put back.');
    expect(toCustomer()).toContain('Your order #1001 is cancelled, as you asked.');
    const page = await pageOf(o);
    expect(page).not.toContain('Cancel this order');
    // Nothing on the page still waits for a shipment or a payment.
    expect(page).toContain('This order was cancelled, so it will not be shipped.');
    expect(page).toContain('nothing to pay: the order was cancelled');
    expect(page).not.toContain('not paid yet');
    expect(page).not.toContain('will show here when the order ships');
  });

  it('after confirmation it is a request: approve cancels and releases stock, decline keeps the order', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    const { order: second } = makeOrder(web.h, { phone: CUSTOMER, sku: 'DATES-500', quantity: 4 });
    setStatus(web.h, order.id, 'confirmed');
    setStatus(web.h, second.id, 'ready_for_shipping');
    const o = await opened(order);
    expect(o.html).toContain('Ask the store to cancel');
    expect((await act(o, 'cancel', { confirm: 'yes' })).headers.get('location')).toContain('done=cancel_requested');
    expect(orderRow(web.h, order.id).status).toBe('confirmed');
    expect(await pageOf(o)).toContain('Your cancellation request is waiting for the store.');
    expect((await act(o, 'cancel', { confirm: 'yes' })).status).toBe(409);
    expect(await seller('/approve C-1')).toContain('Order #1001 is cancelled and its stock put back');
    expect(orderRow(web.h, order.id).status).toBe('cancelled');
    expect(stock('HONEY-1KG')).toBe(20);

    const o2 = await opened(second);
    await act(o2, 'cancel', { confirm: 'yes', reason: 'too late' });
    expect(await seller('/decline C-2 It is already packed')).toContain('C-2 declined');
    expect(orderRow(web.h, second.id).status).toBe('ready_for_shipping');
    expect(toCustomer()).toContain('The store could not accept your cancellation request for order #1002.\nReason: \u2068It is already packed\u2069');
    const page = await pageOf(o2);
    expect(page).toContain('<span class="status declined">declined');
    expect(page).toContain('It is already packed');
    expect(stock('DATES-500')).toBe(36);
  });

  it('follows the seller policy: cancel up to shipping on their own; never once shipped', async () => {
    updatePolicy(web.h.app.db, { customerCancelUntil: 'ready_for_shipping' }, web.h.clock.now());
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    setStatus(web.h, order.id, 'ready_for_shipping');
    const o = await opened(order);
    expect((await act(o, 'cancel', { confirm: 'yes' })).headers.get('location')).toContain('done=cancelled');

    const { order: shipped } = makeOrder(web.h, { phone: CUSTOMER });
    setStatus(web.h, shipped.id, 'shipped');
    const s = await opened(shipped);
    expect(s.html).not.toContain('cancel');
    const res = await act(s, 'cancel', { confirm: 'yes' });
    expect(res.status).toBe(409);
    expect(plain(await res.text())).toContain('This is not possible now: the order is shipped.');
  });

  it('the seller cannot approve a cancellation once the order has shipped', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    setStatus(web.h, order.id, 'confirmed');
    await act(await opened(order), 'cancel', { confirm: 'yes' });
    setStatus(web.h, order.id, 'shipped');
    expect(await seller('/approve C-1')).toContain('C-1 cannot be accepted: order #1001 is shipped now');
    expect(orderRow(web.h, order.id).status).toBe('shipped');
    expect(await seller('/decline C-1 Already on its way')).toContain('declined');
  });
});

describe('contact, delivery, returns, rating', () => {
  it('a message reaches every seller in WhatsApp; the answer reaches the customer; the text stays inert on the page', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    const o = await opened(order);
    const res = await act(o, 'contact', { message: 'Can you deliver after 5pm? <img src=x onerror=alert(1)>' });
    expect(res.headers.get('location')).toContain('done=contact');
    expect(toSeller()).toContain('Message C-1 from \u2068Nour Ali\u2069 about order #1001:');
    expect(toSeller()).toContain('Can you deliver after 5pm? <img src=x onerror=alert(1)>');
    const page = await pageOf(o);
    expect(page).toContain('Can you deliver after 5pm? &lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img');
    // A message, not a request to accept: it waits for an answer, then is answered.
    expect(page).toContain('waiting for an answer');
    expect(page).toContain('You wrote to the store');
    expect(await seller('/answer C-1 Yes, between 5 and 9')).toContain('C-1 accepted');
    expect(toCustomer()).toContain('The store answered your message about order #1001:\n\u2068Yes, between 5 and 9\u2069');
    const answered = await pageOf(o);
    expect(answered).toContain('Yes, between 5 and 9');
    expect(answered).toContain('The store answered your message');
    expect(answered).toContain('>answered</span>');
  });

  it('caps messages at 10 a day per order', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    const o = await opened(order);
    for (let i = 0; i < 10; i++) expect((await act(o, 'contact', { message: `m${i}` })).status).toBe(303);
    const res = await act(o, 'contact', { message: 'one more' });
    expect(res.status).toBe(429);
    expect(count(web.h, 'customer_requests')).toBe(10);
    web.h.clock.advance(DAY);
    const again = await opened(order);
    expect((await act(again, 'contact', { message: 'next day' })).status).toBe(303);
  });

  it('shows the shipment and lets the customer confirm delivery only once it shipped', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    const o = await opened(order);
    expect(o.html).not.toContain('I received my order');
    expect((await act(o, 'delivered', {})).status).toBe(409);
    setStatus(web.h, order.id, 'shipped', { courier: 'Bosta', tracking_number: 'BST-123<x>' });
    const page = await pageOf(o);
    expect(page).toContain('Courier: <bdi>Bosta</bdi>');
    expect(page).toContain('BST-123&lt;x&gt;');
    expect(page).toContain('I received my order');
    const res = await act({ ...o, csrf: csrfIn(page) }, 'delivered', {});
    expect(res.headers.get('location')).toContain('done=delivered');
    const row = orderRow(web.h, order.id);
    expect(row.status).toBe('delivered');
    expect(row.delivered_at).toBe(web.h.clock.now().toISOString());
    expect(toSeller()).toContain('confirmed that order #1001 arrived. It is now delivered.');
    expect(await pageOf(o)).toContain('Status: delivered');
  });

  it('takes a return request within the window and the policy, not after', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    setStatus(web.h, order.id, 'delivered', { delivered_at: web.h.clock.now().toISOString() });
    const o = await opened(order);
    expect(o.html).toContain('Report a problem or ask for a return');
    expect((await act(o, 'return', { kind: 'refund', description: 'no' })).status).toBe(400);
    expect((await act(o, 'return', { kind: 'gift', description: 'The jar arrived broken' })).status).toBe(400);
    expect((await act(o, 'return', { kind: 'return', description: 'The jar arrived broken' })).headers.get('location')).toContain('done=return');
    expect(toSeller()).toContain('The jar arrived broken');
    expect((await act(o, 'return', { kind: 'refund', description: 'Still broken' })).status).toBe(409);
    expect(await seller('/approve C-1 We will pick it up tomorrow')).toContain('accepted');
    expect(toCustomer()).toContain('The store accepted your return request for order #1001');

    const { order: late } = makeOrder(web.h, { phone: CUSTOMER });
    setStatus(web.h, late.id, 'delivered', { delivered_at: new Date(web.h.clock.now().getTime() - 14 * DAY).toISOString() });
    const l = await opened(late);
    expect(l.html).not.toContain('ask for a return');
    const res = await act(l, 'return', { kind: 'return', description: 'The jar arrived broken' });
    expect(res.status).toBe(409);
    expect(plain(await res.text())).toContain('The return period for this order has ended.');

    updatePolicy(web.h.app.db, { returnsAccepted: false }, web.h.clock.now());
    const { order: none } = makeOrder(web.h, { phone: CUSTOMER });
    setStatus(web.h, none.id, 'delivered', { delivered_at: web.h.clock.now().toISOString() });
    const n = await opened(none);
    expect(plain(await (await act(n, 'return', { kind: 'return', description: 'The jar arrived broken' })).text())).toContain('The store does not accept returns.');
  });

  it('drops the return form the moment the window closes, and shows changes made elsewhere at once', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    setStatus(web.h, order.id, 'delivered', { delivered_at: web.h.clock.now().toISOString() });
    const o = await opened(order);
    expect(o.html).toContain('ask for a return');
    web.h.clock.advance(14 * DAY - 1);
    expect((await opened(order)).html).toContain('ask for a return');
    web.h.clock.advance(1);
    const closed = await opened(order);
    expect(closed.html).not.toContain('ask for a return');
    // A change the page did not make (a seller command, say) shows on the next load.
    setStatus(web.h, order.id, 'delivered', { payment_status: 'paid' });
    expect(await pageOf(closed)).toContain('<span class="status ">paid</span>');
  });

  it('takes one rating after delivery, 1 to 5, and tells the seller', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    const o = await opened(order);
    expect((await act(o, 'rate', { sellerRating: '5', orderRating: '4' })).status).toBe(409);
    setStatus(web.h, order.id, 'delivered');
    expect((await act(o, 'rate', { sellerRating: '6', orderRating: '4' })).status).toBe(400);
    expect((await act(o, 'rate', { sellerRating: '5', orderRating: '4', comment: 'Lovely <b>honey</b>' })).headers.get('location')).toContain('done=rated');
    expect(web.h.app.database.sqlite.prepare('SELECT seller_rating, order_rating, comment FROM feedback').all()).toEqual([{ seller_rating: 5, order_rating: 4, comment: 'Lovely <b>honey</b>' }]);
    expect(toSeller()).toContain('store 5/5, order 4/5.\n\u2068Lovely <b>honey</b>\u2069');
    const page = await pageOf(o);
    expect(page).toContain('Your rating: store 5/5, order 4/5');
    // The comment is shown back, as text.
    expect(page).toContain('<bdi>Lovely &lt;b&gt;honey&lt;/b&gt;</bdi>');
    expect(page).not.toContain('Rate your order');
    // In Arabic, counts use the same digits as prices and dates.
    const arabic = await pageOf(o, '?lang=ar');
    expect(arabic).toContain('تقييمك: المتجر ٥/٥، الطلب ٤/٥');
    expect(arabic).toContain("</bdi> × ٢</td>");
    expect((await act(o, 'rate', { sellerRating: '1', orderRating: '1' })).status).toBe(409);
    expect(count(web.h, 'feedback')).toBe(1);
  });
});

describe('a failed delivery', () => {
  it('says why and what happens next, in the page language', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    setStatus(web.h, order.id, 'failed_delivery', { courier: 'Aramex' });
    web.h.app.database.sqlite.prepare("UPDATE orders SET failure_reason = 'customer_unavailable' WHERE id = ?").run(order.id);
    const o = await opened(order);
    expect(plain(o.html)).toContain('The courier could not reach you. The store will arrange a new delivery or contact you.');
    expect(await pageOf(o, '?lang=ar')).toContain('لم يتمكن المندوب من الوصول إليك.');
  });
});

describe('the page in Arabic', () => {
  it('is right-to-left with Arabic labels, and the forms keep the language', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER, language: 'ar', name: 'نور علي' });
    const o = await opened(order);
    expect(o.html).toContain('<html lang="ar" dir="rtl">');
    expect(o.html).toContain('الطلب #1001');
    expect(o.html).toContain('تغيير عنوان التوصيل');
    expect(o.html).toContain('<input type="hidden" name="lang" value="ar">');
    const res = await act(o, 'contact', { message: 'متى يصل الطلب؟', lang: 'ar' });
    expect(res.headers.get('location')).toBe(`${o.location}?lang=ar&done=contact`);
    expect(await pageOf(o, '?lang=ar&done=contact')).toContain('تم إرسال رسالتك إلى المتجر');
    expect(toCustomer()).toContain('وصلت رسالتك بخصوص الطلب #1001');
    expect(await pageOf(o, '?lang=en')).toContain('<html lang="en" dir="ltr">');
  });
});

describe('seller commands', () => {
  it('answer bad ids and unknown requests with the usage or what is wrong, in Arabic too', async () => {
    expect(await seller('/approve')).toBe('Missing: the customer request (like C-12).\nUsage: /approve <C-12> [note or answer]');
    expect(await seller('/decline abc')).toBe('"abc" is not a valid customer request (like C-12).\nUsage: /decline <C-12> [reason]');
    expect(await seller('/approve C-99')).toContain('There is no customer request C-99');
    expect(await seller('/customer-requests')).toBe('No customer requests (open).');
    expect(await seller('/customer-requests nonsense')).toContain('"nonsense" is not a filter I know. Use one of: open, approved, declined, all, page N.\nUsage: /customer-requests');
    expect(await seller('/موافقة ٩٩', 'ar')).toContain('لا يوجد طلب عميل');
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    await act(await opened(order), 'contact', { message: 'hello' });
    expect(await seller('/customer-requests all page 1')).toContain('C-1 · #1001 · message');
    expect(await seller(`/decline C-1 ${'x'.repeat(600)}`)).toContain('at most 500 characters');
  });
});
