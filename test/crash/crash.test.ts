// Crash safety (issue 7, item 3): the bot runs as a real process in simulator mode; many customers are mid-checkout
// when it is killed with SIGKILL at a seeded random moment; it restarts on the same database file. Afterwards every
// message that was accepted (202) was processed exactly once, every reply queued at the kill was delivered, the same
// message ids sent again change nothing, and every order is whole.
//
// `npm test` runs 40 customers; `npm run test:crash` runs 500 (CRASH_CUSTOMERS). CRASH_SEED picks the kill moment.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { openDatabase } from '../../src/store/db.js';
import { createOutboxRepo } from '../../src/store/outbox.js';
import * as schema from '../../src/store/schema.js';
import { inboundMessages, orderEvents, orderItems, orders, outbox, products, simMessages } from '../../src/store/schema.js';
import { startHarness } from '../helpers/harness.js';
import { seededRandom, startChildApp, type ChildApp } from '../helpers/child-app.js';

const CUSTOMERS = Number(process.env.CRASH_CUSTOMERS ?? 40);
const SEED = Number(process.env.CRASH_SEED ?? 7_2026);
const SELLER = '+201000000001';
const STOCK = 1_000_000;

/** Two checkouts, one per language; each customer runs one of them start to finish. */
const SCRIPTS = {
  en: { name: 'Mona', sku: 'HONEY-1KG', quantity: 2, texts: ['Hello', '1', '1', '2', 'checkout', '1', '12 Tahrir St, building 5', 'Dokki, Giza', '1'] },
  ar: { name: undefined, sku: 'DATES-500', quantity: 3, texts: ['السلام عليكم', '١', '٢', '٣', '١', 'منى أحمد', 'شارع التحرير عمارة ٥', 'الدقي، الجيزة', 'تأكيد'] },
} as const;
type Lang = keyof typeof SCRIPTS;

/** Order numbers, stock counts and link tokens differ between runs; everything else in a reply must be the same. */
const normalise = (text: string | null) =>
  (text ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/https?:\/\/\S+/g, 'LINK')
    .replace(/\d{3,}/g, 'N');

interface Entry {
  seq: number;
  direction: 'in' | 'out';
  text: string | null;
}

/** The replies each step gets, from the same bot in-process with no crash. */
async function referenceReplies(): Promise<Record<Lang, string[][]>> {
  const h = await startHarness({ env: { SELLER_NUMBERS: SELLER } });
  try {
    await h.say(SELLER, `/product stock HONEY-1KG ${STOCK}`);
    await h.say(SELLER, `/product stock DATES-500 ${STOCK}`);
    const result = { en: [] as string[][], ar: [] as string[][] };
    for (const lang of ['en', 'ar'] as const) {
      const chat = lang === 'en' ? '+201001110001' : '+201001110002';
      const script = SCRIPTS[lang];
      for (const text of script.texts) {
        await h.say(chat, text, script.name ? { name: script.name } : {});
        result[lang].push(h.lastReplies(chat).map(normalise));
      }
    }
    return result;
  } finally {
    await h.stop();
  }
}

