// A Baileys transport wired to fakes: a socket built around Baileys' real event buffer, manual timers, a manual
// clock, an in-memory database and a logger whose lines tests can read. Nothing here touches the network.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { vi } from 'vitest';
import {
  BufferJSON,
  generateWAMessageFromContent,
  makeEventBuffer,
  type AnyMessageContent,
  type MiscMessageGenerationOptions,
  type UserFacingSocketConfig,
  type WAMessage,
  type WAVersion,
} from '@whiskeysockets/baileys';
import { createManualClock } from '../../src/clock.js';
import { createLogger } from '../../src/logger.js';
import { openDatabase } from '../../src/store/db.js';
import { createBaileysTransport, type BaileysTransportDeps } from '../../src/bot/transports/baileys.js';
import type { InboundHandler, InboundMessage } from '../../src/bot/transport.js';

export const ME = { id: '201009998887:12@s.whatsapp.net', lid: '11122233344455:12@lid', name: 'Tijaratk Store' };

/** A fixture from test/fixtures/baileys, revived the way a stored capture would be. */
export function loadFixture(name: string): WAMessage {
  const text = readFileSync(new URL(`../fixtures/baileys/${name}.json`, import.meta.url), 'utf8');
  return JSON.parse(text, BufferJSON.reviver) as WAMessage;
}

/** What Baileys puts in `lastDisconnect.error`: an Error carrying a Boom `output.statusCode`. */
export function closeError(statusCode: number | undefined, message = 'Connection Closed'): Error {
  return statusCode === undefined ? new Error(message) : Object.assign(new Error(message), { output: { statusCode } });
}

export function makeFakeSocket(config: UserFacingSocketConfig) {
  const ev = makeEventBuffer(pino({ level: 'silent' }));
  let ended = false;
  const emitClose = (statusCode: number | undefined, message?: string) => {
    ev.emit('connection.update', { connection: 'close', lastDisconnect: { error: closeError(statusCode, message), date: new Date() } });
  };
  return {
    config,
    ev,
    user: { id: ME.id, lid: ME.lid, name: ME.name },
    signalRepository: { lidMapping: { getPNForLID: vi.fn(async (_lid: string): Promise<string | null> => null) } },
    sendMessage: vi.fn(
      async (jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions): Promise<WAMessage | undefined> => {
        const text = 'text' in content ? content.text : 'caption' in content ? (content.caption ?? '') : '';
        return generateWAMessageFromContent(
          jid,
          { extendedTextMessage: { text }, messageContextInfo: { messageSecret: Buffer.alloc(32, 7) } },
          { userJid: ME.id, messageId: options?.messageId },
        );
      },
    ),
    updateMediaMessage: vi.fn(async (message: WAMessage): Promise<WAMessage> => message),
    // Like the real socket: end() closes once and reports it as a close event.
    end: vi.fn((_error: Error | undefined) => {
      if (ended) return;
      ended = true;
      emitClose(428);
    }),
    open: () => ev.emit('connection.update', { connection: 'open' }),
    close: (statusCode: number | undefined, message?: string) => emitClose(statusCode, message),
    upsert: (messages: WAMessage[], type: 'notify' | 'append' = 'notify') => ev.emit('messages.upsert', { messages, type }),
  };
}
export type FakeSocket = ReturnType<typeof makeFakeSocket>;

export function manualTimers() {
  const pending: { id: number; fn: () => void; ms: number }[] = [];
  let nextId = 1;
  return {
    pending,
    setTimer: (fn: () => void, ms: number): unknown => {
      const id = nextId++;
      pending.push({ id, fn, ms });
      return id;
    },
    clearTimer: (handle: unknown) => {
      const index = pending.findIndex((t) => t.id === handle);
      if (index >= 0) pending.splice(index, 1);
    },
    /** Fires the oldest pending timer and returns its delay. */
    runNext: (): number => {
      const timer = pending.shift();
      if (!timer) throw new Error('no timer pending');
      timer.fn();
      return timer.ms;
    },
  };
}

/** Lets promise chains and setImmediate callbacks run; no real waiting. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export type LogLine = { level: number; msg?: string } & Record<string, unknown>;

export interface HarnessOptions {
  deps?: Partial<BaileysTransportDeps>;
  /** Replaces the fake socket factory (the default is kept as `fallback`). */
  makeSocket?: (config: UserFacingSocketConfig, fallback: (config: UserFacingSocketConfig) => FakeSocket) => FakeSocket;
}

export async function startHarness(options: HarnessOptions = {}) {
  const handle = openDatabase(':memory:');
  const clock = createManualClock('2026-01-01T10:00:00.000Z');
  const timers = manualTimers();
  const sockets: FakeSocket[] = [];
  const received: InboundMessage[] = [];
  const logs: LogLine[] = [];
  const payloads = new Map<string, string>();
  const logger = createLogger('debug', {
    pretty: false,
    destination: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logs.push(JSON.parse(chunk.toString()) as LogLine);
        callback();
      },
    }),
  });
  const onFatal = vi.fn();
  const printQr = vi.fn();
  const resolveVersion = vi.fn(async (): Promise<WAVersion> => [2, 3000, 1]);
  const fallback = (config: UserFacingSocketConfig) => {
    const socket = makeFakeSocket(config);
    sockets.push(socket);
    return socket;
  };
  const makeSocket = vi.fn((config: UserFacingSocketConfig) => (options.makeSocket ? options.makeSocket(config, fallback) : fallback(config)));
  let handler: InboundHandler = async (message) => {
    received.push(message);
  };

  const transport = createBaileysTransport({
    db: handle.db,
    logger,
    clock,
    sessionId: 'store-1',
    storeName: 'Tijaratk Test',
    getStoredPayload: (id) => payloads.get(id) ?? null,
    makeSocket,
    resolveVersion,
    printQr,
    random: () => 0.5,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
    onFatal,
    ...options.deps,
  });
  await transport.start((message) => handler(message));

  return {
    db: handle.db,
    clock,
    timers,
    sockets,
    received,
    logs,
    payloads,
    onFatal,
    printQr,
    resolveVersion,
    makeSocket,
    transport,
    /** The newest socket. */
    get socket(): FakeSocket {
      const last = sockets.at(-1);
      if (!last) throw new Error('no socket was created');
      return last;
    },
    setHandler(next: InboundHandler) {
      handler = next;
    },
    logsMatching(text: string): LogLine[] {
      return logs.filter((line) => typeof line.msg === 'string' && line.msg.includes(text));
    },
    async close() {
      await transport.stop();
      handle.close();
    },
  };
}
export type Harness = Awaited<ReturnType<typeof startHarness>>;
