// Shared set-up for the seller command tests: a harness with a private media folder, two seller
// numbers, and orders placed straight through the domain (as the customer's checkout would).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { vi } from 'vitest';
import { placeCatalogOrder } from '../../src/orders/place-order.js';
import type { Language } from '../../src/orders/language.js';
import { createGuestsRepo } from '../../src/store/guests.js';
import { guests, orderEvents, orderItems, orders, products } from '../../src/store/schema.js';
import { CUSTOMER, SELLER, startHarness, type Harness, type HarnessOptions } from '../helpers/harness.js';

export { CUSTOMER, SELLER };
/** A 1x1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
export const SELLER_2 = '+201000000002';
export const CUSTOMER_2 = '+201112223334';

export interface PlaceOptions {
  phone?: string;
  lines?: [sku: string, quantity: number][];
  language?: Language;
  name?: string;
  area?: string;
}

export interface SellerHarness extends Harness {
  mediaDir: string;
  /** Places a catalog order for `phone` (default CUSTOMER) and returns its number. */
  place(options?: PlaceOptions): number;
  order(number: number): typeof orders.$inferSelect;
  items(number: number): (typeof orderItems.$inferSelect)[];
  events(number: number): (typeof orderEvents.$inferSelect)[];
  product(sku: string): typeof products.$inferSelect;
  guest(phone: string): typeof guests.$inferSelect | undefined;
  /** Sends a file (a photo, a spreadsheet) with an optional caption and returns the replies it caused. */
  sendFile(from: string, file: { mimetype: string; data: Buffer; fileName: string }, caption?: string): Promise<string>;
  /** Every reply to the seller, joined; the harness `ask` in short. */
  seller(text: string, from?: string): Promise<string>;
  /** Everything the customer has been sent since the last call (joined). */
  customerNews(phone?: string): string;
  cleanup(): Promise<void>;
}

export async function startSellerHarness(options: HarnessOptions & { language?: Language } = {}): Promise<SellerHarness> {
  const mediaDir = mkdtempSync(join(tmpdir(), 'tijaratk-seller-'));
  const h = await startHarness({
    ...options,
    env: { SELLER_NUMBERS: `${SELLER},${SELLER_2}`, MEDIA_DIR: mediaDir, DEFAULT_LANGUAGE: options.language ?? 'en', ...options.env },
  });
  const db = h.app.db;
  const seen = new Map<string, number>();
  let publicIds = 0;
  let files = 0;

  const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

  return {
    ...h,
    mediaDir,
    place({ phone = CUSTOMER, lines = [['HONEY-1KG', 2]], language = 'en', name = 'Mona', area = 'Dokki, Giza' }: PlaceOptions = {}) {
      return db.transaction((tx) => {
        const now = h.clock.now();
        const guest = createGuestsRepo(tx).recordSender({ phone, lid: null, chatAddress: phone, pushName: name, at: now });
        createGuestsRepo(tx).setLanguage(guest.id, language, now);
        const order = placeCatalogOrder(tx, {
          guestId: guest.id,
          customerPhone: phone,
          lines: lines.map(([sku, quantity]) => ({ productId: tx.select().from(products).where(eq(products.sku, sku)).get()!.id, quantity })),
          name,
          addressLine: '12 Tahrir St',
          area,
          currency: 'EGP',
          shippingMinor: 3_000,
          language,
          channel: 'whatsapp',
          publicId: `pub-${++publicIds}-${Math.random().toString(36).slice(2)}`,
          pendingTtlMs: 48 * 3_600_000,
          now,
        });
        return order.number;
      });
    },
    order: (number) => db.select().from(orders).where(eq(orders.number, number)).get()!,
    items: (number) => {
      const o = db.select().from(orders).where(eq(orders.number, number)).get()!;
      return db.select().from(orderItems).where(eq(orderItems.orderId, o.id)).all();
    },
    events: (number) => {
      const o = db.select().from(orders).where(eq(orders.number, number)).get()!;
      return db.select().from(orderEvents).where(eq(orderEvents.orderId, o.id)).all();
    },
    product: (sku) => db.select().from(products).where(eq(products.sku, sku)).get()!,
    guest: (phone) => db.select().from(guests).where(eq(guests.phoneE164, phone)).get(),
    seller: (text, from = SELLER) => h.ask(from, text),
    async sendFile(from, file, caption) {
      await h.sim.receive({ from, id: `F${++files}-${Date.now()}`, media: file, ...(caption ? { text: caption } : {}) });
      await h.app.outbox.drain();
      return h.lastReplies(from).map(plain).join('\n---\n');
    },
    customerNews(phone = CUSTOMER) {
      const entries = h.transcript(phone).filter((e) => e.direction === 'out');
      const from = seen.get(phone) ?? 0;
      seen.set(phone, entries.length);
      return entries.slice(from).map((e) => plain(e.text)).join('\n---\n');
    },
    async cleanup() {
      await h.stop();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}

/** Waits (polling the outbox) until `chat` has received a document; returns its transcript entry. */
export async function waitForDocument(h: Harness, chat: string, count = 1) {
  return vi.waitFor(
    async () => {
      await h.app.outbox.drain();
      const docs = h.transcript(chat).filter((e) => e.direction === 'out' && e.mediaPath !== null);
      if (docs.length < count) throw new Error(`waiting for document ${count}`);
      return docs[count - 1]!;
    },
    { timeout: 10_000, interval: 20 },
  );
}

/** Waits until `chat` has at least `count` outbound messages. */
export async function waitForMessages(h: Harness, chat: string, count: number) {
  return vi.waitFor(
    async () => {
      await h.app.outbox.drain();
      const out = h.transcript(chat).filter((e) => e.direction === 'out');
      if (out.length < count) throw new Error(`waiting for ${count} messages`);
      return out.map((e) => (e.text ?? '').replace(/[\u00a0\u202f]/g, ' '));
    },
    { timeout: 10_000, interval: 20 },
  );
}

/** The domain data a seller command may change (not the inbound log, outbox or transcript). */
export function domainFingerprint(h: Harness): string {
  const sqlite = h.app.database.sqlite;
  const tables = ['orders', 'order_items', 'order_events', 'order_notes', 'order_tags', 'products', 'settings', 'link_tokens', 'counters'];
  const parts = tables.map((t) => JSON.stringify(sqlite.prepare(`select * from ${t} order by rowid`).all()));
  parts.push(JSON.stringify(sqlite.prepare('select id, phone_e164, language, verified_at, blocked_at from guests order by id').all()));
  parts.push(JSON.stringify(sqlite.prepare('select chat_key, handoff_until from conversations order by chat_key').all()));
  return parts.join('\n');
}