const dirs: string[] = [];
const running: ChildApp[] = [];
afterAll(async () => {
  for (const app of running) if (app.proc.exitCode === null && app.proc.signalCode === null) await app.kill();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('crash safety', () => {
  it(
    `survives SIGKILL with ${CUSTOMERS} customers mid-checkout and restarts without losing or repeating anything`,
    async () => {
      const started = Date.now();
      const reference = await referenceReplies();
      const dir = mkdtempSync(join(tmpdir(), 'tijaratk-crash-'));
      dirs.push(dir);
      const env = { DATABASE_PATH: join(dir, 'bot.db'), MEDIA_DIR: join(dir, 'media'), SELLER_NUMBERS: SELLER };
      const random = seededRandom(SEED);

      let app: ChildApp = await startChildApp(env);
      running.push(app);
      let starts = 1;
      const post = (body: Record<string, unknown>) =>
        fetch(`${app.base}/sim/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const transcript = async (chat: string, after: number): Promise<Entry[]> => {
        const res = await fetch(`${app.base}/sim/messages?chat=${encodeURIComponent(chat)}&after=${after}`);
        if (res.status !== 200) throw new Error(`GET /sim/messages answered ${res.status}`);
        return ((await res.json()) as { messages: Entry[] }).messages;
      };

      // The seller makes room in stock, so all customers can order.
      for (const [i, sku] of ['HONEY-1KG', 'DATES-500'].entries()) {
        expect((await post({ from: SELLER, text: `/product stock ${sku} ${STOCK}`, id: `S-${i}` })).status).toBe(202);
      }

      const customers = Array.from({ length: CUSTOMERS }, (_, i) => {
        const lang: Lang = i % 2 === 0 ? 'en' : 'ar';
        return { i, lang, phone: `+20105${String(1_000_000 + i).padStart(7, '0')}`, entries: [] as Entry[], step: 0 };
      });
      const expectedOuts = (lang: Lang, steps: number) => reference[lang].slice(0, steps).reduce((n, replies) => n + replies.length, 0);
      const noticeChats = Array.from({ length: Math.max(20, CUSTOMERS / 4) }, (_, k) => `+20106${String(1_000_000 + k).padStart(7, '0')}`);
      const totalMessages = CUSTOMERS * 9;
      const killAfter = Math.floor(totalMessages * (0.2 + 0.6 * random()));

      const accepted = new Set<string>();
      let acceptedCount = 0;
      let killed: Promise<void> | null = null;
      const atKill = { accepted: 0, pendingOutbox: [] as string[], midCheckout: 0 };

      /**
       * Kills the bot right after queueing notices straight into its live database (the simulator delivers replies
       * within a millisecond of their commit, so a backlog at the kill needs this; the notices are due half a second
       * later, like messages waiting for a retry, so the dying bot cannot send them first), then looks at what it
       * left, starts it again, and sends every accepted id once more.
       */
      async function crashAndRestart(): Promise<void> {
        const acceptedBeforeKill = new Set(accepted);
        atKill.accepted = acceptedBeforeKill.size;
        atKill.midCheckout = customers.filter((c) => c.step > 0 && c.step < 9).length;
        const live = new Database(env.DATABASE_PATH);
        live.pragma('busy_timeout = 5000');
        drizzle(live, { schema }).transaction((tx) => {
          const repo = createOutboxRepo(tx);
          const due = new Date(Date.now() + 500);
          noticeChats.forEach((chat, k) => repo.enqueue({ messageId: `QUEUED-${k}`, address: chat, guestId: null, content: { type: 'text', text: `queued notice ${k}` } }, due));
        });
        const exited = app.kill();
        live.close();
        await exited;
        const handle = openDatabase(env.DATABASE_PATH);
        try {
          atKill.pendingOutbox = handle.db
            .select({ id: outbox.messageId })
            .from(outbox)
            .where(eq(outbox.status, 'pending'))
            .all()
            .map((r) => r.id);
          // Accepted means handled and committed: every accepted id is in the durable dedupe table.
          const recorded = new Set(handle.db.select({ id: inboundMessages.messageId }).from(inboundMessages).all().map((r) => r.id));
          expect([...acceptedBeforeKill].filter((id) => !recorded.has(id))).toEqual([]);
        } finally {
          handle.close();
        }
        app = await startChildApp(env);
        running.push(app);
        starts += 1;
        // The same ids again (a transport redelivering after a reconnect): each is a duplicate, answered 202, no reply.
        for (const id of accepted) {
          const [, who, step] = /^C(\d+)-(\d+)$/.exec(id) ?? [];
          if (who === undefined || step === undefined) continue;
          const c = customers[Number(who)]!;
          const res = await post({ from: c.phone, text: SCRIPTS[c.lang].texts[Number(step)], id, ...(SCRIPTS[c.lang].name ? { name: SCRIPTS[c.lang].name } : {}) });
          expect(res.status).toBe(202);
        }
      }

      async function waitForOuts(c: (typeof customers)[number], want: number): Promise<void> {
        for (let round = 0; ; round++) {
          const last = c.entries.at(-1)?.seq ?? 0;
          c.entries.push(...(await transcript(c.phone, last)));
          if (c.entries.filter((e) => e.direction === 'out').length >= want) return;
          if (round > 2_000) throw new Error(`customer ${c.i} never got reply ${want}`);
          await new Promise((resolve) => setTimeout(resolve, Math.min(20, 1 + round)));
        }
      }

      async function runCustomer(c: (typeof customers)[number]): Promise<void> {
        const script = SCRIPTS[c.lang];
        while (c.step < script.texts.length) {
          const id = `C${c.i}-${c.step}`;
          try {
            const res = await post({ from: c.phone, text: script.texts[c.step], id, ...(script.name ? { name: script.name } : {}) });
            expect(res.status).toBe(202);
            accepted.add(id);
            if (++acceptedCount === killAfter) killed = crashAndRestart();
            await waitForOuts(c, expectedOuts(c.lang, c.step + 1));
            c.step += 1;
          } catch (err) {
            if (!killed || !(err instanceof TypeError)) throw err; // fetch fails with a TypeError when the server is gone
            await killed; // then send this step again: same id, so a duplicate if it was already handled
          }
        }
      }

      await Promise.all(customers.map(runCustomer));
      expect(killed, 'the kill happened').not.toBeNull();
      await killed;
      // Wait for the seller's new-order notices (the last replies to go out), then stop cleanly.
      const seller = { i: -1, lang: 'ar' as Lang, phone: SELLER, entries: [] as Entry[], step: 0 };
      await waitForOuts(seller, 2 + CUSTOMERS);
      for (const c of customers) c.entries.push(...(await transcript(c.phone, c.entries.at(-1)?.seq ?? 0)));
      const health = await fetch(`${app.base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', transport: { name: 'simulator', ready: true }, outbox: { pending: 0, failed: 0 } });
      expect(await app.stop()).toBe(0);

      // 1. Each customer's chat is exactly the crash-free conversation: every message once, its replies once, in order.
      for (const c of customers) {
        const want: string[] = [];
        SCRIPTS[c.lang].texts.forEach((text, step) => want.push(`in: ${normalise(text)}`, ...reference[c.lang][step]!.map((r) => `out: ${r}`)));
        expect(c.entries.map((e) => `${e.direction}: ${normalise(e.text)}`), `customer ${c.i}`).toEqual(want);
      }

      const handle = openDatabase(env.DATABASE_PATH);
      try {
        const db = handle.db;
        // 2. Every message was recorded once and processed; nothing else came in.
        const inbound = db.select().from(inboundMessages).all();
        expect(inbound).toHaveLength(CUSTOMERS * 9 + 2);
        expect(inbound.every((r) => r.status === 'processed')).toBe(true);

        // 3. The outbox is empty, and every row is in the transcript exactly once (the rows pending at the kill too).
        const rows = db.select().from(outbox).all();
        expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
        const shown = new Map<string, number>();
        for (const e of db.select({ id: simMessages.messageId }).from(simMessages).where(eq(simMessages.direction, 'out')).all()) {
          shown.set(e.id, (shown.get(e.id) ?? 0) + 1);
        }
        expect(rows.filter((r) => shown.get(r.messageId) !== 1).map((r) => r.messageId)).toEqual([]);
        expect(shown.size).toBe(rows.length);
        expect(atKill.pendingOutbox).toEqual(expect.arrayContaining(noticeChats.map((_, k) => `QUEUED-${k}`)));
        for (const id of atKill.pendingOutbox) expect(shown.get(id)).toBe(1);
        for (const [k, chat] of noticeChats.entries()) {
          const entries = db.select().from(simMessages).where(eq(simMessages.chat, chat)).all();
          expect(entries.map((e) => [e.direction, e.text])).toEqual([['out', `queued notice ${k}`]]);
        }

        // 4. One whole order per customer: its items, its `placed` event, and stock that adds up.
        const all = db.select().from(orders).all();
        expect(all).toHaveLength(CUSTOMERS);
        expect(new Set(all.map((o) => o.customerPhone)).size).toBe(CUSTOMERS);
        const ids = all.map((o) => o.id);
        const items = db.select().from(orderItems).where(inArray(orderItems.orderId, ids)).all();
        const placed = db.select().from(orderEvents).where(and(inArray(orderEvents.orderId, ids), eq(orderEvents.type, 'placed'))).all();
        for (const order of all) {
          const c = customers.find((x) => x.phone === order.customerPhone)!;
          const script = SCRIPTS[c.lang];
          expect(items.filter((i) => i.orderId === order.id).map((i) => [i.sku, i.quantity])).toEqual([[script.sku, script.quantity]]);
          expect(placed.filter((e) => e.orderId === order.id)).toHaveLength(1);
        }
        for (const lang of ['en', 'ar'] as const) {
          const { sku } = SCRIPTS[lang];
          const sold = items.filter((i) => i.sku === sku).reduce((n, i) => n + i.quantity, 0);
          expect(db.select().from(products).where(eq(products.sku, sku)).get()!.stock).toBe(STOCK - sold);
        }

        // 5. The seller heard about each order once.
        const notices = seller.entries.filter((e) => e.direction === 'out').slice(2);
        expect(notices).toHaveLength(CUSTOMERS);
        const numbers = notices.map((e) => /#(\d+)/.exec(e.text ?? '')?.[1]).map(Number);
        expect(new Set(numbers)).toEqual(new Set(all.map((o) => o.number)));
      } finally {
        handle.close();
      }

      console.log(
        `crash test: ${CUSTOMERS} customers, seed ${SEED}, killed after ${atKill.accepted} accepted messages ` +
          `(${atKill.midCheckout} customers mid-checkout, ${atKill.pendingOutbox.length} messages queued in the outbox), ` +
          `${starts} starts, ${Date.now() - started} ms`,
      );
    },
    60_000 + CUSTOMERS * 200,
  );
});
