// The WhatsApp transport on Baileys 7 (research guide section 4): one live socket per store number, reconnected by
// DisconnectReason; inbound messages normalised and handed over one at a time, in arrival order.
import {
  BufferJSON,
  isHostedLidUser,
  isHostedPnUser,
  isLidUser,
  isPnUser,
  jidDecode,
  jidNormalizedUser,
  makeCacheableSignalKeyStore,
  makeWASocket,
  proto,
  WAMessageStatus,
  type AnyMessageContent,
  type BaileysEventMap,
  type WAMessage,
  type WAMessageKey,
  type WAVersion,
} from '@whiskeysockets/baileys';
import qrcode from 'qrcode-terminal';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import { createSqliteAuthState } from '../../store/auth-state.js';
import type { Db } from '../../store/db.js';
import { createWaIdentitiesRepo } from '../../store/wa-identities.js';
import {
  PermanentSendError,
  type InboundHandler,
  type InboundMessage,
  type OutboundContent,
  type SendRejectedListener,
  type Transport,
} from '../transport.js';
import { readMessage, resolveIdentity, sentAt, type IdentityLookups } from './baileys-inbound.js';
import { downloadInboundMedia, isWhatsAppMediaUrl } from './baileys-media.js';
import { backoffMs, closeAction, HEALTHY_AFTER_MS, statusCodeOf } from './baileys-reconnect.js';
import {
  createCache,
  resolveWaWebVersion,
  settingsWaVersionCache,
  socketConfig,
  type BaileysSocket,
  type MakeSocket,
} from './baileys-socket.js';

export interface BaileysTransportDeps {
  db: Db;
  logger: Logger;
  clock: Clock;
  /** Scopes the auth rows; one per store number. */
  sessionId: string;
  /** Shown on the phone under Linked devices. */
  storeName: string;
  /** `outbox.transport_payload` (BufferJSON text) of one of our sent messages, for Baileys' retries. */
  getStoredPayload(messageId: string): string | null;
  makeSocket?: MakeSocket;
  resolveVersion?: () => Promise<WAVersion>;
  printQr?: (qr: string) => void;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** The socket stopped for good; an operator has to act. */
  onFatal?: (reason: 'replaced' | 'forbidden', message: string) => void;
  /** Hosts media may be fetched from; defaults to https on *.whatsapp.net. */
  isAllowedMediaUrl?: (url: URL) => boolean;
  mediaTimeoutMs?: number;
}

const RETRY_COUNTER_TTL_S = 60 * 60;
const SIGNAL_KEY_CACHE_TTL_S = 5 * 60;
const MEDIA_TIMEOUT_MS = 60_000;
/**
 * The whole number's pace (src/bot/send-budget.ts): far above a small shop's replies (600 a minute), far below the
 * burst a backlog would make after an outage, which starts at 1 a second and climbs to the full rate in a minute.
 */
const SEND_RATE = { perSecond: 10, burst: 20, rampMs: 60_000 };

const LOGGED_OUT_MESSAGE =
  'WhatsApp logged this bot out (401). The session was deleted; scan the new QR to link the store number again.';
const REPLACED_MESSAGE =
  'Another WhatsApp Web session took over this store number (440 connection replaced). ' +
  'Stopped: make sure only one bot instance runs, then restart it.';
const FORBIDDEN_MESSAGE =
  'WhatsApp refused this store number (403 forbidden: banned or blocked). ' +
  'Stopped; the session is kept. Check the number in the WhatsApp app.';

