// Transport faults (issue 7, item 4): the real outbox sender on the real Baileys adapter over a fake socket.
// The connection drops in the middle of sends; WhatsApp refuses a message for good (a NACK after the send, or an
// address it can never take); one chat's backlog on a paced transport. Nothing here touches the network.
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WAMessageStatus, type AnyMessageContent, type MiscMessageGenerationOptions } from '@whiskeysockets/baileys';
import { createManualClock } from '../../src/clock.js';
import { createIdGenerator } from '../../src/ids.js';
import { createOutboxSender, type OutboxSender } from '../../src/bot/outbox-sender.js';
import type { OutboundContent, Transport } from '../../src/bot/transport.js';
import { createGuestsRepo } from '../../src/store/guests.js';
import { openDatabase } from '../../src/store/db.js';
import { createOutboxRepo } from '../../src/store/outbox.js';
import { outbox } from '../../src/store/schema.js';
import { startHarness, type FakeSocket, type Harness } from '../baileys/harness.js';
import { createGroupCommit } from '../../src/store/group-commit.js';

const MONA = '201001234567@s.whatsapp.net';
const KARIM = '76201234567890@lid';
const SELLER_EN = '+201000000001';
const SELLER_AR = '+201000000002';
const SELLER_EN_JID = '201000000001@s.whatsapp.net';
const SELLER_AR_JID = '201000000002@s.whatsapp.net';

interface Delivered {
  socket: number;
  jid: string;
  id: string;
  text: string;
}

let h: Harness | undefined;
let sender: OutboxSender | undefined;
afterEach(async () => {
  await sender?.stop();
  await h?.close();
  sender = undefined;
  h = undefined;
});

const textOf = (content: AnyMessageContent) => ('text' in content ? content.text : '');

/** The Baileys adapter on fake sockets that record what they delivered, with the outbox sender on top. */
async function setup(options: { maxAttempts?: number } = {}) {
  const delivered: Delivered[] = [];
  /** Set to make the next send(s) fail the way a real socket does when the connection drops under it. */
  const drops = { remaining: 0 };
  let count = 0;
  h = await startHarness({
    makeSocket: (config, fallback) => {
      const socket = fallback(config);
      const number = count++;
      const original = socket.sendMessage.getMockImplementation()!;
      socket.sendMessage.mockImplementation(async (jid: string, content: AnyMessageContent, opts?: MiscMessageGenerationOptions) => {
        if (drops.remaining > 0) {
          drops.remaining--;
          socket.close(428);
          throw new Error('Connection Closed');
        }
        const sent = await original(jid, content, opts);
        delivered.push({ socket: number, jid, id: opts!.messageId!, text: textOf(content) });
        return sent;
      });
      return socket;
    },
  });
  const harness = h;
  harness.socket.open();
  const guests = createGuestsRepo(harness.db);
  const now = harness.clock.now();
  const mona = guests.recordSender({ phone: '+201001234567', lid: null, chatAddress: MONA, pushName: 'Mona', at: now });
  const karim = guests.recordSender({ phone: null, lid: KARIM, chatAddress: KARIM, pushName: 'كريم', at: now });
  // One seller reads English, the other has never written (so gets the default, Arabic).
  const sellerEn = guests.recordSender({ phone: SELLER_EN, lid: null, chatAddress: SELLER_EN_JID, pushName: null, at: now });
  guests.setLanguage(sellerEn.id, 'en', now);
  sender = createOutboxSender(
    {
      db: harness.db,
      commits: createGroupCommit(harness.db),
      transport: harness.transport,
      clock: harness.clock,
      logger: pino({ level: 'silent' }),
      sellers: { numbers: [SELLER_EN, SELLER_AR], defaultLanguage: 'ar', ids: createIdGenerator() },
    },
    { pollIntervalMs: 3_600_000, ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}) },
  );
  const outboxSender = sender;
  const repo = createOutboxRepo(harness.db);
  const enqueue = (id: string, address: string, text: string, guestId: number | null = null) =>
    repo.enqueue({ messageId: id, address, guestId, content: { type: 'text', text } }, harness.clock.now());
  /** Lets the sender run, moving the clock past the 1.5 s per-chat pace between rounds. */
  async function pump(rounds = 30) {
    for (let i = 0; i < rounds; i++) {
      outboxSender.kick();
      await outboxSender.settle();
      harness.clock.advance(1_500);
    }
  }
  const row = (id: string) => harness.db.select().from(outbox).where(eq(outbox.messageId, id)).get()!;
  const rows = () => harness.db.select().from(outbox).all();
  const nack = (socket: FakeSocket, id: string, jid: string, code: string) =>
    socket.ev.emit('messages.update', [{ key: { remoteJid: jid, fromMe: true, id }, update: { status: WAMessageStatus.ERROR, messageStubParameters: [code] } }]);
  return { h: harness, sender: outboxSender, delivered, drops, enqueue, pump, row, rows, nack, mona, karim };
}

