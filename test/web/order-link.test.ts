import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CUSTOMER, SELLER, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let server: Server;
let base: string;

beforeEach(async () => {
  h = await startHarness({ env: { PUBLIC_URL: 'http://127.0.0.1:3999' } });
  server = h.app.web.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await h.stop();
});

async function confirmedOrderLink(): Promise<string> {
  for (const text of ['Hello', '1', '3', '2', '1', 'Nour <b>Ali</b>', '9 Merghany St, flat 4', 'Heliopolis, Cairo', '1']) await h.say(CUSTOMER, text);
  await h.say(SELLER, '/confirm 1001');
  const link = /http:\/\/127\.0\.0\.1:3999(\/l\/[A-Za-z0-9_-]{43})/.exec(h.lastReplies(CUSTOMER).join('\n'));
  if (!link) throw new Error('no link sent');
  return link[1]!;
}

const post = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', redirect: 'manual', headers: { origin: 'http://127.0.0.1:3999', ...headers } });

describe('the order link', () => {
  it('GET shows a neutral page with one button and no order data, and changes nothing', async () => {
    const path = await confirmedOrderLink();
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('<form method="post"');
    expect(html).not.toContain('1001');
    expect(html).not.toContain('Nour');
    // A second GET (a link preview, say) still leaves the link usable.
    await fetch(`${base}${path}`);
    expect((await post(path)).status).toBe(303);
  });

  it('POST exchanges the token for an order-scoped cookie and the page shows the order', async () => {
    const path = await confirmedOrderLink();
    const exchange = await post(path);
    expect(exchange.status).toBe(303);
    const location = exchange.headers.get('location')!;
    expect(location).toMatch(/^\/o\/[A-Za-z0-9_-]+$/);
    expect(location).not.toContain(path.slice(3));
    const cookie = exchange.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toContain(`Path=${location}`);

    const pageRes = await fetch(`${base}${location}`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(pageRes.status).toBe(200);
    expect(pageRes.headers.get('cache-control')).toBe('no-store');
    const html = await pageRes.text();
    expect(html).toContain('Order #1001');
    expect(html).toContain('Extra virgin olive oil 750 ml</bdi> × 2');
    expect(html).toContain('confirmed');
    expect(html).toContain('Cash on delivery');
    expect(html).toContain('Nour &lt;b&gt;Ali&lt;/b&gt;');
    expect(html).not.toContain('<b>Ali</b>');

    const arabic = await (await fetch(`${base}${location}?lang=ar`, { headers: { cookie: cookie.split(';')[0]! } })).text();
    expect(arabic).toContain('dir="rtl"');
    expect(arabic).toContain('الطلب #1001');
  });

  it('refuses the order page without the cookie or with a forged one', async () => {
    const path = await confirmedOrderLink();
    const location = (await post(path)).headers.get('location')!;
    expect((await fetch(`${base}${location}`)).status).toBe(403);
    expect((await fetch(`${base}${location}`, { headers: { cookie: 'tj_order=1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } })).status).toBe(403);
  });

  it('answers unknown and expired tokens with byte-identical pages', async () => {
    const path = await confirmedOrderLink();
    const unknown = await post(`/l/${'A'.repeat(43)}`);
    h.clock.advance(24 * 3_600_000 + 1_000);
    const expired = await post(path);
    expect(unknown.status).toBe(404);
    expect(expired.status).toBe(404);
    expect(await expired.text()).toBe(await unknown.text());
  });

  it('refuses an exchange posted from another site', async () => {
    const path = await confirmedOrderLink();
    expect((await post(path, { origin: 'https://evil.example' })).status).toBe(403);
    // A browser honouring Referrer-Policy: no-referrer sends `Origin: null` from our own form.
    expect((await post(path, { origin: 'null' })).status).toBe(303);
  });
});

describe('the simulator API', () => {
  const send = (body: string) => fetch(`${base}/sim/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('accepts a message with 202 and shows both directions in the transcript', async () => {
    const res = await send(JSON.stringify({ from: '+201001234567', text: 'hi', id: 'API-1' }));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ id: 'API-1' });
    await h.app.outbox.drain();
    const list = await (await fetch(`${base}/sim/messages?chat=%2B201001234567&after=0`)).json();
    expect(list.messages[0]).toMatchObject({ seq: 1, chat: '+201001234567', direction: 'in', text: 'hi', media: null });
    expect(list.messages[1].direction).toBe('out');
    const later = await (await fetch(`${base}/sim/messages?chat=%2B201001234567&after=1`)).json();
    expect(later.messages.every((m: { seq: number }) => m.seq > 1)).toBe(true);
  });

  it.each([
    ['not JSON', '{"from": ', 'valid JSON'],
    ['no from', JSON.stringify({ text: 'hi' }), 'from'],
    ['a bad number', JSON.stringify({ from: 'abc', text: 'hi' }), 'phone number'],
    ['neither text nor media', JSON.stringify({ from: '+201001234567' }), 'one of text or media'],
    ['an unknown field', JSON.stringify({ from: '+201001234567', text: 'x', admin: true }), 'admin'],
    ['a media type we do not take', JSON.stringify({ from: '+201001234567', media: { mimetype: 'text/html', base64: 'AAAA' } }), 'mimetype'],
  ])('answers 400 with a reason for %s', async (_label, body, reason) => {
    const res = await send(body);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain(reason);
  });

  it('answers 400 for a transcript request without a valid chat', async () => {
    const res = await fetch(`${base}/sim/messages?after=0`);
    expect(res.status).toBe(400);
  });
});
