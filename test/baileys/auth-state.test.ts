import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { BufferJSON, makeCacheableSignalKeyStore, proto, type SignalDataSet, type SignalDataTypeMap } from '@whiskeysockets/baileys';
import { pino } from 'pino';
import { openDatabase } from '../../src/store/db.js';
import { baileysAuth } from '../../src/store/schema.js';
import { createSqliteAuthState } from '../../src/store/auth-state.js';

const bytes = (n: number, fill: number) => Buffer.alloc(n, fill);

/** One value of every SignalDataTypeMap type, with Buffers wherever Baileys uses bytes. */
const samples: { [T in keyof SignalDataTypeMap]: SignalDataTypeMap[T] } = {
  'pre-key': { public: bytes(33, 1), private: bytes(32, 2) },
  session: bytes(120, 3),
  'sender-key': bytes(64, 4),
  'sender-key-memory': { '201001234567@s.whatsapp.net': true, '76201234567890@lid': false },
  'app-state-sync-key': { keyData: bytes(32, 5), fingerprint: { rawId: 7, currentIndex: 2, deviceIndexes: [0, 1] }, timestamp: 1767261600 },
  'app-state-sync-version': { version: 12, hash: bytes(128, 6), indexValueMap: { abc: { valueMac: bytes(32, 8) } } },
  'lid-mapping': '76201234567890',
  'device-list': ['0', '12', '15'],
  tctoken: { token: bytes(24, 9), timestamp: '1767261600', senderTimestamp: 1767261601 },
  'identity-key': bytes(33, 10),
};
const types = Object.keys(samples) as (keyof SignalDataTypeMap)[];

function rowsOf(db: ReturnType<typeof openDatabase>['db'], sessionId: string) {
  return db.select().from(baileysAuth).where(eq(baileysAuth.sessionId, sessionId)).all();
}

