// Magic links over real HTTP (app on port 0): the neutral page, the exchange, the cookie's life,
// identical refusals, replay, expiry at the exact instant, revocation, scope, IDOR, brute force,
// concurrency, CSRF, suspicious use and hardening.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CUSTOMER, SELLER } from '../helpers/harness.js';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createIdGenerator } from '../../src/ids.js';
import { signSession } from '../../src/orders/links.js';
import { openDatabase } from '../../src/store/db.js';
import { createWebApp } from '../../src/web/app.js';
import { ORDER_ACTIONS } from '../../src/web/order-routes.js';
import {
  count,
  OTHER_CUSTOMER,
  csrfIn,
  everyStoredText,
  lastLinkTo,
  linkFor,
  makeOrder,
  orderRow,
  plain,
  PUBLIC,
  SECRET,
  setStatus,
  startWeb,
  type Web,
} from './web-helpers.js';

let web: Web;
beforeEach(async () => {
  web = await startWeb();
});
afterEach(async () => {
  await web.close();
});

const HOUR = 3_600_000;
const noSession = (html: string) => expect(html).toContain('Open your link from WhatsApp');

describe('opening a link', () => {
  it('GET shows a neutral page with one button and no order data, and changes nothing (previews, scanners)', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER, name: 'Nour Ali' });
    const path = linkFor(web.h, order);
    const before = everyStoredText(web.h);
    for (const userAgent of ['facebookexternalhit/1.1', 'WhatsApp/2.23.20.0 A', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', 'Mozilla/5.0 HeadlessChrome']) {
      const client = web.client({ userAgent });
      const res = await client.get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-robots-tag')).toContain('noindex');
      const html = await res.text();
      expect(html).toContain('<form method="post" action="">');
      expect(html).not.toContain(String(order.number));
      expect(html).not.toContain('Nour');
      expect(html).not.toContain(order.publicId);
      const head = await client.get(path, {});
      expect(head.status).toBe(200);
    }
    expect(everyStoredText(web.h)).toBe(before);
    expect(await web.client().openOrder(path)).toBe(`/o/${order.publicId}`);
  });

  it('exchanges the token for an HttpOnly, SameSite=Strict cookie scoped to the order, and redirects without the token', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER, name: 'Nour <b>Ali</b>', addressLine: '<script>alert(1)</script> St' });
    const path = linkFor(web.h, order);
    const client = web.client();
    const exchange = await client.open(path);
    expect(exchange.status).toBe(303);
    const location = exchange.headers.get('location')!;
    expect(location).toBe(`/o/${order.publicId}`);
    expect(location).not.toContain(path.slice(3));
    const setCookie = exchange.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/tj_order=\d+\.\d+\.[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/o\/[A-Za-z0-9_-]+; Expires=[^;]+; HttpOnly; SameSite=Strict/);
    expect(setCookie).toContain(`Path=${location};`);

    const res = await client.get(location);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none';style-src 'self';img-src 'self' data:;form-action 'self';frame-ancestors 'none';base-uri 'none';object-src 'none'");
    const html = plain(await res.text());
    expect(html).toContain(`Order #${order.number}`);
    expect(html).toContain('Natural honey 1 kg</bdi> × 2');
    expect(html).toContain('EGP 530');
    expect(html).toContain('Cash on delivery');
    expect(html).toContain('not paid yet');
    // Customer-provided text is inert.
    expect(html).toContain('Nour &lt;b&gt;Ali&lt;/b&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; St');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>Ali</b>');

    const arabic = await (await client.get(`${location}?lang=ar`)).text();
    expect(arabic).toContain('dir="rtl"');
    expect(arabic).toContain(`الطلب #${order.number}`);
    expect(arabic).toContain('نقداً عند الاستلام');
  });

  it('sends the link with the placed order, before the seller has confirmed it', async () => {
    const { h } = web;
    for (const text of ['hi', '1', '1', '1', '1', 'Ali Hassan', '12 Tahrir Street', 'Dokki', '1']) await h.say(CUSTOMER, text);
    const path = lastLinkTo(h, CUSTOMER)!;
    expect(h.outbound(CUSTOMER).at(-1)).toContain(`Your order page: ${PUBLIC}${path}`);
    const client = web.client();
    const html = plain(await (await client.get(await client.openOrder(path))).text());
    expect(html).toContain('Order #1001');
    expect(html).toContain('Ali Hassan');
  });

  it('opens a link sent in the chat, end to end through the simulator', async () => {
    const { h } = web;
    for (const text of ['hi', '1', '1', '1', '1', 'Ali Hassan', '12 Tahrir Street', 'Dokki', '1']) await h.say(CUSTOMER, text);
    await h.say(SELLER, '/confirm 1001');
    const path = lastLinkTo(h, CUSTOMER)!;
    expect(path).toMatch(/^\/l\/[A-Za-z0-9_-]{43}$/);
    const client = web.client();
    const html = plain(await (await client.get(await client.openOrder(path))).text());
    expect(html).toContain('Order #1001');
    expect(html).toContain('Ali Hassan');
    // The customer wrote to the store, so their link may act: the forms are there.
    expect(html).toContain('Message the store');
  });

  it('stores only a keyed hash: the token is nowhere in the database', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    const path = linkFor(web.h, order);
    const token = path.slice(3);
    await web.client().openOrder(path);
    const stored = everyStoredText(web.h);
    expect(stored).not.toContain(token);
    const row = web.h.app.database.sqlite.prepare('SELECT token_hash FROM link_tokens').get() as { token_hash: string };
    expect(row.token_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row.token_hash).not.toBe(token);
  });
});

