// Random command strings never throw, and never change data unless they are a command that succeeded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeSellerCommand, sellerCommandRegistry } from '../../src/bot/seller/commands.js';
import type { HandlerInput } from '../../src/bot/handler-input.js';
import { createMessenger } from '../../src/bot/messenger.js';
import { createManualClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { createIdGenerator } from '../../src/ids.js';
import { seedDemoCatalog } from '../../src/orders/demo-catalog.js';
import { issueOrderLink } from '../../src/orders/links.js';
import { placeCatalogOrder } from '../../src/orders/place-order.js';
import { openDatabase, type DatabaseHandle, type Tx } from '../../src/store/db.js';
import { createGuestsRepo } from '../../src/store/guests.js';
import { CUSTOMER, SELLER, domainFingerprint, startSellerHarness } from './helpers.js';

let handle: DatabaseHandle;
let mediaDir: string;
const clock = createManualClock('2026-03-01T10:00:00.000Z');
const ids = createIdGenerator();

beforeAll(() => {
  mediaDir = mkdtempSync(join(tmpdir(), 'tijaratk-prop-'));
  handle = openDatabase(':memory:');
  seedDemoCatalog(handle.db, 'EGP', clock.now());
  handle.db.transaction((tx) => {
    const guest = createGuestsRepo(tx).recordSender({ phone: CUSTOMER, lid: null, chatAddress: CUSTOMER, pushName: 'Mona', at: clock.now() });
    for (let i = 0; i < 4; i++) {
      placeCatalogOrder(tx, {
        guestId: guest.id,
        customerPhone: CUSTOMER,
        lines: [{ productId: 1 + (i % 3), quantity: 1 }],
        name: 'Mona',
        addressLine: '12 Tahrir St',
        area: 'Dokki',
        currency: 'EGP',
        shippingMinor: 3_000,
        language: i % 2 ? 'ar' : 'en',
        channel: 'whatsapp',
        publicId: `p${i}`,
        pendingTtlMs: 3_600_000,
        now: clock.now(),
      });
    }
    createGuestsRepo(tx).recordSender({ phone: SELLER, lid: null, chatAddress: SELLER, pushName: null, at: clock.now() });
  });
});
afterAll(() => {
  handle.close();
  rmSync(mediaDir, { recursive: true, force: true });
});

const config = () =>
  parseConfig({ TRANSPORT: 'simulator', DATABASE_PATH: ':memory:', SELLER_NUMBERS: SELLER, MEDIA_DIR: mediaDir, PUBLIC_URL: 'http://127.0.0.1:3999', LOG_LEVEL: 'silent' });

function contextFor(tx: Tx) {
  const cfg = config();
  const now = clock.now();
  const messenger = createMessenger(tx, { ids, clock, transport: { addressForPhone: (p) => p }, sellerNumbers: cfg.sellerNumbers, defaultLanguage: 'en' });
  const guest = createGuestsRepo(tx).byPhone(SELLER)!;
  const issueLink: HandlerInput['issueLink'] = (order, scope) =>
    issueOrderLink(tx, { secret: 's'.repeat(32), publicUrl: cfg.publicUrl, newToken: ids.token }, { orderId: order.id, guestId: order.guestId, scope, ttlMs: 3_600_000, now });
  const input: HandlerInput = {
    tx,
    message: { transport: 'simulator', id: 'P', chatAddress: SELLER, phone: SELLER, lid: null, pushName: null, fromMe: false, offline: false, receivedAt: now, type: 'text', text: '' },
    guest,
    media: null,
    messenger,
    config: cfg,
    ids,
    now,
    issueLink,
    afterCommit: () => {},
  };
  return {
    tx,
    language: guest.language ?? 'en',
    now,
    sellerPhone: SELLER,
    sellerGuestId: guest.id,
    sellerAddress: SELLER,
    messenger,
    issueLink,
    config: cfg,
    ids,
    media: null,
    mediaKind: null,
    afterCommit: () => undefined,
    input,
  } as const;
}

const registry = sellerCommandRegistry();
const words = registry.families.flatMap((f) => f.commands.flatMap((c) => [c.name, ...c.aliases]));
const TOKENS = [
  '1001', '#1002', '١٠٠٣', '1004', '9999', '0', '-1', '2', '250', '250.50', '٢٥٠', '1e3', 'abc', '=1+2', '@x', '+201112223334', '01001234567',
  'HONEY-1KG', 'honey-1kgx2', 'DATES-500x1', 'TEA-BOXx1', 'SOAP-3:2', 'x', '×3', 'qty', 'shipping', 'address', 'name', 'phone', 'description', 'area',
  'customer', 'stock', 'cannot-fulfil', 'fraud', 'other', 'refused', 'unavailable', 'Bosta', 'BST-1', 'vip', 'tag:vip', '#vip', 'csv', 'xlsx',
  'page', 'pending', 'confirmed', 'shipped', 'delivered', 'cancelled', 'open', 'paid', 'unpaid', 'guest', 'registered', 'phone', 'instagram',
  'add', 'price', 'hide', 'show', 'photo', 'zone', 'Giza', 'off', 'expiry', 'ready', '24h', 'default', 'delivery-fee', 'returns', 'yes', 'no',
  'ar', 'en', 'عربي', 'العميل', 'مؤكد', '|', 'عسل', '😀', '\n', '',
];

const token = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
const order = fc.constantFrom('1001', '#1002', '١٠٠٣', '1004', '4242');
const amount = fc.constantFrom('10', '25.50', '٢٥٠', '0', 'x');
/** Well-formed skeletons with random parts, so many generated commands reach the domain. */
const templated = fc.oneof(
  order.map((o) => `/confirm ${o}`),
  fc.tuple(order, fc.constantFrom('vip', 'hot', 'x+y')).map(([o, t]) => `/tag ${o} ${t}`),
  fc.tuple(order, fc.string({ maxLength: 20 })).map(([o, t]) => `/note ${o} ${t}`),
  fc.tuple(order, amount).map(([o, a]) => `/edit ${o} shipping ${a}`),
  fc.tuple(order, fc.constantFrom('customer', 'stock', 'nope')).map(([o, r]) => `/cancel ${o} ${r}`),
  fc.tuple(fc.constantFrom('HONEY-1KG', 'DATES-500', 'NOPE'), fc.constantFrom('5', '+2', '-1', 'x')).map(([sku, n]) => `/product stock ${sku} ${n}`),
  fc.array(fc.constantFrom('pending', 'paid', 'tag:vip', 'catalog', 'guest', 'page', '2', 'zzz'), { maxLength: 3 }).map((f) => `/orders ${f.join(' ')}`),
  amount.map((a) => `/settings delivery-fee ${a}`),
  order.map((o) => `/paid ${o}`),
  fc.tuple(order, fc.constantFrom('HONEY-1KG', 'SOAP-3'), fc.constantFrom('0', '1', '3', '99')).map(([o, sku, n]) => `/edit ${o} qty ${sku} ${n}`),
);
const randomText = fc
  .tuple(
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...words) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }),
    fc.array(token, { maxLength: 7 }),
    fc.constantFrom('/', '/', '/', '', ' /'),
  )
  .map(([name, args, slash]) => `${slash}${name} ${args.join(' ')}`);
