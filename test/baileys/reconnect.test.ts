import { afterEach, describe, it, expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeWASocket } from '@whiskeysockets/baileys';
import { baileysAuth } from '../../src/store/schema.js';
import { backoffMs, closeAction } from '../../src/bot/transports/baileys-reconnect.js';
import { createSqliteAuthState } from '../../src/store/auth-state.js';
import { loadFixture, settle, startHarness, type FakeSocket, type Harness, type HarnessOptions } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness(options: HarnessOptions = {}) {
  h = await startHarness(options);
  return h;
}

describe('Baileys reconnect policy', () => {
  it('maps DisconnectReason codes to actions', () => {
    expect([515, 401, 440, 403, 405, 428, 408, 411, 500, 503, undefined].map(closeAction)).toEqual([
      'restart',
      'relink',
      'replaced',
      'forbidden',
      'refresh-version',
      'retry',
      'retry',
      'retry',
      'retry',
      'retry',
      'retry',
    ]);
  });

  it('backs off exponentially from 1 s to a 60 s cap, with jitter', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffMs(a, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000,
    ]);
    expect(backoffMs(3, () => 0)).toBe(4000);
    expect(backoffMs(0, () => 0)).toBe(1000);
    for (let attempt = 0; attempt < 12; attempt++) {
      const delay = backoffMs(attempt, Math.random);
      expect(delay).toBeGreaterThanOrEqual(1000);
      expect(delay).toBeLessThanOrEqual(60000);
    }
  });

  it('configures the socket as the guide recommends', async () => {
    const { socket, makeSocket, resolveVersion } = await harness();
    expect(resolveVersion).toHaveBeenCalledTimes(1);
    expect(makeSocket).toHaveBeenCalledTimes(1);
    const { config } = socket;
    expect(config).toMatchObject({
      version: [2, 3000, 1],
      markOnlineOnConnect: false,
      syncFullHistory: false,
      browser: ['Tijaratk Test', 'Chrome', '1.0.0'],
    });
    expect(config.auth.creds.registered).toBe(false);
    const ignore = config.shouldIgnoreJid!;
    expect(['120363025246125486@g.us', 'status@broadcast', '1234@broadcast', '120363144038483540@newsletter'].map(ignore)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['201001234567@s.whatsapp.net', '76201234567890@lid'].map(ignore)).toEqual([false, false]);
    expect(config.msgRetryCounterCache).toBeDefined();
  });

  it('prints the QR and becomes ready on open', async () => {
    const { socket, transport, printQr } = await harness();
    expect(transport.isReady()).toBe(false);
    socket.ev.emit('connection.update', { qr: '2@abc,def,ghi' });
    expect(printQr).toHaveBeenCalledWith('2@abc,def,ghi');
    socket.open();
    expect(transport.isReady()).toBe(true);
  });

  it('428: removes the old socket, then reconnects after a backoff, keeping the retry cache', async () => {
    const { socket: first, sockets, timers, transport, received } = await harness();
    first.open();
    first.close(428);
    expect(transport.isReady()).toBe(false);
    expect(first.end).toHaveBeenCalledTimes(1);
    // Our listeners are off the dead socket.
    first.upsert([loadFixture('pn-text')]);
    await settle();
    expect(received).toHaveLength(0);
    expect(sockets).toHaveLength(1);
    expect(timers.pending.map((t) => t.ms)).toEqual([1000]);

    // The old socket's own close after end() must not schedule anything more.
    expect(timers.pending).toHaveLength(1);
    timers.runNext();
    await settle();
    expect(sockets).toHaveLength(2);
    expect(sockets[1]!.config.msgRetryCounterCache).toBe(first.config.msgRetryCounterCache);

    // Failing again without ever opening: the delay grows.
    sockets[1]!.close(408);
    expect(timers.pending.map((t) => t.ms)).toEqual([1500]);
  });

  it('starts the backoff from scratch after a healthy period', async () => {
    const { timers, clock } = await harness();
    for (const [i, delay] of [1000, 1500, 3000].entries()) {
      h!.socket.close(undefined);
      expect(timers.pending.map((t) => t.ms), `round ${i}`).toEqual([delay]);
      timers.runNext();
      await settle();
    }
    h!.socket.open();
    clock.advance(6 * 60_000);
    h!.socket.close(428);
    expect(timers.pending.map((t) => t.ms)).toEqual([1000]);
  });

  it('515: reconnects at once, and backs off if it repeats without progress', async () => {
    const { socket, sockets, timers } = await harness();
    socket.close(515);
    await settle();
    expect(sockets).toHaveLength(2);
    expect(timers.pending).toHaveLength(0);

    sockets[1]!.close(515);
    await settle();
    expect(sockets).toHaveLength(2);
    expect(timers.pending).toHaveLength(1);
  });

  it('ignores a second close from a socket that was already replaced', async () => {
    const { socket, sockets } = await harness();
    socket.close(515);
    socket.close(515);
    await settle();
    expect(sockets).toHaveLength(2);
  });

  it('401: clears this session’s auth rows and opens a new socket for a new QR', async () => {
    const { socket, sockets, db, logs } = await harness();
    socket.config.auth.creds.registered = true;
    socket.ev.emit('creds.update', { registered: true });
    await socket.config.auth.keys.set({ session: { '201001234567.0': Buffer.from([1, 2, 3]) } });
    const other = createSqliteAuthState(db, 'store-2');
    other.saveCreds();
    const rows = () => db.select().from(baileysAuth).where(eq(baileysAuth.sessionId, 'store-1')).all();
    expect(rows().length).toBe(2);

    socket.open();
    socket.close(401);
    await settle();
    expect(rows()).toEqual([]);
    expect(db.select().from(baileysAuth).where(eq(baileysAuth.sessionId, 'store-2')).all()).toHaveLength(1);
    expect(sockets).toHaveLength(2);
    const fresh = sockets[1]!.config.auth;
    expect(fresh.creds.registered).toBe(false);
    expect(fresh.creds.noiseKey.private).not.toEqual(socket.config.auth.creds.noiseKey.private);
    expect(await fresh.keys.get('session', ['201001234567.0'])).toEqual({});
    expect(logs.some((l) => l.level === 50 && String(l.msg).includes('logged this bot out (401)'))).toBe(true);
  });

  it('440: stops for good and reports the replaced session', async () => {
    const { socket, sockets, timers, onFatal, transport } = await harness();
    socket.open();
    socket.close(440, 'Stream Errored (conflict)');
    await settle();
    expect(sockets).toHaveLength(1);
    expect(timers.pending).toHaveLength(0);
    expect(onFatal).toHaveBeenCalledWith('replaced', expect.stringContaining('440'));
    expect(transport.isReady()).toBe(false);
    await expect(transport.send('201001234567@s.whatsapp.net', { type: 'text', text: 'hi' }, 'X1')).rejects.toThrow(
      /not connected/,
    );
  });

  it('403: stops and reports forbidden, keeping the auth rows', async () => {
    const { socket, sockets, timers, onFatal, db } = await harness();
    socket.ev.emit('creds.update', {});
    socket.close(403);
    await settle();
    expect(sockets).toHaveLength(1);
    expect(timers.pending).toHaveLength(0);
    expect(onFatal).toHaveBeenCalledWith('forbidden', expect.stringContaining('403'));
    expect(db.select().from(baileysAuth).all()).toHaveLength(1);
  });

  it('405: resolves the WA Web version again and backs off', async () => {
    const { socket, sockets, timers, resolveVersion } = await harness();
    resolveVersion.mockResolvedValueOnce([2, 3000, 2]);
    socket.close(405);
    expect(timers.pending).toHaveLength(1);
    timers.runNext();
    await settle();
    expect(resolveVersion).toHaveBeenCalledTimes(2);
    expect(sockets[1]!.config.version).toEqual([2, 3000, 2]);
  });

  it('a socket that cannot be created (no network) is a logged retry, never a crash', async () => {
    let failures = 2;
    const { sockets, timers, logs, makeSocket } = await harness({
      makeSocket: (config, fallback) => {
        if (failures-- > 0) throw new Error('getaddrinfo ENOTFOUND web.whatsapp.com');
        return fallback(config);
      },
    });
    expect(sockets).toHaveLength(0);
    expect(timers.pending.map((t) => t.ms)).toEqual([1000]);
    timers.runNext();
    await settle();
    expect(timers.pending.map((t) => t.ms)).toEqual([1500]);
    timers.runNext();
    await settle();
    expect(makeSocket).toHaveBeenCalledTimes(3);
    expect(sockets).toHaveLength(1);
    expect(logs.filter((l) => l.msg === 'could not start a WhatsApp connection; will retry')).toHaveLength(2);
  });

  it('the real Baileys socket on a refused loopback port closes with a logged, backed-off retry', async () => {
    const { timers, logs } = await harness({
      makeSocket: (config) => makeWASocket({ ...config, waWebSocketUrl: 'ws://127.0.0.1:1/ws' }) as unknown as FakeSocket,
    });
    for (let i = 0; i < 5000 && timers.pending.length === 0; i++) await settle(1);
    expect(timers.pending.map((t) => t.ms)).toEqual([1000]);
    expect(logs.find((l) => l.msg === 'WhatsApp connection closed')).toMatchObject({ action: 'retry' });
  });

  it('a failing version lookup is retried the same way', async () => {
    const { resolveVersion, sockets, timers } = await harness();
    expect(sockets).toHaveLength(1);
    resolveVersion.mockRejectedValueOnce(new Error('offline'));
    h!.socket.close(405);
    timers.runNext();
    await settle();
    expect(sockets).toHaveLength(1);
    expect(timers.pending).toHaveLength(1);
    timers.runNext();
    await settle();
    expect(sockets).toHaveLength(2);
  });

  it('stop() ends the socket without reconnecting', async () => {
    const { socket, timers, transport } = await harness();
    socket.open();
    await transport.stop();
    expect(socket.end).toHaveBeenCalledTimes(1);
    expect(timers.pending).toHaveLength(0);
    expect(transport.isReady()).toBe(false);
  });
});