describe('refusals that cannot be told apart', () => {
  it('answers unknown, expired and revoked tokens with the same status and bytes', async () => {
    const { order: a } = makeOrder(web.h, { phone: CUSTOMER });
    const { order: b } = makeOrder(web.h, { phone: OTHER_CUSTOMER });
    const expired = linkFor(web.h, a);
    const revoked = linkFor(web.h, b);
    linkFor(web.h, b); // a resend revokes the older link
    web.h.clock.advance(24 * HOUR);
    const client = web.client();
    const answers = [];
    for (const path of [`/l/${'A'.repeat(43)}`, expired, revoked, '/l/short']) {
      const res = await client.open(path);
      answers.push({ status: res.status, body: await res.text() });
    }
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers[0]!.body).toContain('Send me a new link');
  });
});

describe('the life of a link', () => {
  it('works up to the instant before its expiry and not at it (injected clock)', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    const path = linkFor(web.h, order);
    web.h.clock.advance(24 * HOUR - 1_000);
    const client = web.client();
    const location = await client.openOrder(path);
    // The cookie lives no longer than the link: one second here.
    expect(client.cookieHeader(location)).toMatch(/tj_order=/);
    web.h.clock.advance(999);
    expect((await client.get(location)).status).toBe(200);
    expect(await web.client().openOrder(path)).toBe(location);
    web.h.clock.advance(1);
    expect((await web.client().open(path)).status).toBe(404);
    // The cookie issued a second ago dies with the link, server-side, whatever the browser keeps.
    const ended = await client.get(location);
    expect(ended.status).toBe(403);
    expect(await ended.text()).toContain('Your link has ended');
  });

  it('keeps a cookie for two hours at most, even while the link lives', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    const client = web.client();
    const location = await client.openOrder(linkFor(web.h, order));
    web.h.clock.advance(2 * HOUR - 1_000);
    expect((await client.get(location)).status).toBe(200);
    web.h.clock.advance(1_000);
    expect((await client.get(location)).status).toBe(403);
  });

  it('replay: a link opens again until it is replaced; a resend revokes the older one and kills its cookies at once', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    const first = linkFor(web.h, order);
    const client = web.client();
    const location = await client.openOrder(first);
    expect(await web.client().openOrder(first)).toBe(location); // the same link, again, from another browser
    const csrf = csrfIn(await (await client.get(location)).text());

    const second = linkFor(web.h, order);
    expect((await web.client().open(first)).status).toBe(404);
    expect((await client.get(location)).status).toBe(403);
    const post = await client.post(`${location}/contact`, { csrf, message: 'hello?' });
    expect(post.status).toBe(403);
    expect(count(web.h, 'customer_requests')).toBe(0);
    expect(await web.client().openOrder(second)).toBe(location);
  });

  it('replay of an action: a second cancellation of the same order changes nothing', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    const client = web.client();
    const location = await client.openOrder(linkFor(web.h, order));
    const csrf = csrfIn(await (await client.get(location)).text());
    const form = { csrf, confirm: 'yes', reason: 'changed my mind' };
    expect((await client.post(`${location}/cancel`, form)).status).toBe(303);
    expect(orderRow(web.h, order.id).status).toBe('cancelled');
    const again = await client.post(`${location}/cancel`, form);
    expect(again.status).toBe(409);
    expect(count(web.h, 'customer_requests', "kind = 'cancellation'")).toBe(1);
    expect(count(web.h, 'order_events', "type = 'status:cancelled'")).toBe(1);
  });

  it('50 parallel exchanges of one token all succeed the same way', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    const path = linkFor(web.h, order);
    const clients = Array.from({ length: 50 }, (_, i) => web.client({ ip: `10.9.9.${i + 1}` }));
    const csrfs = await Promise.all(clients.map(async (c) => (await c.page(path)).csrf));
    const results = await Promise.all(clients.map((c, i) => c.post(path, { csrf: csrfs[i]! })));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(303));
    expect(new Set(results.map((r) => r.headers.get('location'))).size).toBe(1);
    expect(count(web.h, 'link_token_uses')).toBe(50);
    expect(count(web.h, 'link_tokens', 'revoked_at IS NULL AND last_used_at IS NOT NULL')).toBe(1);
    const pages = await Promise.all(clients.map((c) => c.get(`/o/${order.publicId}`)));
    expect(pages.every((p) => p.status === 200)).toBe(true);
  });
});

