// GET /healthz for a process supervisor (issue 7, item 7), over real HTTP against the whole app: the database, the
// transport's connection state and the outbox backlog; 503 when the database fails or the transport stays down.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createTijaratk, type Tijaratk } from '../../src/app.js';
import { createManualClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { createIdGenerator } from '../../src/ids.js';
import type { HealthReport } from '../../src/bot/health.js';
import type { Transport } from '../../src/bot/transport.js';
import { createOutboxRepo } from '../../src/store/outbox.js';

let app: Tijaratk | undefined;
afterEach(async () => {
  // The database may have been closed on purpose; stopping still closes the server.
  await app?.stop(0).catch(() => undefined);
  app = undefined;
});

async function start(databasePath = ':memory:') {
  const clock = createManualClock('2026-03-01T10:00:00.000Z');
  const link = { ready: true };
  const transport: Transport = {
    name: 'baileys',
    perChatPaceMs: 0,
    start: async () => {},
    stop: async () => {},
    isReady: () => link.ready,
    addressForPhone: (p) => p,
    send: async () => ({ payload: null }),
  };
  const config = parseConfig({ TRANSPORT: 'baileys', DATABASE_PATH: databasePath, PORT: '0', PUBLIC_URL: 'http://127.0.0.1:3999', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SELLER_NUMBERS: '+201000000001' });
  app = createTijaratk({
    config,
    logger: pino({ level: 'silent' }),
    clock,
    ids: createIdGenerator(),
    createTransport: () => transport,
    outboxOptions: { pollIntervalMs: 3_600_000 },
    healthOptions: { transportDownLimitMs: 60_000, backlogWarnMs: 120_000 },
  });
  const port = await app.start();
  const health = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, cache: res.headers.get('cache-control'), body: (await res.json()) as HealthReport & { ok: boolean } };
  };
  return { app, clock, link, health };
}

describe('GET /healthz', () => {
  it('reports the database, the transport and the outbox, and 503 once the transport stays down too long', async () => {
    const t = await start();
    const healthy = await t.health();
    expect(healthy.status).toBe(200);
    expect(healthy.cache).toBe('no-store');
    expect(healthy.body).toMatchObject({
      ok: true,
      status: 'ok',
      problems: [],
      database: { ok: true },
      transport: { name: 'baileys', ready: true, downSince: null, downForMs: null, downLimitMs: 60_000 },
      outbox: { pending: 0, oldestPendingAgeMs: null, failed: 0 },
    });

    // The connection drops; two replies wait in the outbox.
    t.link.ready = false;
    const repo = createOutboxRepo(t.app.db);
    for (const id of ['W1', 'W2']) repo.enqueue({ messageId: id, address: '+201001234567', guestId: null, content: { type: 'text', text: 'x' } }, t.clock.now());
    const justDown = await t.health();
    expect(justDown.status).toBe(200);
    expect(justDown.body).toMatchObject({ ok: true, status: 'degraded', transport: { ready: false, downForMs: 0, downSince: '2026-03-01T10:00:00.000Z' } });
    expect(justDown.body.problems).toEqual(['the baileys transport is not connected']);

    t.clock.advance(45_000);
    const stillDown = await t.health();
    expect(stillDown.status).toBe(200);
    expect(stillDown.body).toMatchObject({ status: 'degraded', transport: { downForMs: 45_000 }, outbox: { pending: 2, oldestPendingAgeMs: 45_000, failed: 0 } });

    t.clock.advance(16_000);
    const tooLong = await t.health();
    expect(tooLong.status).toBe(503);
    expect(tooLong.body).toMatchObject({ ok: false, status: 'down', database: { ok: true }, transport: { ready: false, downForMs: 61_000 } });
    expect(tooLong.body.problems).toContain('the baileys transport has been down for 61 s');

    // Back: the backlog goes out and the report is clean again; a failed message is counted, not alarming.
    t.link.ready = true;
    await t.app.outbox.drain();
    const row = t.app.database.sqlite.prepare(`SELECT id FROM outbox WHERE message_id = 'W1'`).get() as { id: number };
    repo.markFailed(row.id, 8, 'refused');
    const back = await t.health();
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'ok', transport: { ready: true, downForMs: null }, outbox: { pending: 0, failed: 1 } });
  });

  it('says degraded when the oldest undelivered message waits too long', async () => {
    const t = await start();
    t.link.ready = false;
    createOutboxRepo(t.app.db).enqueue({ messageId: 'OLD', address: '+201001234567', guestId: null, content: { type: 'text', text: 'x' } }, t.clock.now());
    await t.health();
    t.link.ready = true;
    // Ready again but the message is stuck (say, retrying with backoff): old messages are a warning, not a restart.
    t.app.database.sqlite.prepare(`UPDATE outbox SET next_attempt_at = '2099-01-01T00:00:00.000Z'`).run();
    t.clock.advance(121_000);
    const report = await t.health();
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ status: 'degraded', outbox: { pending: 1, oldestPendingAgeMs: 121_000 } });
    expect(report.body.problems).toEqual(['the oldest undelivered message waits for 121 s']);
  });

  it('answers 503 when the database fails', async () => {
    const t = await start();
    t.app.database.close();
    const report = await t.health();
    expect(report.status).toBe(503);
    expect(report.body).toMatchObject({ ok: false, status: 'down', database: { ok: false }, outbox: null });
    expect(report.body.database.error).toContain('not open');
    expect(report.body.problems).toContain('the database does not answer');
  });
});

describe('GET /healthz when the database cannot keep anything', () => {
  it('answers 503 while writes fail for lack of space, and ok again once one is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tijaratk-health-'));
    try {
      const t = await start(join(dir, 'shop.db'));
      const sqlite = t.app.database.sqlite;
      // A database that may not grow any more fails like a full disk (SQLITE_FULL).
      sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`);
      const big = 'x'.repeat(64 * 1024);
      await expect(t.app.commits.run((tx) => createOutboxRepo(tx).enqueue({ messageId: 'BIG', address: '+201001234567', guestId: null, content: { type: 'text', text: big } }, t.clock.now()))).rejects.toThrow(/full/);
      const failing = await t.health();
      expect(failing.status).toBe(503);
      expect(failing.body).toMatchObject({ ok: false, status: 'down', database: { ok: false } });
      expect(failing.body.problems).toContain('the database cannot be written');

      sqlite.pragma('max_page_count = 1073741823');
      await t.app.commits.run((tx) => createOutboxRepo(tx).enqueue({ messageId: 'SMALL', address: '+201001234567', guestId: null, content: { type: 'text', text: 'hi' } }, t.clock.now()));
      expect((await t.health()).body.database).toEqual({ ok: true });
    } finally {
      await app?.stop(0).catch(() => undefined);
      app = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers 503 when the database file was removed under the running bot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tijaratk-health-'));
    try {
      const t = await start(join(dir, 'shop.db'));
      expect((await t.health()).status).toBe(200);
      for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `shop.db${suffix}`), { force: true });
      const gone = await t.health();
      expect(gone.status).toBe(503);
      expect(gone.body.problems).toContain('the database file is gone');
    } finally {
      await app?.stop(0).catch(() => undefined);
      app = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
