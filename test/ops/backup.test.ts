// Backups (issue 7, item 6): `npm run backup -- <file>` runs as its own process against the database file a live bot
// has open and keeps writing to. The copy restores (the README's steps) and holds every order that existed when the
// backup began, each whole, with no gaps; the restored bot answers for them.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { asc } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { orderEvents, orderItems, orders } from '../../src/store/schema.js';
import { REPO_ROOT } from '../helpers/child-app.js';
import { SELLER, startHarness, type Harness } from '../helpers/harness.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'tijaratk-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let customer = 0;
/** One customer through the whole catalog checkout: one order. */
async function placeOrder(h: Harness): Promise<void> {
  const phone = `+20105${String(2_000_000 + ++customer).padStart(7, '0')}`;
  for (const text of ['Hello', '1', '2', '1', 'checkout', '1', '5 Nile Street, flat 2', 'Maadi, Cairo', '1']) await h.say(phone, text, { name: 'Sara' });
}

describe('npm run backup', () => {
  it('copies the live database while the bot writes, and the restored copy has every order', async () => {
    const live = join(dir, 'live.db');
    const h = await startHarness({ databasePath: live, env: { MEDIA_DIR: join(dir, 'media') } });
    await h.say(SELLER, '/product stock DATES-500 10000');
    for (let i = 0; i < 12; i++) await placeOrder(h);
    const before = h.app.db.select({ number: orders.number }).from(orders).all().map((o) => o.number);
    expect(before).toHaveLength(12);

    // The backup runs as a separate process while this bot keeps taking orders.
    const copy = join(dir, 'copy.db');
    let backupDone = false;
    const backup = run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', copy], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_PATH: live, LOG_LEVEL: 'silent' },
    }).finally(() => {
      backupDone = true;
    });
    let during = 0;
    while (!backupDone) {
      await placeOrder(h);
      during++;
      // Handling a message never waits on I/O here, so give the event loop a turn to see the backup finish.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const { stdout } = await backup;
    expect(stdout).toMatch(/^Backed up .*live\.db to .*copy\.db \(\d+ orders, integrity ok\)\.\n$/);
    expect(during).toBeGreaterThan(0);
    await h.stop();

    // Restore as the README says: the copy becomes the database file (no -wal or -shm beside it), then start.
    const restored = join(dir, 'restored.db');
    copyFileSync(copy, restored);
    expect(existsSync(`${restored}-wal`)).toBe(false);
    const handle = openDatabase(restored);
    let numbers: number[];
    try {
      const db = handle.db;
      numbers = db.select({ number: orders.number }).from(orders).orderBy(asc(orders.number)).all().map((o) => o.number);
      // Every order from before the backup, and a consistent snapshot: numbered without gaps, each one whole.
      for (const n of before) expect(numbers).toContain(n);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => 1001 + i));
      const items = db.select().from(orderItems).all();
      const placed = db.select().from(orderEvents).all().filter((e) => e.type === 'placed');
      for (const order of db.select().from(orders).all()) {
        expect(items.filter((i) => i.orderId === order.id)).toHaveLength(1);
        expect(placed.filter((e) => e.orderId === order.id)).toHaveLength(1);
      }
      expect(stdout).toContain(`(${numbers.length} orders`);
    } finally {
      handle.close();
    }

    // The restored bot answers the seller about the orders it holds.
    const again = await startHarness({ databasePath: restored, env: { MEDIA_DIR: join(dir, 'media') } });
    try {
      await again.say(SELLER, '/language en');
      expect(await again.ask(SELLER, `/order ${numbers.at(-1)}`)).toContain(`Order #${numbers.at(-1)}`);
      expect(await again.ask(SELLER, '/order 1001')).toContain('Siwa dates 500 g × 1');
    } finally {
      await again.stop();
    }
  });

  it('refuses to run without a target, or onto the database itself', async () => {
    const db = join(dir, 'refuse.db');
    openDatabase(db).close();
    const env = { ...process.env, DATABASE_PATH: db };
    await expect(run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts'], { cwd: REPO_ROOT, env })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npm run backup -- <file>') });
    await expect(run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', db], { cwd: REPO_ROOT, env })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('another file') });
  });

  it('creates the folder the backup goes to', async () => {
    const db = join(dir, 'folder.db');
    openDatabase(db).close();
    const target = join(dir, 'backups', 'nested', 'shop.db');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', target], { cwd: REPO_ROOT, env: { ...process.env, DATABASE_PATH: db } });
    expect(stdout).toContain('integrity ok');
    expect(existsSync(target)).toBe(true);
  });
});

describe('npm run export', () => {
  it('refuses to write over the database it reads', async () => {
    const db = join(dir, 'export.db');
    openDatabase(db).close();
    const env = { ...process.env, DATABASE_PATH: db };
    for (const out of [db, `${db}-wal`]) {
      await expect(run(process.execPath, ['--import', 'tsx', 'scripts/export.ts', '--out', out], { cwd: REPO_ROOT, env })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('another file than the database') });
    }
    const check = openDatabase(db);
    expect(check.sqlite.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 0 });
    check.close();
  });
});