describe('what a cookie can reach', () => {
  it('a view link (a number the seller typed) shows the order but cannot POST any action', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER, verified: false });
    // Even asked for `update`, an unverified number gets a view link.
    const path = linkFor(web.h, order, 'update');
    expect(web.h.app.database.sqlite.prepare('SELECT scope FROM link_tokens').get()).toEqual({ scope: 'view' });
    const client = web.client();
    const location = await client.openOrder(path);
    const html = await (await client.get(location)).text();
    expect(html).toContain('This link shows your order');
    expect(html).not.toContain('<form');
    setStatus(web.h, order.id, 'delivered');
    const before = everyStoredText(web.h);
    const csrf = client.forgeCsrf(`order:${order.publicId}`);
    const form = { csrf, confirm: 'yes', addressLine: 'Somewhere 12', area: 'Giza', message: 'hi', kind: 'return', description: 'broken lid', sellerRating: '5', orderRating: '5' };
    for (const action of ORDER_ACTIONS) {
      const res = await client.post(`${location}/${action}`, form);
      expect(res.status, action).toBe(403);
      expect(await res.text()).toContain('View only');
    }
    expect(everyStoredText(web.h)).toBe(before);
  });

  it("refuses another order's id with a valid cookie (403), and forged cookies", async () => {
    const { order: mine } = makeOrder(web.h, { phone: CUSTOMER });
    const { order: theirs } = makeOrder(web.h, { phone: OTHER_CUSTOMER });
    const client = web.client();
    const location = await client.openOrder(linkFor(web.h, mine));
    const cookie = client.cookieHeader(location);
    // A browser would not send the order cookie to another order's path; an attacker sends it by hand.
    const other = await client.get(`/o/${theirs.publicId}`, { cookie });
    expect(other.status).toBe(403);
    noSession(await other.text());
    const csrf = client.forgeCsrf(`order:${theirs.publicId}`);
    const act = await client.post(`/o/${theirs.publicId}/contact`, { csrf, message: 'let me in' }, { cookie });
    expect(act.status).toBe(403);
    expect(count(web.h, 'customer_requests')).toBe(0);
    const forged = await client.get(location, { cookie: cookie.replace(/tj_order=(\d+)\./, (_m, id) => `tj_order=${Number(id) + 1}.`) });
    expect(forged.status).toBe(403);
    expect((await web.client().get(location)).status).toBe(403);
    expect((await web.client().get('/o/unknownorder123')).status).toBe(403);
  });
});

