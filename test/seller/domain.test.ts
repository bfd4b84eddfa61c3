// The order operations on their own: the compare-and-set loser, stage deadlines, stock on cancel.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sellerTexts } from '../../src/flows/seller-texts.js';
import { cancelOrder } from '../../src/orders/cancel-order.js';
import { markShipped, stagePatch } from '../../src/orders/fulfilment.js';
import { markPaid } from '../../src/orders/payment.js';
import { placeCatalogOrder } from '../../src/orders/place-order.js';
import { seedDemoCatalog } from '../../src/orders/demo-catalog.js';
import { openDatabase, type DatabaseHandle, type Db } from '../../src/store/db.js';
import { createGuestsRepo } from '../../src/store/guests.js';
import { createProductsRepo } from '../../src/store/products.js';
import { sql } from 'drizzle-orm';

const sqlInsertTag = sql`insert into order_tags (order_id, tag, at) values (1, 'vip', '2026-03-01T10:00:00.000Z')`;

let handle: DatabaseHandle;
const now = new Date('2026-03-01T10:00:00.000Z');
const seller = { type: 'seller' as const, id: '+201000000001' };
const deadlines = { readyNotShippedMs: 72 * 3_600_000 };

beforeEach(() => {
  handle = openDatabase(':memory:');
  seedDemoCatalog(handle.db, 'EGP', now);
  handle.db.transaction((tx) => {
    const guest = createGuestsRepo(tx).recordSender({ phone: '+201001234567', lid: null, chatAddress: '+201001234567', pushName: 'Mona', at: now });
    placeCatalogOrder(tx, { guestId: guest.id, customerPhone: '+201001234567', lines: [{ productId: 1, quantity: 4 }], name: 'Mona', addressLine: 'x', area: 'y', currency: 'EGP', shippingMinor: 0, language: 'en', channel: 'whatsapp', publicId: 'p1', pendingTtlMs: 1, now });
  });
  handle.sqlite.prepare("update orders set status = 'confirmed'").run();
});
afterEach(() => handle.close());

/** A database on which another seller moves the order just before our compare-and-set write. */
function racing(db: Db, sqlBefore: string): Db {
  let done = false;
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'update' && !done) {
        return (...args: Parameters<Db['update']>) => {
          done = true;
          handle.sqlite.prepare(sqlBefore).run();
          return target.update(...args);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

describe('two sellers on one order', () => {
  it('the status compare-and-set loser learns the status the order now has and what may follow it', () => {
    const db = racing(handle.db, "update orders set status = 'shipped' where number = 1001");
    const result = markShipped(db, { orderNumber: 1001, courier: 'Aramex', trackingNumber: null, actor: seller, now, deadlines });
    expect(result).toEqual({ ok: false, reason: 'not_allowed', current: 'shipped', allowed: ['delivered', 'failed_delivery'] });
    expect(sellerTexts.en.notAllowed(1001, 'shipped', ['delivered', 'failed_delivery'], 'shipped')).toBe(
      'Order #1001 cannot be shipped: it is shipped. From here it can become: delivered, failed delivery.',
    );
    expect(handle.sqlite.prepare('select count(*) as n from order_events where type like ?').get('status:%')).toEqual({ n: 0 });
  });

  it('the payment compare-and-set loser learns the payment status', () => {
    const db = racing(handle.db, "update orders set payment_status = 'paid' where number = 1001");
    expect(markPaid(db, { orderNumber: 1001, actor: seller, now })).toEqual({ ok: false, reason: 'not_allowed', current: 'paid', allowed: ['refunded'] });
  });

  it('a cancel that loses releases no stock', () => {
    const db = racing(handle.db, "update orders set status = 'shipped' where number = 1001");
    expect(cancelOrder(db, { orderNumber: 1001, reason: 'customer_request', note: null, actor: seller, now }).ok).toBe(false);
    expect(createProductsRepo(handle.db).byId(1)!.stock).toBe(16);
  });
});

describe('stage deadlines and timestamps', () => {
  it('sets the deadline of the stage entered and clears the others', () => {
    expect(stagePatch('ready_for_shipping', now, deadlines)).toEqual({ expiresAt: '2026-03-04T10:00:00.000Z', remindedAt: null });
    expect(stagePatch('confirmed', now, deadlines)).toEqual({ expiresAt: null, remindedAt: null, confirmedAt: now.toISOString() });
    expect(stagePatch('shipped', now, deadlines)).toEqual({ expiresAt: null, remindedAt: null, shippedAt: now.toISOString() });
    expect(stagePatch('delivered', now, deadlines)).toEqual({ expiresAt: null, remindedAt: null, deliveredAt: now.toISOString() });
    expect(stagePatch('cancelled', now, deadlines)).toEqual({ expiresAt: null, remindedAt: null, cancelledAt: now.toISOString() });
    expect(stagePatch('failed_delivery', now, deadlines)).toEqual({ expiresAt: null, remindedAt: null });
  });
});

describe('the raw handle behind drizzle', () => {
  it('is the same connection for the database and inside a transaction (so exports see the transaction)', async () => {
    const { sqliteOf } = await import('../../src/store/raw-sqlite.js');
    expect(sqliteOf(handle.db)).toBe(handle.sqlite);
    handle.db.transaction((tx) => {
      tx.run(sqlInsertTag);
      expect(sqliteOf(tx)).toBe(handle.sqlite);
      expect(sqliteOf(tx).prepare('select count(*) as n from order_tags').get()).toEqual({ n: 1 });
    });
    expect(() => sqliteOf({} as never)).toThrow(/not a better-sqlite3/);
  });
});
