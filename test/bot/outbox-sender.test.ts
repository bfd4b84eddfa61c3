import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import { createOutboxSender } from '../../src/bot/outbox-sender.js';
import type { OutboundContent, Transport } from '../../src/bot/transport.js';
import { openDatabase } from '../../src/store/db.js';
import { createOutboxRepo } from '../../src/store/outbox.js';
import { outbox } from '../../src/store/schema.js';
import { createGroupCommit } from '../../src/store/group-commit.js';

function fakeTransport(failTimes: number) {
  const sent: { address: string; text: string }[] = [];
  let failuresLeft = failTimes;
  let ready = true;
  const transport: Transport = {
    name: 'simulator',
    perChatPaceMs: 0,
    start: async () => {},
    stop: async () => {},
    isReady: () => ready,
    addressForPhone: (p) => p,
    async send(address: string, content: OutboundContent) {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new Error('network down');
      }
      sent.push({ address, text: content.type === 'text' ? content.text : '' });
      return { payload: '{"conversation":"x"}' };
    },
  };
  return { transport, sent, setReady: (r: boolean) => (ready = r) };
}

function setup(failTimes = 0) {
  const { db } = openDatabase(':memory:');
  const clock = createManualClock();
  const fake = fakeTransport(failTimes);
  const sender = createOutboxSender({ db, commits: createGroupCommit(db), transport: fake.transport, clock, logger: pino({ level: 'silent' }) }, { maxAttempts: 3, pollIntervalMs: 60_000 });
  const repo = createOutboxRepo(db);
  let n = 0;
  const enqueue = (address: string, text: string) =>
    repo.enqueue({ messageId: `M${++n}`, address, guestId: null, content: { type: 'text', text } }, clock.now());
  return { db, clock, fake, sender, repo, enqueue };
}

describe('the outbox sender', () => {
  it('delivers in order and records the payload for retries', async () => {
    const { sender, fake, enqueue, repo } = setup();
    enqueue('+1', 'first');
    enqueue('+1', 'second');
    await sender.drain();
    expect(fake.sent.map((s) => s.text)).toEqual(['first', 'second']);
    expect(repo.payloadFor('M1')).toBe('{"conversation":"x"}');
    await sender.stop();
  });

  it('retries a failed send with backoff, and never lets a later message of that chat overtake it', async () => {
    const { sender, fake, enqueue, clock, db } = setup(1);
    enqueue('+1', 'first');
    enqueue('+1', 'second');
    enqueue('+2', 'other chat');
    await sender.drain();
    expect(fake.sent.map((s) => s.text)).toEqual(['other chat']);
    clock.advance(2_000);
    await sender.drain();
    expect(fake.sent.map((s) => s.text)).toEqual(['other chat', 'first', 'second']);
    expect(db.select().from(outbox).all().every((r) => r.status === 'sent')).toBe(true);
    await sender.stop();
  });

  it('gives up after the last attempt and says why', async () => {
    const { sender, enqueue, clock, db } = setup(10);
    enqueue('+1', 'doomed');
    for (let i = 0; i < 3; i++) {
      await sender.drain();
      clock.advance(600_000);
    }
    const row = db.select().from(outbox).get()!;
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(3);
    expect(row.lastError).toBe('network down');
    await sender.stop();
  });

  it('keeps messages while the transport is down and sends them when it is back', async () => {
    const { sender, fake, enqueue } = setup();
    fake.setReady(false);
    enqueue('+1', 'queued');
    await sender.drain();
    expect(fake.sent).toHaveLength(0);
    expect(sender.pendingCount()).toBe(1);
    fake.setReady(true);
    await sender.drain();
    expect(fake.sent.map((s) => s.text)).toEqual(['queued']);
    await sender.stop();
  });
});

describe('the outbox queries', () => {
  it('find what to send through the index of waiting rows only, so a long history of sent messages does not slow them', async () => {
    const { sqlite, db } = openDatabase(':memory:');
    const plans: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    // Every query the repo prepares, with SQLite's plan for it.
    (sqlite as { prepare: typeof sqlite.prepare }).prepare = ((source: string) => {
      const params = (source.match(/\?/g) ?? []).map(() => 'x');
      plans.push(prepare(`EXPLAIN QUERY PLAN ${source}`).all(...params).map((row) => (row as { detail: string }).detail).join('; '));
      return prepare(source);
    }) as typeof sqlite.prepare;
    const repo = createOutboxRepo(db);
    const clock = createManualClock();
    for (let i = 1; i <= 3; i++) repo.enqueue({ messageId: `M${i}`, address: '+1', guestId: null, content: { type: 'text', text: `m${i}` } }, clock.now());
    repo.markSent(1, null, clock.now());
    plans.length = 0;

    expect(repo.chatHeadsDue(clock.now(), 10).map((h) => [h.row.messageId, h.pending])).toEqual([['M2', 2]]);
    expect(repo.nextInChat('+1', 2, 10).map((r) => r.messageId)).toEqual(['M3']);
    expect(repo.pendingCount()).toBe(2);
    expect(repo.backlog()).toMatchObject({ pending: 2, failed: 0 });
    expect(plans.length).toBeGreaterThanOrEqual(4);
    for (const plan of plans) expect(plan).toMatch(/outbox_(pending_chat|failed)_idx/);
    // The sent row left the index.
    expect(prepare("SELECT count(*) AS n FROM outbox INDEXED BY outbox_pending_chat_idx WHERE status = 'pending'").get()).toEqual({ n: 2 });
  });
});