export function createBaileysTransport(deps: BaileysTransportDeps): Transport {
  const log = deps.logger.child({ transport: 'baileys', session: deps.sessionId });
  // Baileys is chatty below warn; keep its logs at warn or quieter.
  const baileysLog = deps.logger.child(
    { module: 'baileys' },
    { level: deps.logger.isLevelEnabled('info') ? 'warn' : deps.logger.level },
  );
  const makeSocket = deps.makeSocket ?? ((config) => makeWASocket(config));
  const resolveVersion = deps.resolveVersion ?? (() => resolveWaWebVersion(log, settingsWaVersionCache(deps.db, deps.clock)));
  const printQr = deps.printQr ?? ((qr: string) => qrcode.generate(qr, { small: true }));
  const random = deps.random ?? Math.random;
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const identities = createWaIdentitiesRepo(deps.db);

  /** The auth rows plus the key cache in front of them; replaced as a whole after a logout. */
  const openSession = () => {
    const store = createSqliteAuthState(deps.db, deps.sessionId);
    const keyCache = createCache(SIGNAL_KEY_CACHE_TTL_S);
    return { store, keyCache, keys: makeCacheableSignalKeyStore(store.state.keys, baileysLog, keyCache) };
  };
  let session = openSession();
  // Outlives sockets, so a restart does not reset retry counts (decrypt/encrypt loops).
  let retryCounters = createCache(RETRY_COUNTER_TTL_S);

  let handler: InboundHandler | null = null;
  const rejectedListeners: SendRejectedListener[] = [];
  let sock: BaileysSocket | null = null;
  let detach: (() => void) | null = null;
  let open = false;
  let stopped = true;
  let connecting: Promise<void> | null = null;
  let reconnectTimer: { handle: unknown } | null = null;
  let attempt = 0;
  let openedAt: number | null = null;
  let lastCloseWasImmediate = false;
  let version: WAVersion | null = null;
  let refreshVersion = false;
  let inbound: Promise<void> = Promise.resolve();
  /** Caches released by stop(); start() opens new ones. */
  let closed = false;

  // ---- identity -------------------------------------------------------------------------------------------

  const lookups: IdentityLookups = {
    isSelf(jid) {
      const me = session.store.state.creds.me;
      const target = jidNormalizedUser(jid);
      return !!me && [me.id, me.lid, me.phoneNumber].some((own) => !!own && jidNormalizedUser(own) === target);
    },
    async pnForLid(lid) {
      if (!sock) return null;
      try {
        return await sock.signalRepository.lidMapping.getPNForLID(lid);
      } catch (err) {
        log.debug({ err }, 'LID mapping lookup failed');
        return null;
      }
    },
    identities,
    now: () => deps.clock.now(),
  };

  function rememberPair(lid: string | undefined, pn: string | undefined): void {
    if (lid && pn) identities.remember(lid, pn, deps.clock.now());
  }

  // ---- inbound --------------------------------------------------------------------------------------------

  async function deliver(msg: WAMessage, offline: boolean): Promise<void> {
    const read = readMessage(msg);
    if (!read.ok) {
      log.debug({ id: msg.key.id, reason: read.reason, stub: msg.messageStubParameters }, 'inbound message skipped');
      return;
    }
    if (!handler) return;
    const fromMe = !!msg.key.fromMe;
    const { phone, lid } = await resolveIdentity(msg.key, lookups);
    const base = {
      transport: 'baileys' as const,
      id: read.id,
      chatAddress: read.chatAddress,
      phone,
      lid,
      // On our own messages pushName is the store's name, not the customer's.
      pushName: fromMe ? null : (msg.pushName ?? null),
      fromMe,
      offline,
      forwarded: read.forwarded,
      receivedAt: sentAt(msg, deps.clock.now()),
    };
    const { content } = read;
    const message: InboundMessage =
      content.type === 'text'
        ? { ...base, type: 'text', text: content.text }
        : {
            ...base,
            type: 'media',
            caption: content.caption,
            media: {
              kind: content.kind,
              mimetype: content.mimetype,
              fileName: content.fileName,
              declaredBytes: content.declaredBytes,
              download: (maxBytes) =>
                downloadInboundMedia(msg, maxBytes, {
                  reupload: (m) => liveSocket('download media').updateMediaMessage(m),
                  isAllowedUrl: deps.isAllowedMediaUrl ?? isWhatsAppMediaUrl,
                  timeoutMs: deps.mediaTimeoutMs ?? MEDIA_TIMEOUT_MS,
                }),
            },
          };
    await handler(message);
  }

  /** One at a time, in arrival order; a failing message never blocks the next. */
  function enqueue(msg: WAMessage, offline: boolean): void {
    inbound = inbound
      .then(() => deliver(msg, offline))
      .catch((err: unknown) => log.error({ err, id: msg.key.id }, 'inbound message handling failed'));
  }

  // ---- socket lifecycle -----------------------------------------------------------------------------------

  function attach(s: BaileysSocket): void {
    const listeners: { [E in keyof BaileysEventMap]?: (arg: BaileysEventMap[E]) => void } = {
      'connection.update': (update) => onConnectionUpdate(s, update),
      'creds.update': () => session.store.saveCreds(),
      'messages.upsert': ({ messages, type }) => {
        // Offline replay arrives as append; so do our own echoes. Both matter (guide 4.5).
        for (const msg of messages) enqueue(msg, type === 'append');
      },
      'messages.update': (updates) => onMessagesUpdate(updates),
      'lid-mapping.update': ({ lid, pn }) => rememberPair(lid, pn),
      'messaging-history.set': ({ lidPnMappings }) => {
        for (const { lid, pn } of lidPnMappings ?? []) rememberPair(lid, pn);
      },
    };
    const entries = Object.entries(listeners) as [keyof BaileysEventMap, (arg: unknown) => void][];
    for (const [event, listener] of entries) s.ev.on(event, listener);
    sock = s;
    detach = () => {
      for (const [event, listener] of entries) s.ev.off(event, listener);
    };
  }

  /** Listeners off first: end() emits a close that would otherwise schedule a second reconnect. */
  function dropSocket(): void {
    const s = sock;
    detach?.();
    detach = null;
    sock = null;
    open = false;
    if (!s) return;
    try {
      void Promise.resolve(s.end(undefined)).catch((err: unknown) =>
        log.debug({ err }, 'closing the old socket failed'),
      );
    } catch (err) {
      log.debug({ err }, 'closing the old socket failed');
    }
  }

  function connect(): Promise<void> {
    if (stopped) return Promise.resolve();
    connecting ??= openSocket()
      .catch((err: unknown) => {
        log.warn({ err }, 'could not start a WhatsApp connection; will retry');
        scheduleReconnect();
      })
      .finally(() => {
        connecting = null;
      });
    return connecting;
  }

  async function openSocket(): Promise<void> {
    cancelReconnect();
    dropSocket();
    if (!version || refreshVersion) {
      version = await resolveVersion();
      refreshVersion = false;
    }
    if (stopped) return;
    const config = socketConfig({
      version,
      creds: session.store.state.creds,
      keys: session.keys,
      logger: baileysLog,
      storeName: deps.storeName,
      msgRetryCounterCache: retryCounters,
      getMessage,
    });
    attach(makeSocket(config));
    log.info({ version }, 'connecting to WhatsApp');
  }

  function cancelReconnect(): void {
    if (reconnectTimer) clearTimer(reconnectTimer.handle);
    reconnectTimer = null;
  }

  function scheduleReconnect(): void {
    if (stopped || reconnectTimer) return;
    const delayMs = backoffMs(attempt, random);
    attempt += 1;
    log.info({ delayMs, attempt }, 'reconnecting to WhatsApp after a pause');
    const timer: { handle: unknown } = { handle: undefined };
    timer.handle = setTimer(() => {
      if (reconnectTimer !== timer) return;
      reconnectTimer = null;
      void connect();
    }, delayMs);
    reconnectTimer = timer;
  }

  function reconnectNow(): void {
    // Twice in a row without getting anywhere means something is wrong: back off instead of spinning.
    if (lastCloseWasImmediate) return scheduleReconnect();
    lastCloseWasImmediate = true;
    void connect();
  }

  function onConnectionUpdate(s: BaileysSocket, update: BaileysEventMap['connection.update']): void {
    if (s !== sock) return;
    if (update.qr) {
      lastCloseWasImmediate = false;
      log.info('WhatsApp is not linked: scan this QR on the store phone (Linked devices > Link a device)');
      printQr(update.qr);
    }
    if (update.reachoutTimeLock?.isActive) {
      log.warn(
        { reachoutTimeLock: update.reachoutTimeLock },
        'WhatsApp restricts messages to new contacts on this number',
      );
    }
    if (update.connection === 'open') {
      open = true;
      openedAt = deps.clock.now().getTime();
      lastCloseWasImmediate = false;
      log.info({ user: s.user?.id }, 'WhatsApp connection open');
      // WhatsApp only pushes changes of the restriction state, so ask once (guide 4.4).
      s.fetchAccountReachoutTimelock?.().catch((err: unknown) =>
        log.debug({ err }, 'reach-out time lock query failed'),
      );
    }
    if (update.connection === 'close') onClose(update.lastDisconnect?.error);
  }

  function onClose(error: unknown): void {
    const statusCode = statusCodeOf(error);
    const healthy = openedAt !== null && deps.clock.now().getTime() - openedAt >= HEALTHY_AFTER_MS;
    if (healthy) attempt = 0;
    openedAt = null;
    dropSocket();
    if (stopped) return;
    const action = closeAction(statusCode);
    log.info({ statusCode, action, err: error }, 'WhatsApp connection closed');
    switch (action) {
      case 'restart':
        return reconnectNow();
      case 'relink':
        log.error(LOGGED_OUT_MESSAGE);
        relink();
        return reconnectNow();
      case 'replaced':
        return fatal('replaced', REPLACED_MESSAGE);
      case 'forbidden':
        return fatal('forbidden', FORBIDDEN_MESSAGE);
      case 'refresh-version':
        refreshVersion = true;
        return scheduleReconnect();
      case 'retry':
        return scheduleReconnect();
    }
  }

  /** Fresh creds and key caches: the old ones belong to the device the phone just unlinked. */
  function relink(): void {
    session.store.clear();
    session.keyCache.close();
    session = openSession();
  }

  function fatal(reason: 'replaced' | 'forbidden', message: string): void {
    stopped = true;
    cancelReconnect();
    log.error({ reason }, message);
    deps.onFatal?.(reason, message);
  }

  function onMessagesUpdate(updates: BaileysEventMap['messages.update']): void {
    for (const { key, update } of updates) {
      if (update.status !== WAMessageStatus.ERROR) continue;
      // A server NACK of a message we sent (messages-recv.js handleBadAck). 463: reach-out restricted or missing
      // tctoken, and retrying counts as another reach-out (guide 4.9); 479: the stanza was rejected as invalid.
      // Every NACK is final for that message id: the outbox marks it failed and tells the sellers.
      log.warn(
        { id: key.id, chat: key.remoteJid, error: update.messageStubParameters },
        'WhatsApp refused to deliver a sent message; not retrying',
      );
      if (!key.fromMe || !key.id) continue;
      const code = String(update.messageStubParameters?.[0] ?? 'unknown');
      const error = new PermanentSendError(`WhatsApp refused message ${key.id} (${code})`, code);
      for (const listener of rejectedListeners) {
        try {
          listener(key.id, error);
        } catch (err) {
          log.error({ err, id: key.id }, 'recording a refused message failed');
        }
      }
    }
  }

  // ---- outbound -------------------------------------------------------------------------------------------

  async function getMessage(key: WAMessageKey): Promise<proto.IMessage | undefined> {
    if (!key.id) return undefined;
    try {
      const stored = deps.getStoredPayload(key.id);
      // A placeholder would burn a retry on an empty message; undefined lets Baileys give up cleanly.
      if (!stored) return undefined;
      return proto.Message.fromObject(JSON.parse(stored, BufferJSON.reviver) as Record<string, unknown>);
    } catch (err) {
      log.warn({ err, id: key.id }, 'stored message could not be read for a retry');
      return undefined;
    }
  }

  function liveSocket(action: string): BaileysSocket {
    if (!sock || !open) throw new Error(`WhatsApp is not connected; cannot ${action}`);
    return sock;
  }

  return {
    name: 'baileys',
    perChatPaceMs: 1500,
    sendRate: SEND_RATE,

    async start(onMessage) {
      handler = onMessage;
      if (!stopped) return;
      stopped = false;
      attempt = 0;
      lastCloseWasImmediate = false;
      if (closed) {
        session = openSession();
        retryCounters = createCache(RETRY_COUNTER_TTL_S);
        closed = false;
      }
      await connect();
    },

    async send(address, content, messageId) {
      if (!isSendableJid(address)) {
        throw new PermanentSendError(`${address} is not a WhatsApp chat address (message ${messageId})`, 'invalid-address');
      }
      const socket = liveSocket(`send message ${messageId}`);
      const sent = await socket.sendMessage(address, toBaileysContent(content), { messageId });
      return { payload: sent?.message ? JSON.stringify(sent.message, BufferJSON.replacer) : null };
    },

    onSendRejected(listener) {
      rejectedListeners.push(listener);
    },

    addressForPhone(e164) {
      return `${e164.replace(/^\+/, '')}@s.whatsapp.net`;
    },

    isReady() {
      return open && !stopped;
    },

    async stop() {
      stopped = true;
      cancelReconnect();
      await connecting;
      dropSocket();
      await inbound;
      retryCounters.close();
      session.keyCache.close();
      closed = true;
    },
  };
}

/** A 1:1 chat Baileys can encrypt for: digits (and an optional device) at a user server. Anything else fails for good. */
function isSendableJid(address: string): boolean {
  const user = jidDecode(address)?.user;
  return (
    !!user &&
    /^\d{5,20}$/.test(user) &&
    !!(isPnUser(address) || isLidUser(address) || isHostedPnUser(address) || isHostedLidUser(address))
  );
}

function toBaileysContent(content: OutboundContent): AnyMessageContent {
  switch (content.type) {
    case 'text':
      return { text: content.text };
    case 'image':
      return { image: { url: content.path }, caption: content.caption, mimetype: content.mimetype };
    case 'document':
      return {
        document: { url: content.path },
        mimetype: content.mimetype,
        fileName: content.fileName,
        caption: content.caption,
      };
  }
}