describe('the connection lost in the middle of sends', () => {
  it('keeps the outbox and delivers every message once, in order per chat, after reconnecting', async () => {
    const t = await setup();
    const plan = [
      ['A1', MONA],
      ['B1', KARIM],
      ['A2', MONA],
      ['B2', KARIM],
      ['A3', MONA],
      ['A4', MONA],
      ['B3', KARIM],
    ] as const;
    for (const [id, jid] of plan) t.enqueue(id, jid, `text ${id}`);

    // Two sends go out (one per chat), then the socket dies under the third.
    await t.pump(1);
    expect(t.delivered.map((d) => d.id)).toEqual(['A1', 'B1']);
    t.drops.remaining = 1;
    await t.pump(1);
    expect(t.h.transport.isReady()).toBe(false);
    expect(t.delivered.map((d) => d.id)).toEqual(['A1', 'B1']);

    // Down for a long time: nothing is sent, nothing is lost, no attempt is used up.
    await t.pump(50);
    t.h.clock.advance(3_600_000);
    await t.pump(5);
    expect(t.rows().filter((r) => r.status === 'pending').map((r) => r.messageId)).toEqual(['A2', 'B2', 'A3', 'A4', 'B3']);
    expect(t.rows().every((r) => r.attempts === 0 && r.status !== 'failed')).toBe(true);

    // The adapter reconnects (its backoff timer fires) and the new socket opens.
    t.h.timers.runNext();
    await Promise.resolve();
    expect(t.h.sockets).toHaveLength(2);
    t.h.socket.open();
    await t.pump(10);

    expect(t.rows().every((r) => r.status === 'sent')).toBe(true);
    const ids = t.delivered.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.startsWith('A'))).toEqual(['A1', 'A2', 'A3', 'A4']);
    expect(ids.filter((id) => id.startsWith('B'))).toEqual(['B1', 'B2', 'B3']);
    expect(t.delivered.filter((d) => d.socket === 1).map((d) => d.id).sort()).toEqual(['A2', 'A3', 'A4', 'B2', 'B3']);
    expect(t.delivered.every((d) => d.text === `text ${d.id}` && d.jid === (d.id.startsWith('A') ? MONA : KARIM))).toBe(true);
  });

  it('never burns a message on a flapping connection, however often it drops', async () => {
    const t = await setup({ maxAttempts: 2 });
    t.enqueue('M1', MONA, 'your order is confirmed');
    for (let drop = 0; drop < 5; drop++) {
      t.drops.remaining = 1;
      await t.pump(2);
      expect(t.h.transport.isReady()).toBe(false);
      t.h.timers.runNext();
      await Promise.resolve();
      t.h.socket.open();
    }
    await t.pump(2);
    expect(t.row('M1')).toMatchObject({ status: 'sent', attempts: 0 });
    expect(t.delivered.map((d) => d.id)).toEqual(['M1']);
    expect(t.h.sockets).toHaveLength(6);
  });
});