describe('brute force and suspicious use', () => {
  it('answers 429 after 10 bad tokens from one address, keeps serving others, and lifts the block after 15 minutes', async () => {
    const attacker = web.client({ ip: '203.0.113.7' });
    const csrf = (await attacker.page('/l/x')).csrf;
    for (let i = 0; i < 10; i++) {
      const res = await attacker.post(`/l/${String(i).padStart(43, 'B')}`, { csrf });
      expect(res.status).toBe(404);
    }
    const blocked = await attacker.post(`/l/${'C'.repeat(43)}`, { csrf });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain('Too many attempts');
    // Even a good link waits: the block is on the address.
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    const path = linkFor(web.h, order);
    expect((await attacker.get(path)).status).toBe(429);
    expect(await web.client({ ip: '198.51.100.20' }).openOrder(path)).toBe(`/o/${order.publicId}`);
    web.h.clock.advance(15 * 60_000);
    expect(await attacker.openOrder(path)).toBe(`/o/${order.publicId}`);
  });

  it('revokes a link exchanged from more than three networks, sends the number a new one and tells the seller', async () => {
    const { h } = web;
    const { order } = makeOrder(h, { phone: CUSTOMER });
    const path = linkFor(h, order);
    for (const ip of ['10.0.1.5', '10.0.1.99', '10.0.2.5', '10.0.3.5']) expect((await web.client({ ip }).open(path)).status, ip).toBe(303);
    const fourth = await web.client({ ip: '10.0.4.5' }).open(path);
    expect(fourth.status).toBe(403);
    expect(await fourth.text()).toContain('Link turned off');
    expect(count(h, 'link_tokens', 'revoked_at IS NOT NULL')).toBe(1);
    await h.app.outbox.drain();
    const fresh = lastLinkTo(h, CUSTOMER)!;
    expect(fresh).not.toBe(path);
    expect(h.outbound(CUSTOMER).at(-1)).toContain('we turned off its link');
    expect(h.outbound(SELLER).join('\n')).toContain(`فُتح رابط الطلب #${order.number} من 4 شبكات مختلفة`);
    expect(await web.client({ ip: '10.0.1.5' }).openOrder(fresh)).toBe(`/o/${order.publicId}`);

    // Use after revocation: the same page as any bad link, and the seller hears of it once.
    const reuse = await web.client({ ip: '10.0.9.9' }).open(path);
    expect(reuse.status).toBe(404);
    await web.client({ ip: '10.0.9.9' }).open(path);
    await h.app.outbox.drain();
    expect(h.outbound(SELLER).filter((t) => t.includes('حاول أحدهم فتح الرابط الموقوف')).length).toBe(1);
  });
});

describe('CSRF and Origin', () => {
  it('refuses POSTs without the token, with a wrong one, from another site or with no origin at all', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    const path = linkFor(web.h, order);
    const client = web.client();
    const { csrf } = await client.page(path);
    const cases: [string, Response][] = [
      ['no token', await client.post(path, {})],
      ['wrong token', await web.client({ ip: '192.0.2.1' }).post(path, { csrf: 'x'.repeat(43) })],
      ["another browser's token", await web.client({ ip: '192.0.2.2' }).post(path, { csrf })],
      ['foreign origin', await web.client({ ip: '192.0.2.3' }).post(path, { csrf }, { origin: 'https://evil.example' })],
      ['cross-site fetch', await web.client({ ip: '192.0.2.4', fetchSite: 'cross-site' }).post(path, { csrf })],
      ['no origin, no fetch metadata', await web.client({ ip: '192.0.2.5', origin: null }).post(path, { csrf })],
    ];
    for (const [label, res] of cases) {
      expect(res.status, label).toBe(403);
      expect(await res.text(), label).toContain('We could not check this form');
    }
    expect(count(web.h, 'link_token_uses')).toBe(0);
    // What our own page sends in a browser with Referrer-Policy: no-referrer: Origin null and same-origin.
    expect((await client.post(path, { csrf }, { origin: 'null', 'sec-fetch-site': 'same-origin' })).status).toBe(303);
  });

  it('three CSRF failures block the address and end the session they carried', async () => {
    const { order } = makeOrder(web.h, { phone: CUSTOMER });
    const client = web.client({ ip: '192.0.2.50' });
    const location = await client.openOrder(linkFor(web.h, order));
    for (let i = 0; i < 3; i++) expect((await client.post(`${location}/contact`, { csrf: 'wrong', message: 'x' })).status).toBe(403);
    expect((await client.get(location)).status).toBe(429);
    expect(count(web.h, 'link_tokens', 'revoked_at IS NOT NULL')).toBe(1);
    expect((await web.client({ ip: '192.0.2.51' }).get(location, { cookie: client.cookieHeader(location) })).status).toBe(403);
  });
});

