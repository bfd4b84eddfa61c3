// npm run bench:scale [-- --json]: with N stored conversations and N orders (1,000 / 10,000 / 100,000),
// messages from 10,000 distinct chats arrive: peak memory; and the seller's order list answers with
// each filter: time per query. Shows how both grow with N.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { systemClock } from '../src/clock.js';
import { parseConfig } from '../src/config.js';
import { createIdGenerator } from '../src/ids.js';
import { createTijaratk } from '../src/app.js';
import { updatePolicy } from '../src/orders/policy.js';
import { createOrderAdminRepo } from '../src/store/order-admin.js';
import type { OrderFilter } from '../src/store/order-filter.js';

const json = process.argv.includes('--json');
const sizeArg = process.argv.indexOf('--size');
const onlySize = sizeArg >= 0 ? Number(process.argv[sizeArg + 1]) : null;
const SIZES = [1_000, 10_000, 100_000];
const CHATS = 10_000;
const STATUSES = ['pending', 'confirmed', 'ready_for_shipping', 'shipped', 'delivered', 'failed_delivery', 'cancelled'] as const;
const CHANNELS = ['whatsapp', 'phone', 'offline', 'instagram', 'facebook', 'web'] as const;

const FILTERS: Record<string, OrderFilter> = {
  none: {},
  status: { statuses: ['delivered'] },
  type: { types: ['custom'] },
  channel: { channels: ['phone'] },
  payment: { payments: ['paid'] },
  guest: { customer: 'guest' },
  tag: { tags: ['vip'] },
  combined: { statuses: ['shipped'], types: ['catalog'], channels: ['whatsapp'], payments: ['unpaid'], customer: 'guest', tags: ['vip'] },
};

async function run(size: number) {
  const dir = mkdtempSync(join(tmpdir(), 'tijaratk-scale-'));
  const config = parseConfig({ TRANSPORT: 'simulator', DATABASE_PATH: join(dir, 'scale.db'), SELLER_NUMBERS: '+201000000001', LOG_LEVEL: 'silent', MEDIA_DIR: join(dir, 'm') });
  const app = createTijaratk({ config, logger: pino({ level: 'silent' }), clock: systemClock, ids: createIdGenerator() });
  await app.start(false);
  updatePolicy(app.db, { codConfirmation: 'never' }, new Date());
  const sqlite = app.database.sqlite;
  const stamp = new Date().toISOString();
  const snapshot = JSON.stringify({ value: 'menu', context: { language: 'en', cart: [] } });
  sqlite.transaction(() => {
    const guest = sqlite.prepare(`INSERT INTO guests (phone_e164, chat_address, language, verified_at, created_at, updated_at) VALUES (?, ?, 'en', ?, ?, ?)`);
    const conversation = sqlite.prepare(`INSERT INTO conversations (chat_key, guest_id, machine_id, machine_version, snapshot, revision, updated_at) VALUES (?, ?, 'customer', 0, ?, 1, ?)`);
    const order = sqlite.prepare(`INSERT INTO orders (number, public_id, type, channel, status, payment_status, guest_id, customer_name, address_line, area, currency,
      subtotal_minor, shipping_minor, total_minor, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'Scale', '1 Street', 'Cairo', 'EGP', 1000, 0, 1000, 'en', ?, ?)`);
    const tag = sqlite.prepare(`INSERT INTO order_tags (order_id, tag, at) VALUES (?, 'vip', ?)`);
    for (let i = 0; i < size; i++) {
      const phone = `+2011${String(10_000_000 + i).padStart(8, '0')}`;
      const guestId = Number(guest.run(phone, phone, stamp, stamp, stamp).lastInsertRowid);
      conversation.run(`guest:${guestId}`, guestId, snapshot, stamp);
      const orderId = Number(
        order.run(10_000 + i, `s${i}`, i % 5 === 0 ? 'custom' : 'catalog', CHANNELS[i % CHANNELS.length], STATUSES[i % STATUSES.length], i % 3 === 0 ? 'paid' : 'unpaid', guestId, stamp, stamp)
          .lastInsertRowid,
      );
      if (i % 20 === 0) tag.run(orderId, stamp);
    }
  })();

  // Messages from 10,000 distinct chats (new customers), 50 at a time.
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
  const sim = app.simulator!;
  for (let start = 0; start < CHATS; start += 50) {
    await Promise.all(
      Array.from({ length: 50 }, (_, k) => {
        const i = start + k;
        return sim.receive({ from: `+2012${String(10_000_000 + i).padStart(8, '0')}`, text: 'hi', id: `S${i}` });
      }),
    );
  }
  await app.outbox.drain(120_000);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const admin = createOrderAdminRepo(app.db);
  const queryMs: Record<string, number> = {};
  for (const [name, filter] of Object.entries(FILTERS)) {
    admin.page(filter, 1, 10); // warm
    const rounds = 20;
    const started = performance.now();
    for (let r = 0; r < rounds; r++) admin.page(filter, 2, 10);
    queryMs[name] = Math.round(((performance.now() - started) / rounds) * 100) / 100;
  }
  await app.stop(0);
  rmSync(dir, { recursive: true, force: true });
  return { stored: size, chats: CHATS, peakRssMb: Math.round(peakRss / 2 ** 20), queryMs };
}

if (onlySize !== null) {
  // One size in this process, so its peak memory is its own.
  console.log(JSON.stringify(await run(onlySize)));
} else {
  if (!json) {
    console.log(`| stored conversations and orders | peak RSS (10,000 chats writing) | ${Object.keys(FILTERS).map((f) => `/orders ${f} (ms)`).join(' | ')} |`);
    console.log(`|---:|---:|${Object.keys(FILTERS).map(() => '---:').join('|')}|`);
  }
  for (const size of SIZES) {
    // A fresh process per size, started the way this one was (the same Node flags).
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--size', String(size)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`size ${size} failed: ${child.stderr}`);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Awaited<ReturnType<typeof run>>;
    if (json) console.log(JSON.stringify(result));
    else console.log(`| ${size} | ${result.peakRssMb} MB | ${Object.values(result.queryMs).join(' | ')} |`);
  }
}
