// The OTP look-up over real HTTP: a code over WhatsApp, its rules (6 digits, hashed, 10 minutes,
// 5 tries, newest only, a minute between codes), answers that do not tell numbers apart, verification.
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createManualClock } from '../../src/clock.js';
import { createIdGenerator } from '../../src/ids.js';
import { generateOtpCode, OTP_RULES } from '../../src/orders/otp.js';
import { openDatabase } from '../../src/store/db.js';
import { createWebApp } from '../../src/web/app.js';
import { CUSTOMER } from '../helpers/harness.js';
import { Client, count, csrfIn, guestRow, makeOrder, OTHER_CUSTOMER, plain, startWeb, type Web } from './web-helpers.js';

let web: Web;
beforeEach(async () => {
  web = await startWeb();
});
afterEach(async () => {
  await web.close();
});

const MIN = 60_000;

/** The last code WhatsApp carried to a chat. */
function lastCode(chat: string): string | null {
  const texts = web.h.outbound(chat);
  for (let i = texts.length - 1; i >= 0; i--) {
    const m = /^(\d{6}) is your .* code/.exec(texts[i]!) ?? /^(\d{6}) هو رمز/.exec(texts[i]!);
    if (m) return m[1]!;
  }
  return null;
}

async function askCode(client: Client, phone: string, lang = 'en'): Promise<{ res: Response; html: string; csrf: string }> {
  const { csrf } = await client.page(`/otp?lang=${lang}`);
  const res = await client.post('/otp', { csrf, phone, lang });
  await web.h.app.outbox.drain();
  const html = await res.text();
  return { res, html, csrf: csrfIn(html) || csrf };
}

const verify = (client: Client, csrf: string, phone: string, code: string) => client.post('/otp/verify', { csrf, phone, code, lang: 'en' });