describe('createSqliteAuthState', () => {
  it('starts with fresh creds and persists them as one creds row', () => {
    const { db } = openDatabase(':memory:');
    const auth = createSqliteAuthState(db, 'store-1');
    expect(auth.state.creds.registered).toBe(false);
    expect(auth.state.creds.noiseKey.private).toBeInstanceOf(Uint8Array);
    expect(rowsOf(db, 'store-1')).toHaveLength(0);

    auth.saveCreds();
    const rows = rowsOf(db, 'store-1');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'creds', keyId: '' });
  });

  it.each(types)('round-trips a %s key, Buffers included', async (type) => {
    const { db } = openDatabase(':memory:');
    const { keys } = createSqliteAuthState(db, 'store-1').state;
    await keys.set({ [type]: { 'id-1': samples[type] } } as SignalDataSet);
    const got = await keys.get(type, ['id-1', 'missing']);
    expect(Object.keys(got)).toEqual(['id-1']);
    if (type === 'app-state-sync-key') {
      const value = got['id-1'];
      expect(value).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
      expect(proto.Message.AppStateSyncKeyData.toObject(value as proto.Message.AppStateSyncKeyData, { longs: Number })).toEqual(
        samples[type],
      );
    } else {
      expect(got['id-1']).toEqual(samples[type]);
    }
  });

  it('stores every type in one set call and deletes on null or undefined', async () => {
    const { db } = openDatabase(':memory:');
    const { keys } = createSqliteAuthState(db, 'store-1').state;
    const all: SignalDataSet = {};
    for (const type of types) Object.assign(all, { [type]: { a: samples[type], b: samples[type] } });
    await keys.set(all);
    expect(rowsOf(db, 'store-1')).toHaveLength(types.length * 2);

    await keys.set({ session: { a: null }, 'pre-key': { a: undefined as unknown as null }, tctoken: { a: null } });
    expect(await keys.get('session', ['a', 'b'])).toEqual({ b: samples.session });
    expect(await keys.get('pre-key', ['a', 'b'])).toEqual({ b: samples['pre-key'] });
    expect(await keys.get('tctoken', ['a'])).toEqual({});
    expect(rowsOf(db, 'store-1')).toHaveLength(types.length * 2 - 3);
  });

  it('rolls back the whole set when one value cannot be stored', async () => {
    const { db } = openDatabase(':memory:');
    const { keys } = createSqliteAuthState(db, 'store-1').state;
    const unstorable = { public: 1n, private: 2n } as unknown as SignalDataTypeMap['pre-key'];
    expect(() => keys.set({ session: { s1: samples.session }, 'pre-key': { p1: unstorable } })).toThrow();
    expect(await keys.get('session', ['s1'])).toEqual({});
    expect(rowsOf(db, 'store-1')).toHaveLength(0);
  });

  it('overwrites an existing key and reads many ids at once', async () => {
    const { db } = openDatabase(':memory:');
    const { keys } = createSqliteAuthState(db, 'store-1').state;
    const many: Record<string, SignalDataTypeMap['pre-key']> = {};
    for (let i = 1; i <= 1200; i++) many[String(i)] = { public: bytes(33, i % 256), private: bytes(32, 1) };
    await keys.set({ 'pre-key': many });
    await keys.set({ 'pre-key': { '7': samples['pre-key'] } });
    const got = await keys.get('pre-key', Object.keys(many));
    expect(Object.keys(got)).toHaveLength(1200);
    expect(got['7']).toEqual(samples['pre-key']);
    expect(got['1200']).toEqual(many['1200']);
  });

  it('keeps sessions apart and clear() deletes only its own rows, then ignores late writes', async () => {
    const { db } = openDatabase(':memory:');
    const one = createSqliteAuthState(db, 'store-1');
    const two = createSqliteAuthState(db, 'store-2');
    one.saveCreds();
    two.saveCreds();
    await one.state.keys.set({ session: { x: samples.session } });
    await two.state.keys.set({ session: { x: bytes(5, 1) } });
    expect(await one.state.keys.get('session', ['x'])).toEqual({ x: samples.session });

    one.clear();
    expect(rowsOf(db, 'store-1')).toHaveLength(0);
    expect(rowsOf(db, 'store-2')).toHaveLength(2);
    // A dying socket still holding the old state must not write the unlinked device back.
    one.saveCreds();
    await one.state.keys.set({ session: { y: samples.session } });
    expect(rowsOf(db, 'store-1')).toHaveLength(0);
    expect(createSqliteAuthState(db, 'store-1').state.creds.registered).toBe(false);
  });

  it('works behind makeCacheableSignalKeyStore', async () => {
    const { db } = openDatabase(':memory:');
    const { keys } = createSqliteAuthState(db, 'store-1').state;
    const cached = makeCacheableSignalKeyStore(keys, pino({ level: 'silent' }));
    await cached.set({ 'lid-mapping': { '201001234567': '76201234567890', '76201234567890_reverse': '201001234567' } });
    expect(await keys.get('lid-mapping', ['201001234567'])).toEqual({ '201001234567': '76201234567890' });
    await cached.set({ 'lid-mapping': { '201001234567': null } });
    expect(await keys.get('lid-mapping', ['201001234567', '76201234567890_reverse'])).toEqual({
      '76201234567890_reverse': '201001234567',
    });
    const fresh = makeCacheableSignalKeyStore(keys, pino({ level: 'silent' }));
    expect(await fresh.get('lid-mapping', ['201001234567', '76201234567890_reverse'])).toEqual({
      '76201234567890_reverse': '201001234567',
    });
  });

  it('persists creds and keys across re-opening a database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auth-state-'));
    try {
      const path = join(dir, 'bot.db');
      const first = openDatabase(path);
      const auth = createSqliteAuthState(first.db, 'store-1');
      Object.assign(auth.state.creds, {
        registered: true,
        me: { id: '201009998887:12@s.whatsapp.net', lid: '11122233344455:12@lid', name: 'Tijaratk Store' },
        routingInfo: bytes(16, 3),
      });
      auth.saveCreds();
      await auth.state.keys.set({ 'identity-key': { '201001234567.0': samples['identity-key'] } });
      const before = JSON.stringify(auth.state.creds, BufferJSON.replacer);
      first.close();

      const second = openDatabase(path);
      const reopened = createSqliteAuthState(second.db, 'store-1');
      expect(JSON.stringify(reopened.state.creds, BufferJSON.replacer)).toBe(before);
      expect(reopened.state.creds.registered).toBe(true);
      expect(reopened.state.creds.me?.lid).toBe('11122233344455:12@lid');
      expect(Buffer.isBuffer(reopened.state.creds.signedIdentityKey.private)).toBe(true);
      expect(await reopened.state.keys.get('identity-key', ['201001234567.0'])).toEqual({
        '201001234567.0': samples['identity-key'],
      });
      const credsRows = second.db
        .select()
        .from(baileysAuth)
        .where(and(eq(baileysAuth.sessionId, 'store-1'), eq(baileysAuth.type, 'creds')))
        .all();
      expect(credsRows).toHaveLength(1);
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