describe('a lost or expired link', () => {
  it('the expired page sends a new link to the number on file, rate-limited, and says the same either way', async () => {
    const { h } = web;
    const { order } = makeOrder(h, { phone: CUSTOMER });
    const old = linkFor(h, order);
    h.clock.advance(25 * HOUR);
    const client = web.client();
    const invalid = await client.open(old);
    expect(invalid.status).toBe(404);
    const csrf = csrfIn(await invalid.text());
    const sentBefore = h.outbound(CUSTOMER).length;
    const answer = await client.post(old, { csrf, do: 'resend' });
    expect(answer.status).toBe(200);
    const body = await answer.text();
    expect(body).toContain('If this link belongs to one of our orders');
    await h.app.outbox.drain();
    expect(h.outbound(CUSTOMER).length).toBe(sentBefore + 1);
    const fresh = lastLinkTo(h, CUSTOMER)!;
    expect(h.outbound(CUSTOMER).at(-1)).toContain(`Here is a new link to your order #${order.number}`);
    expect(await web.client().openOrder(fresh)).toBe(`/o/${order.publicId}`);

    // Again within the minute: nothing is sent, the page is the same. An unknown token: the same page.
    expect(await (await client.post(old, { csrf, do: 'resend' })).text()).toBe(body);
    expect(await (await client.post(`/l/${'Z'.repeat(43)}`, { csrf, do: 'resend' })).text()).toBe(body);
    await h.app.outbox.drain();
    expect(h.outbound(CUSTOMER).length).toBe(sentBefore + 1);
  });

  it('an ended session offers a new link too', async () => {
    const { h } = web;
    const { order } = makeOrder(h, { phone: CUSTOMER, language: 'ar' });
    const client = web.client();
    const location = await client.openOrder(linkFor(h, order));
    h.clock.advance(24 * HOUR);
    const ended = await client.get(location);
    expect(ended.status).toBe(403);
    const res = await client.post(`${location}/resend`, { csrf: csrfIn(await ended.text()) });
    expect(res.status).toBe(200);
    await h.app.outbox.drain();
    expect(h.outbound(CUSTOMER).at(-1)).toContain(`هذا رابط جديد لطلبك رقم #${order.number}`);
  });
});

describe('hardening', () => {
  it('sends the security headers on every guest route and no X-Powered-By', async () => {
    const client = web.client();
    for (const path of ['/l/abc', '/o/whatever', '/otp', '/nowhere']) {
      const res = await client.get(path);
      expect(res.headers.get('x-powered-by'), path).toBeNull();
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security'), path).toContain('max-age=31536000');
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp, path).toContain(directive);
    }
  });

  it('answers oversized or malformed forms with a short page and no stack trace', async () => {
    const client = web.client();
    const { csrf } = await client.page('/otp');
    const big = await client.post('/otp', { csrf, phone: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    const fields = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, 'x']));
    const many = await client.post('/otp', { csrf, ...fields });
    expect(many.status).toBe(413);
    for (const res of [big, many]) {
      const html = await res.text();
      expect(html).toContain('too large');
      expect(html).not.toMatch(/at \w+ \(|node_modules|\/work\//);
    }
    const notFound = await client.get('/o/x/y/z');
    expect(notFound.status).toBe(404);
  });

  it('answers a failure inside with a generic 500 page: no stack, no SQL, no path', async () => {
    const database = openDatabase(':memory:');
    const app = createWebApp({
      db: database.db,
      clock: web.h.clock,
      logger: pino({ level: 'silent' }),
      linkSecret: SECRET,
      publicUrl: PUBLIC,
      trustProxy: 'false',
      storeName: 'Shop',
      sellerNumbers: [],
      defaultLanguage: 'en',
      linkTtlMs: 24 * HOUR,
      ids: createIdGenerator(),
      transport: { addressForPhone: (p) => p },
      kickOutbox: () => undefined,
    });
    database.close(); // every query now throws
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const cookie = `tj_order=${signSession(SECRET, 1, 'some-order-id', web.h.clock.now())}`;
      const res = await fetch(`${base}/o/some-order-id`, { headers: { cookie } });
      expect(res.status).toBe(500);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain('Something went wrong on our side');
      expect(html).not.toMatch(/database|SELECT|at \w+ \(|\.ts|node_modules/i);
    } finally {
      server.close();
    }
  });

  it('builds links only from PUBLIC_URL, whatever Host the request names', async () => {
    const { h } = web;
    const { order } = makeOrder(h, { phone: CUSTOMER });
    const client = web.client();
    const old = linkFor(h, order);
    h.clock.advance(25 * HOUR);
    const csrf = csrfIn(await (await client.open(old)).text());
    await client.post(old, { csrf, do: 'resend' }, { host: 'evil.example', 'x-forwarded-host': 'evil.example' });
    await h.app.outbox.drain();
    expect(h.outbound(CUSTOMER).at(-1)).toContain('http://127.0.0.1:3999/l/');
    expect(h.outbound(CUSTOMER).join('\n')).not.toContain('evil.example');
  });
});