describe('the OTP look-up', () => {
  it('sends a code to a number with orders, opens its orders, and verifies the number (view links become update)', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER, verified: false, name: 'Nour Ali' });
    const { order: second } = makeOrder(web.h, { phone: CUSTOMER, verified: false });
    expect(guestRow(web.h, CUSTOMER)!.verifiedAt).toBeNull();
    const client = web.client();
    const start = await client.page('/otp');
    expect(start.res.status).toBe(200);
    expect(start.html).toContain('<html lang="ar" dir="rtl">');
    expect(start.html).toContain('ابحث عن طلباتي');
    // Whose site this is, as on the order page.
    expect(start.html).toContain('<span class="store"><bdi>Test Shop</bdi></span>');
    const asked = await askCode(client, '01001234567'); // local form, normalised to +20
    expect(asked.res.status).toBe(200);
    expect(asked.html).toContain('a 6-digit code is on its way');
    const code = lastCode(CUSTOMER)!;
    expect(code).toMatch(/^\d{6}$/);
    expect(web.h.outbound(CUSTOMER).at(-1)).toContain('Never share it');
    // Stored hashed only.
    const stored = web.h.app.database.sqlite.prepare('SELECT code_hash, attempts, expires_at, created_at FROM otp_codes').get() as { code_hash: string; expires_at: string; created_at: string };
    expect(stored.code_hash).not.toContain(code);
    expect(Date.parse(stored.expires_at) - Date.parse(stored.created_at)).toBe(10 * MIN);

    const res = await verify(client, asked.csrf, CUSTOMER, ` ${code.slice(0, 3)} ${code.slice(3)} `);
    expect(res.status).toBe(200);
    const html = plain(await res.text());
    expect(html).toContain('Your orders');
    // The store's name, and no language switch that would lead back to the start and lose the list.
    expect(html).toContain('<div class="top"><span class="store"><bdi>Test Shop</bdi></span></div>');
    expect(html).toContain(`href="/o/${order.publicId}?lang=en"`);
    expect(html).toContain(`href="/o/${second.publicId}?lang=en"`);
    expect(guestRow(web.h, CUSTOMER)!.verifiedAt).not.toBeNull();
    // The cookies it set open the orders, with update scope now.
    const page = plain(await (await client.get(`/o/${order.publicId}`)).text());
    expect(page).toContain('Message the store');
    expect(count(web.h, 'link_tokens', "scope = 'update' AND revoked_at IS NULL")).toBe(2);
    // Single use.
    expect((await verify(web.client(), asked.csrf, CUSTOMER, code)).status).toBe(403); // another browser: no nonce
    expect((await verify(client, asked.csrf, CUSTOMER, code)).status).toBe(400);
  });

  it('accepts Arabic-Indic digits', async () => {
    makeOrder(web.h, { phone: CUSTOMER });
    const client = web.client();
    const asked = await askCode(client, CUSTOMER, 'ar');
    const code = lastCode(CUSTOMER)!;
    const arabic = code.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);
    expect((await verify(client, asked.csrf, CUSTOMER, arabic)).status).toBe(200);
  });

  it('says the same for a number without orders, and sends nothing', async () => {
    makeOrder(web.h, { phone: CUSTOMER });
    const a = await askCode(web.client(), CUSTOMER);
    const b = await askCode(web.client(), OTHER_CUSTOMER);
    expect(a.res.status).toBe(b.res.status);
    const strip = (html: string, phone: string) => html.replaceAll(phone, 'PHONE').replace(/value="[A-Za-z0-9_-]{43}"/g, 'value="CSRF"');
    expect(strip(a.html, CUSTOMER)).toBe(strip(b.html, OTHER_CUSTOMER));
    expect(web.h.outbound(OTHER_CUSTOMER)).toEqual([]);
    // And a code typed for it fails exactly like a wrong code for a real one.
    const client = web.client();
    const other = await askCode(client, OTHER_CUSTOMER);
    const wrongForNobody = await (await verify(client, other.csrf, OTHER_CUSTOMER, '123456')).text();
    const real = web.client();
    const asked = await askCode(real, CUSTOMER);
    web.h.clock.advance(MIN);
    const code = lastCode(CUSTOMER)!;
    const wrongForReal = await (await verify(real, asked.csrf, CUSTOMER, code === '000000' ? '111111' : '000000')).text();
    expect(strip(wrongForNobody, OTHER_CUSTOMER)).toBe(strip(wrongForReal, CUSTOMER));
  });

  it('gives a code 5 wrong tries: the sixth try fails even with the right code', async () => {
    makeOrder(web.h, { phone: CUSTOMER });
    const client = web.client();
    const asked = await askCode(client, CUSTOMER);
    const code = lastCode(CUSTOMER)!;
    const wrong = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < OTP_RULES.maxTriesPerCode; i++) expect((await verify(client, asked.csrf, CUSTOMER, wrong)).status).toBe(400);
    const sixth = await verify(client, asked.csrf, CUSTOMER, code);
    expect(sixth.status).toBe(400);
    expect(await sixth.text()).toContain('That code is not right, or it has expired');
    expect(guestRow(web.h, CUSTOMER)!.verifiedAt).not.toBeNull(); // verified by their own chat earlier, unchanged
    expect(count(web.h, 'link_tokens')).toBe(0);
  });

  it('expires a code after exactly 10 minutes (injected clock)', async () => {
    makeOrder(web.h, { phone: CUSTOMER });
    const client = web.client();
    const asked = await askCode(client, CUSTOMER);
    const code = lastCode(CUSTOMER)!;
    web.h.clock.advance(10 * MIN);
    expect((await verify(client, asked.csrf, CUSTOMER, code)).status).toBe(400);

    web.h.clock.advance(MIN);
    const again = await askCode(client, CUSTOMER);
    const second = lastCode(CUSTOMER)!;
    web.h.clock.advance(10 * MIN - 1);
    expect((await verify(client, again.csrf, CUSTOMER, second)).status).toBe(200);
  });

  it('sends a new code at most once a minute, and only the newest code works', async () => {
    makeOrder(web.h, { phone: CUSTOMER });
    const client = web.client();
    const first = await askCode(client, CUSTOMER);
    const code1 = lastCode(CUSTOMER)!;
    const sent = web.h.outbound(CUSTOMER).length;
    web.h.clock.advance(MIN - 1);
    const soon = await askCode(client, CUSTOMER);
    expect(soon.res.status).toBe(200);
    expect(web.h.outbound(CUSTOMER).length).toBe(sent);
    web.h.clock.advance(1);
    await askCode(client, CUSTOMER);
    const code2 = lastCode(CUSTOMER)!;
    expect(web.h.outbound(CUSTOMER).length).toBe(sent + 1);
    if (code1 !== code2) expect((await verify(client, first.csrf, CUSTOMER, code1)).status).toBe(400);
    expect((await verify(client, first.csrf, CUSTOMER, code2)).status).toBe(200);
  });

  it('sends at most 5 codes an hour to a number, and limits each address', async () => {
    makeOrder(web.h, { phone: CUSTOMER });
    for (let i = 0; i < 7; i++) {
      await askCode(web.client({ ip: `198.51.100.${i + 1}` }), CUSTOMER);
      web.h.clock.advance(MIN);
    }
    expect(count(web.h, 'otp_codes')).toBe(OTP_RULES.maxCodesPerHour);

    const client = web.client({ ip: '203.0.113.99' });
    const { csrf } = await client.page('/otp');
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await client.post('/otp', { csrf, phone: `+2010012300${String(i).padStart(2, '0')}` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses[10]).toBe(429);
  });

  it('limits code tries per address (brute force across numbers)', async () => {
    const client = web.client({ ip: '203.0.113.77' });
    const { csrf } = await askCode(client, CUSTOMER);
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await verify(client, csrf, CUSTOMER, String(100000 + i))).status);
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('refuses a malformed number or code with a reason, and forms without CSRF', async () => {
    const client = web.client();
    const { csrf } = await client.page('/otp?lang=en');
    const bad = await client.post('/otp', { csrf, phone: 'call me', lang: 'en' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Please enter a WhatsApp number with its country code');
    const code = await verify(client, csrf, CUSTOMER, '12ab');
    expect(code.status).toBe(400);
    expect((await client.post('/otp', { phone: CUSTOMER })).status).toBe(403);
    expect((await client.post('/otp', { csrf, phone: CUSTOMER }, { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('generates six uniformly drawn digits from the given source', () => {
    expect(generateOtpCode(() => 42)).toBe('000042');
    expect(generateOtpCode(() => 999_999)).toBe('999999');
    for (let i = 0; i < 50; i++) expect(generateOtpCode()).toMatch(/^\d{6}$/);
  });
});

describe('codes and tokens never reach the logs', () => {
  it('logs no code, token or cookie, even at trace level', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) }));
    const database = openDatabase(':memory:');
    const clock = createManualClock('2026-03-01T10:00:00.000Z');
    let n = 0;
    const codes = ['424242'];
    const app = createWebApp({
      db: database.db,
      clock,
      logger,
      linkSecret: 'x'.repeat(40),
      publicUrl: 'http://127.0.0.1:3999',
      trustProxy: 'false',
      storeName: 'Shop',
      sellerNumbers: [],
      defaultLanguage: 'en',
      linkTtlMs: 24 * 3_600_000,
      ids: { ...createIdGenerator(), messageId: () => `M${++n}` },
      transport: { addressForPhone: (p) => p },
      kickOutbox: () => undefined,
      newOtpCode: () => codes.shift() ?? '515151',
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const stamp = clock.now().toISOString();
      database.sqlite.prepare("INSERT INTO guests (phone_e164, chat_address, verified_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?)").run(CUSTOMER, CUSTOMER, stamp, stamp, stamp);
      database.sqlite
        .prepare(
          "INSERT INTO orders (number, public_id, type, channel, status, payment_status, guest_id, customer_name, address_line, area, currency, subtotal_minor, shipping_minor, total_minor, language, created_at, updated_at) VALUES (1001, 'pubid-123456', 'catalog', 'whatsapp', 'pending', 'unpaid', 1, 'Nour', 'Street 1', 'Cairo', 'EGP', 100, 0, 100, 'en', ?, ?)",
        )
        .run(stamp, stamp);
      const client = new Client(base, {});
      const { csrf } = await client.page('/otp');
      await client.post('/otp', { csrf, phone: CUSTOMER });
      expect((database.sqlite.prepare('SELECT text FROM outbox').get() as { text: string }).text).toContain('424242');
      await client.post('/otp/verify', { csrf, phone: CUSTOMER, code: '111111' });
      const ok = await client.post('/otp/verify', { csrf, phone: CUSTOMER, code: '424242' });
      expect(ok.status).toBe(200);
      const cookie = client.cookieHeader('/o/pubid-123456');
      const page = await client.get('/o/pubid-123456');
      expect(page.status).toBe(200);
      const all = lines.join('');
      expect(all).toContain('otp_verified');
      expect(all).toContain('otp_failed');
      expect(all).not.toContain('424242');
      expect(all).not.toContain('111111');
      expect(all).not.toContain(csrf);
      for (const part of cookie.split('; ')) expect(all).not.toContain(part.split('=')[1]!);
      expect(all).not.toMatch(/\/l\/[A-Za-z0-9_-]{43}/);
    } finally {
      server.close();
      database.close();
    }
  });
});