describe("the transport's own record of a sent message", () => {
  it('is written in the same commit as the sent mark, once per message', async () => {
    const { db } = openDatabase(':memory:');
    const clock = createManualClock();
    const recorded: string[] = [];
    const transport: Transport = {
      ...fakeTransport(0).transport,
      async send(_address, content, messageId) {
        return {
          payload: null,
          record: (tx) => {
            // The mark of this very message is not written yet: the record runs first, in the same transaction.
            expect(tx.select().from(outbox).where(eq(outbox.messageId, messageId)).get()?.status).toBe('pending');
            recorded.push(content.type === 'text' ? content.text : '');
          },
        };
      },
    };
    const sender = createOutboxSender({ db, commits: createGroupCommit(db), transport, clock, logger: pino({ level: 'silent' }) }, { pollIntervalMs: 60_000 });
    const repo = createOutboxRepo(db);
    repo.enqueue({ messageId: 'R1', address: '+1', guestId: null, content: { type: 'text', text: 'one' } }, clock.now());
    repo.enqueue({ messageId: 'R2', address: '+1', guestId: null, content: { type: 'text', text: 'two' } }, clock.now());
    await sender.drain();
    expect(recorded).toEqual(['one', 'two']);
    expect(db.select().from(outbox).all().map((r) => r.status)).toEqual(['sent', 'sent']);
    await sender.stop();
  });

  it('failing does not send the message again: it went out, and the mark stands', async () => {
    const { db } = openDatabase(':memory:');
    const clock = createManualClock();
    let sends = 0;
    const transport: Transport = {
      ...fakeTransport(0).transport,
      async send() {
        sends++;
        return {
          payload: null,
          record: () => {
            throw new Error('disk full');
          },
        };
      },
    };
    const sender = createOutboxSender({ db, commits: createGroupCommit(db), transport, clock, logger: pino({ level: 'silent' }) }, { pollIntervalMs: 60_000 });
    createOutboxRepo(db).enqueue({ messageId: 'F1', address: '+1', guestId: null, content: { type: 'text', text: 'x' } }, clock.now());
    await sender.drain();
    await sender.drain();
    expect(sends).toBe(1);
    expect(db.select().from(outbox).get()?.status).toBe('sent');
    await sender.stop();
  });
});

describe('when the "sent" marks cannot be written (a full disk)', () => {
  it('pauses instead of looping, and never sends a message twice: only the mark is written again once it can be', async () => {
    const { db } = openDatabase(':memory:');
    const clock = createManualClock();
    const fake = fakeTransport(0);
    const real = createGroupCommit(db);
    let full = true;
    const commits = {
      ...real,
      run: <T>(fn: Parameters<typeof real.run<T>>[0]) =>
        full ? Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })) : real.run(fn),
    };
    const sender = createOutboxSender({ db, commits, transport: fake.transport, clock, logger: pino({ level: 'silent' }) }, { pollIntervalMs: 60_000 });
    const repo = createOutboxRepo(db);
    repo.enqueue({ messageId: 'M1', address: '+1', guestId: null, content: { type: 'text', text: 'first' } }, clock.now());
    repo.enqueue({ messageId: 'M2', address: '+1', guestId: null, content: { type: 'text', text: 'second' } }, clock.now());

    sender.kick();
    await sender.settle();
    expect(fake.sent.map((s) => s.text)).toEqual(['first', 'second']);
    // Kicked again and again while the disk is full: no new send, the rows still wait.
    for (let i = 0; i < 5; i++) {
      clock.advance(1_000);
      sender.kick();
      await sender.settle();
    }
    expect(fake.sent).toHaveLength(2);
    expect(db.select().from(outbox).all().map((r) => r.status)).toEqual(['pending', 'pending']);

    full = false;
    clock.advance(30_000);
    sender.kick();
    await sender.settle();
    expect(fake.sent.map((s) => s.text)).toEqual(['first', 'second']);
    expect(db.select().from(outbox).all().map((r) => r.status)).toEqual(['sent', 'sent']);
    await sender.stop();
  });
});