const commandText = fc.oneof(randomText, templated);

describe('the seller command grammar under random input', () => {
  it('never throws, and leaves the data untouched unless the command succeeded', () => {
    let succeeded = 0;
    fc.assert(
      fc.property(commandText, (text) => {
        const before = domainFingerprint({ app: { database: handle } } as never);
        let result: ReturnType<typeof executeSellerCommand> | undefined;
        handle.db.transaction((tx) => {
          result = executeSellerCommand(text, contextFor(tx));
        });
        expect(typeof result!.text).toBe('string');
        if (!result!.ok) expect(domainFingerprint({ app: { database: handle } } as never)).toBe(before);
        else {
          expect(result!.command).not.toBeNull();
          succeeded++;
        }
      }),
      { numRuns: Number(process.env.SELLER_PROPERTY_RUNS ?? 400) },
    );
    // The generator does reach commands that succeed, so the property is not vacuous.
    expect(succeeded).toBeGreaterThan(40);
  });

  it('through the whole pipeline, random seller messages are answered without the error apology', async () => {
    const h = await startSellerHarness();
    try {
      for (const text of fc.sample(commandText, { numRuns: 60, seed: 42 })) {
        const reply = await h.seller(text);
        expect(reply, text).not.toContain('something went wrong');
      }
    } finally {
      await h.cleanup();
    }
  });
});
