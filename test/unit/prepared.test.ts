// The prepared-statement helpers behind the hot paths: wide inserts and literal LIMITs.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { insertRow } from '../../src/store/prepared.js';
import { perHandle } from '../../src/store/per-handle.js';
import { createOutboxRepo } from '../../src/store/outbox.js';
import { inboundMessages } from '../../src/store/schema.js';

let handle: DatabaseHandle;
afterEach(() => handle?.close());

const inbound = (messageId: string, fromMe: boolean) => ({
  transport: 'simulator',
  messageId,
  chatAddress: '+201001234567',
  fromMe,
  kind: 'text',
  route: 'customer' as const,
  status: 'processed' as const,
  receivedAt: '2026-11-27T10:00:00.000Z',
});

describe('insertRow', () => {
  it('maps values the way the column does (a boolean column stores 1/0 and reads back as a boolean)', () => {
    handle = openDatabase(':memory:');
    const mine = insertRow(handle.db, inboundMessages, inbound('A', true));
    const theirs = insertRow(handle.db, inboundMessages, inbound('B', false));
    expect(mine.fromMe).toBe(true);
    expect(theirs.fromMe).toBe(false);
    expect(handle.sqlite.prepare('SELECT message_id, from_me FROM inbound_messages ORDER BY id').all()).toEqual([
      { message_id: 'A', from_me: 1 },
      { message_id: 'B', from_me: 0 },
    ]);
  });

  it('leaves out columns given as undefined, so their defaults apply, and refuses a column the table lacks', () => {
    handle = openDatabase(':memory:');
    const row = insertRow(handle.db, inboundMessages, { ...inbound('C', false), guestId: undefined });
    expect(row.guestId).toBeNull();
    expect(() => insertRow(handle.db, inboundMessages, { ...inbound('D', false), nonsense: 1 } as never)).toThrow(/no column nonsense/);
    expect(handle.sqlite.prepare("SELECT count(*) AS n FROM inbound_messages WHERE message_id = 'D'").get()).toEqual({ n: 0 });
  });
});

describe('literal limits', () => {
  it('each limit value gets its own statement and is honoured', () => {
    handle = openDatabase(':memory:');
    const repo = createOutboxRepo(handle.db);
    const at = new Date('2026-11-27T10:00:00.000Z');
    for (let i = 1; i <= 5; i++) repo.enqueue({ messageId: `M${i}`, address: 'chat', guestId: null, content: { type: 'text', text: `m${i}` } }, at);
    const first = repo.chatHeadsDue(at, 1)[0]!.row;
    expect(repo.nextInChat('chat', first.id, 1).map((r) => r.messageId)).toEqual(['M2']);
    expect(repo.nextInChat('chat', first.id, 3).map((r) => r.messageId)).toEqual(['M2', 'M3', 'M4']);
    expect(repo.nextInChat('chat', first.id, 50)).toHaveLength(4);
  });
});

describe('perHandle', () => {
  it('gives one repo per database handle, and a separate one for another handle', () => {
    const first = openDatabase(':memory:');
    const second = openDatabase(':memory:');
    const made: unknown[] = [];
    const repoOf = perHandle((db) => {
      const repo = { db };
      made.push(repo);
      return repo;
    });
    expect(repoOf(first.db)).toBe(repoOf(first.db));
    expect(repoOf(second.db)).not.toBe(repoOf(first.db));
    expect(repoOf(second.db).db).toBe(second.db);
    expect(made).toHaveLength(2);
  });
});
