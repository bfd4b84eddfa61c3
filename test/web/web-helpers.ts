// Web test helpers: the whole app on port 0 over real HTTP, a tiny cookie-keeping client that acts
// like a browser on our forms, and orders made straight through the domain (fast, independent of the chat).
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { eq } from 'drizzle-orm';
import { createIdGenerator } from '../../src/ids.js';
import { issueOrderLink, type LinkScope } from '../../src/orders/links.js';
import { placeCatalogOrder } from '../../src/orders/place-order.js';
import type { Language } from '../../src/orders/language.js';
import { createGuestsRepo, type Guest } from '../../src/store/guests.js';
import type { Order } from '../../src/store/orders.js';
import { createProductsRepo } from '../../src/store/products.js';
import { guests } from '../../src/store/schema.js';
import { signCsrf } from '../../src/web/csrf.js';
import { startHarness, type Harness, type HarnessOptions } from '../helpers/harness.js';

export const SECRET = 'web-test-link-secret-0123456789abcdefghij';
export const PUBLIC = 'http://127.0.0.1:3999';
export const ORIGIN = PUBLIC;

/** A port nobody listens on right now (for a server whose PUBLIC_URL must name its own port). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
export const OTHER_CUSTOMER = '+201112223334';

export interface Web {
  h: Harness;
  base: string;
  client(options?: ClientOptions): Client;
  close(): Promise<void>;
}

export async function startWeb(env: Record<string, string> = {}, options: Omit<HarnessOptions, 'env'> & { port?: number } = {}): Promise<Web> {
  const { port = 0, ...harness } = options;
  const h = await startHarness({ ...harness, env: { PUBLIC_URL: PUBLIC, LINK_SECRET: SECRET, TRUST_PROXY: 'loopback', ...env } });
  const server: Server = h.app.web.listen(port, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    h,
    base,
    client: (o = {}) => new Client(base, o),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await h.stop();
    },
  };
}

export interface ClientOptions {
  /** The address the app sees (through X-Forwarded-For; the tests trust loopback as a proxy). */
  ip?: string;
  /** `Origin` on POSTs: our origin unless given; null sends none. */
  origin?: string | null;
  /** `Sec-Fetch-Site` on POSTs; none unless given. */
  fetchSite?: string;
  userAgent?: string;
}

interface Cookie {
  name: string;
  value: string;
  path: string;
}

/** Enough of a browser for our pages: keeps cookies by path, sends Origin, reads the CSRF field. */
export class Client {
  cookies: Cookie[] = [];
  constructor(
    readonly base: string,
    readonly options: ClientOptions,
  ) {}

  cookieHeader(path: string): string {
    const pathname = path.split('?')[0]!;
    return this.cookies
      .filter((c) => c.path === '/' || pathname === c.path || pathname.startsWith(`${c.path}/`))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  cookie(name: string): Cookie | undefined {
    return this.cookies.find((c) => c.name === name);
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
      const eqAt = pair.indexOf('=');
      const name = pair.slice(0, eqAt);
      const value = pair.slice(eqAt + 1);
      const path = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const gone = attrs.some((a) => /^max-age=0$/i.test(a));
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
      if (!gone) this.cookies.push({ name, value, path });
    }
  }

  private headers(path: string, extra: Record<string, string>): Record<string, string> {
    const h: Record<string, string> = {};
    const cookie = this.cookieHeader(path);
    if (cookie) h.cookie = cookie;
    if (this.options.ip) h['x-forwarded-for'] = this.options.ip;
    if (this.options.userAgent) h['user-agent'] = this.options.userAgent;
    return { ...h, ...extra };
  }

  async get(path: string, extra: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(`${this.base}${path}`, { redirect: 'manual', headers: this.headers(path, extra) });
    this.remember(res);
    return res;
  }

  async post(path: string, form: Record<string, string>, extra: Record<string, string> = {}): Promise<Response> {
    const h = this.headers(path, { 'content-type': 'application/x-www-form-urlencoded', ...extra });
    const origin = this.options.origin === undefined ? ORIGIN : this.options.origin;
    if (origin !== null && !('origin' in extra)) h.origin = origin;
    if (this.options.fetchSite && !('sec-fetch-site' in extra)) h['sec-fetch-site'] = this.options.fetchSite;
    const res = await fetch(`${this.base}${path}`, { method: 'POST', redirect: 'manual', headers: h, body: new URLSearchParams(form).toString() });
    this.remember(res);
    return res;
  }

  /** GETs a page and returns its HTML and the CSRF token of its (first) form. */
  async page(path: string): Promise<{ res: Response; html: string; csrf: string }> {
    const res = await this.get(path);
    const html = await res.text();
    return { res, html, csrf: csrfIn(html) };
  }

  /** Opens a link like a person: the neutral page, then its button. Returns the exchange response. */
  async open(linkPath: string): Promise<Response> {
    const { csrf } = await this.page(linkPath);
    return this.post(linkPath, { csrf });
  }

