// The slice of a Baileys socket the transport uses (so tests can inject a fake) and the socket options we run with
// (research guide 4.2).
import NodeCache from '@cacheable/node-cache';
import {
  fetchLatestWaWebVersion,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  type AnyMessageContent,
  type AuthenticationCreds,
  type BaileysEventEmitter,
  type CacheStore,
  type Contact,
  type MiscMessageGenerationOptions,
  type proto,
  type ReachoutTimelockState,
  type SignalKeyStore,
  type UserFacingSocketConfig,
  type WAMessage,
  type WAMessageKey,
  type WAVersion,
} from '@whiskeysockets/baileys';
import type { Logger } from '../../logger.js';

export interface BaileysSocket {
  ev: BaileysEventEmitter;
  user?: Contact | undefined;
  signalRepository: { lidMapping: { getPNForLID(lid: string): Promise<string | null> } };
  sendMessage(
    jid: string,
    content: AnyMessageContent,
    options?: MiscMessageGenerationOptions,
  ): Promise<WAMessage | undefined>;
  updateMediaMessage(message: WAMessage): Promise<WAMessage>;
  end(error: Error | undefined): Promise<void> | void;
  fetchAccountReachoutTimelock?(): Promise<ReachoutTimelockState>;
}

export type MakeSocket = (config: UserFacingSocketConfig) => BaileysSocket;

/** A cache that outlives sockets (retry counters, Signal keys); Baileys' own NodeCache implementation. */
export function createCache(ttlSeconds: number): CacheStore & { close(): void } {
  const cache = new NodeCache<unknown>({ stdTTL: ttlSeconds, useClones: false, deleteOnExpire: true });
  return {
    // Untyped by nature: whoever stored a key knows its type.
    get: <T>(key: string) => cache.get(key) as T | undefined,
    set: (key, value) => cache.set(key, value),
    del: (key) => cache.del(key),
    flushAll: () => cache.flushAll(),
    close: () => cache.close(),
  };
}

export interface SocketOptions {
  version: WAVersion;
  creds: AuthenticationCreds;
  keys: SignalKeyStore;
  logger: Logger;
  storeName: string;
  msgRetryCounterCache: CacheStore;
  getMessage(key: WAMessageKey): Promise<proto.IMessage | undefined>;
}

export function socketConfig(options: SocketOptions): UserFacingSocketConfig {
  return {
    version: options.version,
    auth: { creds: options.creds, keys: options.keys },
    logger: options.logger,
    // browser[0] is the name the phone shows under Linked devices.
    browser: [options.storeName, 'Chrome', '1.0.0'],
    // Offline keeps push notifications on the store owner's phone.
    markOnlineOnConnect: false,
    syncFullHistory: false,
    // Ignored JIDs are not even decrypted; isJidBroadcast covers status@broadcast.
    shouldIgnoreJid: (jid) => !!(isJidGroup(jid) || isJidBroadcast(jid) || isJidNewsletter(jid)),
    msgRetryCounterCache: options.msgRetryCounterCache,
    getMessage: options.getMessage,
  };
}

const VERSION_TIMEOUT_MS = 5_000;

/** The current WA Web version, or Baileys' bundled one when web.whatsapp.com cannot be reached in time. */
export async function resolveWaWebVersion(logger: Logger): Promise<WAVersion> {
  const signal = AbortSignal.timeout(VERSION_TIMEOUT_MS);
  const { version, isLatest, error } = await fetchLatestWaWebVersion({ signal });
  if (!isLatest) {
    logger.warn({ err: error, version }, 'could not fetch the current WhatsApp Web version; using the bundled one');
  }
  return version;
}
