// npm run bench:sweep [-- --json]: open orders and requests at several sizes, 1% of them due;
// how long one sweep takes. Shows that the cost follows the due items, not the open ones.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createManualClock } from '../src/clock.js';
import { parseConfig } from '../src/config.js';
import { createIdGenerator } from '../src/ids.js';
import { createTijaratk } from '../src/app.js';
import { updatePolicy } from '../src/orders/policy.js';

const json = process.argv.includes('--json');
const sizes = [1_000, 10_000, 100_000];
const HOUR = 3_600_000;

async function run(open: number): Promise<{ open: number; due: number; sweepMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'tijaratk-bench-'));
  const clock = createManualClock('2026-03-01T10:00:00.000Z');
  const config = parseConfig({ TRANSPORT: 'simulator', DATABASE_PATH: join(dir, 'bench.db'), SELLER_NUMBERS: '+201000000001', LOG_LEVEL: 'silent', MEDIA_DIR: join(dir, 'media') });
  const app = createTijaratk({ config, logger: pino({ level: 'silent' }), clock, ids: createIdGenerator() });
  await app.start(false);
  updatePolicy(app.db, { codConfirmation: 'never' }, clock.now());
  const sqlite = app.database.sqlite;
  const now = clock.now().getTime();
  const due = Math.round(open / 100);
  const seed = sqlite.transaction(() => {
    const guest = sqlite.prepare(`INSERT INTO guests (phone_e164, chat_address, language, verified_at, created_at, updated_at) VALUES (?, ?, 'en', ?, ?, ?)`);
    const order = sqlite.prepare(`INSERT INTO orders (number, public_id, type, channel, status, payment_status, guest_id, customer_name, address_line, area, currency,
      subtotal_minor, shipping_minor, total_minor, language, expires_at, created_at, updated_at) VALUES (?, ?, 'catalog', 'whatsapp', 'pending', 'unpaid', ?, 'Bench', '1 Street', 'Cairo', 'EGP', 1000, 0, 1000, 'en', ?, ?, ?)`);
    const request = sqlite.prepare(`INSERT INTO custom_requests (number, guest_id, description, quantity, currency, status, expires_at, created_at, updated_at) VALUES (?, ?, 'bench', 1, 'EGP', 'pending', ?, ?, ?)`);
    const stamp = new Date(now).toISOString();
    for (let i = 0; i < open; i++) {
      const phone = `+2010${String(10_000_000 + i).padStart(8, '0')}`;
      const guestId = Number(guest.run(phone, phone, stamp, stamp, stamp).lastInsertRowid);
      // 1% are due now; the rest expire far in the future, and none needs a reminder yet.
      const expires = new Date(now + (i < due ? -1000 : 100 * HOUR)).toISOString();
      if (i % 2 === 0) order.run(100_000 + i, `bench-${i}`, guestId, expires, stamp, stamp);
      else request.run(1_000 + i, guestId, expires, stamp, stamp);
    }
  });
  seed();
  const started = performance.now();
  const report = app.scheduler.sweep();
  const sweepMs = performance.now() - started;
  if (report.expired !== due) throw new Error(`expected ${due} expired, got ${report.expired}`);
  await app.stop(0);
  rmSync(dir, { recursive: true, force: true });
  return { open, due, sweepMs: Math.round(sweepMs * 10) / 10 };
}

for (const size of sizes) {
  const result = await run(size);
  if (json) console.log(JSON.stringify(result));
  else console.log(`open ${String(result.open).padStart(7)} · due ${String(result.due).padStart(5)} · one sweep ${result.sweepMs} ms`);
}
