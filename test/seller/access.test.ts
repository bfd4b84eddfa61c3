import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sellerCommandRegistry } from '../../src/bot/seller/commands.js';
import { CUSTOMER, PNG, SELLER, domainFingerprint, startSellerHarness, type SellerHarness } from './helpers.js';

let h: SellerHarness;
beforeEach(async () => {
  h = await startSellerHarness();
});
afterEach(async () => {
  await h.cleanup();
});

/** One well-formed use of every command (they would succeed from a seller). */
const EVERY_COMMAND = [
  '/help',
  '/language ar',
  '/orders',
  '/order 1001',
  '/neworder 01112223334 HONEY-1KGx1',
  '/confirm 1001',
  '/edit 1001 shipping 10',
  '/note 1001 hello',
  '/tag 1001 vip',
  '/untag 1001 vip',
  '/ready 1001',
  '/ship 1001 Bosta',
  '/delivered 1001',
  '/failed 1001 refused',
  '/paid 1001',
  '/cancel 1001 customer',
  '/refund 1001',
  '/export csv',
  '/products',
  '/product price HONEY-1KG 10',
  '/import',
  '/settings delivery-fee 99',
  '/reply 1001 hello',
  '/resume 1001',
  '/block 1001',
  '/unblock 1001',
];

describe('who may run seller commands', () => {
  it('covers every command of the families in this issue here', () => {
    const mine = new Set(['general', 'orders', 'order-updates', 'fulfilment', 'payments', 'export', 'catalog', 'settings', 'inbox']);
    const names = sellerCommandRegistry()
      .families.filter((f) => mine.has(f.id))
      .flatMap((f) => f.commands.map((c) => c.name));
    const covered = new Set(EVERY_COMMAND.map((c) => c.slice(1).split(' ')[0]));
    expect(names.filter((n) => !covered.has(n))).toEqual([]);
  });

  it('treats every command from a customer number as customer text: it changes nothing and gets a customer answer', async () => {
    h.place();
    await h.ask(CUSTOMER, 'hello');
    const before = domainFingerprint(h);
    // Every registered command (other families too), bare and with an order number.
    const others = sellerCommandRegistry().families.flatMap((f) => f.commands.flatMap((c) => [`/${c.name}`, `/${c.name} 1001`]));
    for (const command of [...EVERY_COMMAND, ...others]) {
      const reply = await h.ask(CUSTOMER, command);
      expect(reply, command).not.toMatch(/Usage:|Order #1001|Seller commands|Saved|blocked|Tagged|Note added/);
    }
    expect(domainFingerprint(h)).toBe(before);
    expect(h.transcript(SELLER)).toEqual([]);
  });
});

describe('forwarded messages', () => {
  it('never runs a forwarded command (once the transport marks forwarded messages)', async () => {
    const n = h.place();
    await h.seller('/orders');
    const before = domainFingerprint(h);
    const message = {
      transport: 'simulator' as const,
      id: 'FWD-1',
      chatAddress: SELLER,
      phone: SELLER,
      lid: null,
      pushName: null,
      fromMe: false,
      offline: false,
      receivedAt: h.clock.now(),
      type: 'text' as const,
      text: `/cancel ${n} customer`,
      forwarded: true,
    };
    await h.app.bot.handle(message);
    await h.app.outbox.drain();
    expect(h.outbound(SELLER).at(-1)).toBe('Forwarded messages are not run as commands. Type the command yourself.');
    expect(domainFingerprint(h)).toBe(before);
  });
});

describe('/help and the grammar every command shares', () => {
  it('lists every family and command; /help <command> shows its usage and details', async () => {
    const all = await h.seller('/help');
    for (const family of ['*Orders*', '*Fulfilment*', '*Payment and cancellation*', '*Export*', '*Catalog*', '*Settings*', '*Inbox and block list*']) expect(all).toContain(family);
    for (const command of EVERY_COMMAND) expect(all).toContain(command.split(' ')[0]);
    expect(await h.seller('/help cancel')).toBe(
      '/cancel <number> <customer|stock|cannot-fulfil|fraud|other> [note]\nCancels an order with a reason; catalog stock goes back on the shelf and the customer is told. The note stays internal.',
    );
    expect(await h.seller('/help /الغاء')).toContain('/cancel <number>');
    expect(await h.seller('/help settings')).toContain('expiry pending|ready');
    expect(await h.seller('/help nothing')).toBe('Unknown command "/nothing". Send /help for the list of commands.');
    expect(await h.seller('/help a b')).toContain('I did not expect "b" there.');
  });

  it('answers in Arabic to an Arabic seller, with Arabic aliases and Arabic-Indic digits', async () => {
    h.place();
    await h.seller('/language ar');
    expect(await h.seller('/مساعدة')).toContain('أوامر البائع');
    expect(await h.seller('/طلب ١٠٠١')).toContain('طلب #1001 — قيد الانتظار');
    expect(await h.seller('/تأكيد #١٠٠١')).toContain('تم تأكيد الطلب #1001');
    expect(await h.seller('/شحن ١٠٠١')).toBe('ناقص: شركة الشحن.\nالاستخدام: \u2066/ship <number> <courier> [tracking]\u2069');
    expect(await h.seller('/مدفوع 1001')).toContain('تم تسجيل دفع الطلب #1001');
    expect(await h.seller('/الغاء 1001 العميل')).toContain('تم إلغاء الطلب #1001 (طلب العميل)');
    expect(await h.seller('/شيء')).toContain('أمر غير معروف');
    expect(await h.seller('hello')).toContain('أوامر البائع تبدأ بـ "/"');
  });

  it('never guesses: near misses are unknown commands or unknown words', async () => {
    const n = h.place();
    await h.seller('/orders');
    const before = domainFingerprint(h);
    expect(await h.seller(`/cancell ${n} customer`)).toBe('Unknown command "/cancell". Send /help for the list of commands.');
    expect(await h.seller(`/cancel ${n} custumer`)).toContain('"custumer" is not a reason I know');
    expect(await h.seller(`/ship${n}`)).toContain('Unknown command');
    expect(await h.seller('/')).toContain('Unknown command "/"');
    expect(domainFingerprint(h)).toBe(before);
  });

  it('answers media without a command', async () => {
    expect(await h.sendFile(SELLER, { mimetype: 'image/png', data: PNG, fileName: 'p.png' })).toBe('Send the photo itself with the caption /product photo <sku>.');
    expect(await h.sendFile(SELLER, { mimetype: 'application/pdf', data: Buffer.from('%PDF'), fileName: 'x.pdf' })).toBe('Send commands as text, for example /help.');
    expect(await h.sendFile(SELLER, { mimetype: 'image/png', data: PNG, fileName: 'p.png' }, 'just a picture')).toBe('Seller commands start with "/". Send /help for the list.');
  });
});