describe("the number's own pace", () => {
  const chat = (i: number) => `2010${String(9_000_000 + i).padStart(8, '0')}@s.whatsapp.net`;

  it('sends a backlog from an outage at a climbing pace, never as one burst, and all of it in order', async () => {
    const t = await setup();
    // Two replies each for 40 customers, queued while the store was offline.
    for (let i = 0; i < 40; i++) for (const n of [1, 2]) t.enqueue(`C${i}-${n}`, chat(i), `reply ${n}`);

    // The first pass after connecting: a tenth of the burst (2), not 80, and not even one per chat.
    await t.pump(1);
    expect(t.delivered).toHaveLength(2);
    // The first 15 seconds: the rate climbs from 1 a second (about 1 to 3 a second here), far below 40 chats.
    await t.pump(9);
    expect(t.delivered.length).toBeGreaterThanOrEqual(15);
    expect(t.delivered.length).toBeLessThanOrEqual(30);

    // In a minute and a half everything has gone, each message once, each chat in order.
    await t.pump(60);
    expect(t.rows().every((r) => r.status === 'sent')).toBe(true);
    const ids = t.delivered.map((d) => d.id);
    expect(new Set(ids).size).toBe(80);
    for (let i = 0; i < 40; i++) expect(ids.filter((id) => id.startsWith(`C${i}-`))).toEqual([`C${i}-1`, `C${i}-2`]);
    // The oldest chats went first.
    expect(ids.slice(0, 2)).toEqual(['C0-1', 'C1-1']);
  });

  it('starts the climb again after the connection drops and comes back', async () => {
    const t = await setup();
    t.enqueue('WARM', MONA, 'hello');
    await t.pump(50); // well past the first ramp
    expect(t.delivered.map((d) => d.id)).toEqual(['WARM']);

    // The socket dies; 30 replies queue up meanwhile.
    t.drops.remaining = 1;
    t.enqueue('LOST', KARIM, 'goes once back');
    await t.pump(1);
    expect(t.h.transport.isReady()).toBe(false);
    for (let i = 0; i < 30; i++) t.enqueue(`D${i}`, chat(i), 'queued while down');
    t.h.timers.runNext();
    await Promise.resolve();
    t.h.socket.open();

    await t.pump(1);
    expect(t.delivered.length - 1).toBe(2);
    await t.pump(40);
    expect(t.rows().every((r) => r.status === 'sent')).toBe(true);
    expect(t.delivered.map((d) => d.id)).toContain('LOST');
  });
});