  /** Opens a link and follows to the order page; returns the order path. */
  async openOrder(linkPath: string): Promise<string> {
    const res = await this.open(linkPath);
    if (res.status !== 303) throw new Error(`exchange answered ${res.status}`);
    return res.headers.get('location')!;
  }

  /** A valid CSRF token for any form, as only our server could make it (for tests that must get past CSRF). */
  forgeCsrf(purpose: string): string {
    const nonce = this.cookie('tj_csrf')?.value;
    if (!nonce) throw new Error('no CSRF nonce cookie yet');
    return signCsrf(SECRET, nonce, purpose);
  }
}

export function csrfIn(html: string): string {
  return /name="csrf" value="([^"]*)"/.exec(html)?.[1] ?? '';
}

export interface OrderFixture {
  phone: string;
  /** A guest who wrote to the store (verified), or a number a seller typed (not verified). */
  verified?: boolean;
  name?: string;
  addressLine?: string;
  area?: string;
  language?: Language;
  quantity?: number;
  sku?: string;
}

const ids = createIdGenerator();

/** Places a catalog order directly (as the chat would), for a verified or an unverified guest. */
export function makeOrder(h: Harness, f: OrderFixture): { order: Order; guest: Guest } {
  const now = h.clock.now();
  return h.app.db.transaction((tx) => {
    const stamp = now.toISOString();
    const guest =
      f.verified === false
        ? (createGuestsRepo(tx).byPhone(f.phone) ?? tx.insert(guests).values({ phoneE164: f.phone, createdAt: stamp, updatedAt: stamp }).returning().get())
        : createGuestsRepo(tx).recordSender({ phone: f.phone, lid: null, chatAddress: f.phone, pushName: f.name ?? 'Nour', at: now });
    const product = createProductsRepo(tx).bySku(f.sku ?? 'HONEY-1KG')!;
    const order = placeCatalogOrder(tx, {
      guestId: guest.id,
      customerPhone: f.phone,
      lines: [{ productId: product.id, quantity: f.quantity ?? 2 }],
      name: f.name ?? 'Nour Ali',
      addressLine: f.addressLine ?? '9 Merghany St, flat 4',
      area: f.area ?? 'Heliopolis, Cairo',
      currency: 'EGP',
      shippingMinor: 3_000,
      language: f.language ?? 'en',
      channel: f.verified === false ? 'phone' : 'whatsapp',
      publicId: ids.publicId(),
      pendingTtlMs: 48 * 3_600_000,
      now,
    });
    return { order, guest };
  });
}

/** A fresh link for an order (revoking older ones), as the bot sends it; returns its path `/l/<token>`. */
export function linkFor(h: Harness, order: Pick<Order, 'id' | 'guestId'>, scope: LinkScope = 'update'): string {
  const url = h.app.db.transaction((tx) =>
    issueOrderLink(tx, { secret: SECRET, publicUrl: PUBLIC, newToken: ids.token }, { orderId: order.id, guestId: order.guestId, scope, ttlMs: h.config.ttl.link, now: h.clock.now() }),
  );
  return url.slice(PUBLIC.length);
}

export function setStatus(h: Harness, orderId: number, status: Order['status'], extra: Partial<Record<'courier' | 'tracking_number' | 'delivered_at' | 'payment_status', string>> = {}) {
  const sets = ['status = @status', 'updated_at = @now', ...Object.keys(extra).map((k) => `${k} = @${k}`)];
  h.app.database.sqlite.prepare(`UPDATE orders SET ${sets.join(', ')} WHERE id = @id`).run({ status, now: h.clock.now().toISOString(), id: orderId, ...extra });
}

/** The raw row (snake_case columns). */
export function orderRow(h: Harness, id: number): Record<string, unknown> {
  return h.app.database.sqlite.prepare('SELECT * FROM orders WHERE id = ?').get(id) as Record<string, unknown>;
}

export const count = (h: Harness, table: string, where = '1 = 1', ...params: unknown[]): number =>
  (h.app.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }).n;

/** Every text value in the database, for "the secret is stored nowhere" checks. */
export function everyStoredText(h: Harness): string {
  const sqlite = h.app.database.sqlite;
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  return tables.map((t) => JSON.stringify(sqlite.prepare(`SELECT * FROM "${t.name}"`).all())).join('\n');
}

export const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

/** The last order link sent to a chat, as a path. */
export function lastLinkTo(h: Harness, chat: string): string | null {
  const texts = h.outbound(chat).join('\n');
  const all = [...texts.matchAll(/http:\/\/127\.0\.0\.1:3999(\/l\/[A-Za-z0-9_-]{43})/g)];
  return all.at(-1)?.[1] ?? null;
}

export const guestRow = (h: Harness, phone: string) => h.app.db.select().from(guests).where(eq(guests.phoneE164, phone)).get();