describe('a message WhatsApp refuses for good', () => {
  it('is marked failed on a 463 NACK, never sent again, and each seller is told once in their language', async () => {
    const t = await setup();
    t.enqueue('OUT1', MONA, 'Your order #1001 is confirmed. Track it here: http://x/l/abc', t.mona.id);
    await t.pump(2);
    expect(t.row('OUT1').status).toBe('sent');

    t.nack(t.h.socket, 'OUT1', MONA, '463');
    expect(t.row('OUT1')).toMatchObject({ status: 'failed' });
    expect(t.row('OUT1').lastError).toContain('463');
    await t.pump(3);

    const notices = t.delivered.filter((d) => d.id !== 'OUT1');
    expect(notices.map((d) => d.jid).sort()).toEqual([SELLER_EN_JID, SELLER_AR_JID]);
    const english = notices.find((d) => d.jid === SELLER_EN_JID)!.text;
    expect(english).toContain('A message to Mona (+201001234567) was not delivered');
    expect(english).toContain('error 463');
    expect(english).toContain('Your order #1001 is confirmed');
    expect(english).toContain('will not send it again');
    const arabic = notices.find((d) => d.jid === SELLER_AR_JID)!.text;
    expect(arabic).toContain('لم تصل رسالة إلى Mona');
    expect(arabic).toContain('لن يعيد البوت إرسالها');

    // Hours later: still not retried. The same NACK again, or one for an id that is not ours, changes nothing.
    t.h.clock.advance(6 * 3_600_000);
    t.nack(t.h.socket, 'OUT1', MONA, '463');
    t.nack(t.h.socket, 'SOMEONE-ELSES', MONA, '463');
    await t.pump(5);
    expect(t.delivered.filter((d) => d.id === 'OUT1')).toHaveLength(1);
    expect(t.rows()).toHaveLength(3);
  });

  it('does not loop when the notice to a seller is refused too', async () => {
    const t = await setup();
    t.enqueue('OUT1', MONA, 'hello', t.mona.id);
    await t.pump(2);
    t.nack(t.h.socket, 'OUT1', MONA, '479');
    await t.pump(3);
    const notices = t.rows().filter((r) => r.messageId !== 'OUT1');
    expect(notices).toHaveLength(2);
    for (const notice of notices) t.nack(t.h.socket, notice.messageId, notice.address, '463');
    await t.pump(5);
    expect(t.rows()).toHaveLength(3);
    expect(t.rows().every((r) => r.status === 'failed')).toBe(true);
  });

  it('records a NACK that arrives before send() has returned', async () => {
    const t = await setup();
    const socket = t.h.socket;
    const normal = socket.sendMessage.getMockImplementation()!;
    socket.sendMessage.mockImplementationOnce(async (jid: string, content: AnyMessageContent, opts?: MiscMessageGenerationOptions) => {
      t.nack(socket, opts!.messageId!, jid, '479');
      return normal(jid, content, opts);
    });
    t.enqueue('RACE', KARIM, 'hi', t.karim.id);
    await t.pump(2);
    expect(t.row('RACE')).toMatchObject({ status: 'failed' });
    expect(t.rows().filter((r) => r.address === SELLER_EN_JID)[0]?.text).toContain('كريم');
  });

  it('fails an address that is not a WhatsApp chat at once, without blocking that chat or others', async () => {
    const t = await setup();
    // An E.164 address, as the simulator writes them: queued before the store switched to WhatsApp.
    t.enqueue('BAD1', '+201001234567', 'first', t.mona.id);
    t.enqueue('GOOD', KARIM, 'still goes');
    t.enqueue('BAD2', '+201001234567', 'second', t.mona.id);
    // Seven sends in all (three rows, two notices to each seller): more than the number's pace allows in the
    // first seconds after connecting (send-budget.ts), so a few more rounds.
    await t.pump(8);
    expect(t.row('BAD1')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(t.row('BAD2')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(t.row('BAD1').lastError).toContain('invalid-address');
    expect(t.delivered.map((d) => d.jid)).not.toContain('+201001234567');
    expect(t.row('GOOD').status).toBe('sent');
    const notices = t.delivered.filter((d) => d.jid === SELLER_EN_JID).map((d) => d.text);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toContain('not a valid WhatsApp number');
  });

  it('tells the sellers when ordinary retries run out too', async () => {
    const t = await setup({ maxAttempts: 2 });
    t.h.socket.sendMessage.mockRejectedValueOnce(new Error('timed out')).mockRejectedValueOnce(new Error('timed out'));
    t.enqueue('SLOW', MONA, 'are you there?', t.mona.id);
    await t.pump(1);
    expect(t.row('SLOW')).toMatchObject({ status: 'pending', attempts: 1 });
    t.h.clock.advance(10_000);
    await t.pump(3);
    expect(t.row('SLOW')).toMatchObject({ status: 'failed', attempts: 2, lastError: 'timed out' });
    expect(t.delivered.find((d) => d.jid === SELLER_EN_JID)?.text).toContain('failed several times in a row');
  });
});

describe('one chat with a backlog on a paced transport', () => {
  it('does not hold back the other chats', async () => {
    const { db } = openDatabase(':memory:');
    const clock = createManualClock();
    const sent: string[] = [];
    const transport: Transport = {
      name: 'baileys',
      perChatPaceMs: 1_000,
      start: async () => {},
      stop: async () => {},
      isReady: () => true,
      addressForPhone: (p) => p,
      async send(address: string, _content: OutboundContent, id: string) {
        sent.push(`${address}:${id}`);
        return { payload: null };
      },
    };
    sender = createOutboxSender({ db, commits: createGroupCommit(db), transport, clock, logger: pino({ level: 'silent' }) }, { pollIntervalMs: 3_600_000 });
    const repo = createOutboxRepo(db);
    for (let i = 1; i <= 120; i++) repo.enqueue({ messageId: `A${i}`, address: 'A', guestId: null, content: { type: 'text', text: 'x' } }, clock.now());
    repo.enqueue({ messageId: 'B1', address: 'B', guestId: null, content: { type: 'text', text: 'y' } }, clock.now());
    sender.kick();
    await sender.settle();
    expect(sent).toEqual(['A:A1', 'B:B1']);
    for (let i = 0; i < 3; i++) {
      clock.advance(1_000);
      sender.kick();
      await sender.settle();
    }
    expect(sent).toEqual(['A:A1', 'B:B1', 'A:A2', 'A:A3', 'A:A4']);
  });
});
