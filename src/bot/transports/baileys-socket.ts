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
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { Db } from '../../store/db.js';
import { createSettingsRepo } from '../../store/settings.js';

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

/** What `fetchLatestWaWebVersion` answers: the version, and whether it came from web.whatsapp.com. */
export type FetchWaWebVersion = (signal: AbortSignal) => Promise<{ version: WAVersion; isLatest: boolean; error?: unknown }>;

/** The last version web.whatsapp.com gave, kept across restarts. */
export interface WaVersionCache {
  get(): WAVersion | null;
  set(version: WAVersion): void;
}

const WA_VERSION_KEY = 'wa_web_version';
const storedVersion = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative(), z.number().int().nonnegative()]);

/** The version cache in the settings table; a stored value that is not JSON or not a version counts as none. */
export function settingsWaVersionCache(db: Db, clock: Clock): WaVersionCache {
  const settings = createSettingsRepo(db);
  return {
    get() {
      const raw = settings.getRaw(WA_VERSION_KEY);
      if (raw === undefined) return null;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        return null;
      }
      const parsed = storedVersion.safeParse(value);
      return parsed.success ? parsed.data : null;
    },
    set: (version) => settings.set(WA_VERSION_KEY, version, clock.now()),
  };
}

/**
 * The current WA Web version. When web.whatsapp.com cannot be reached in time, the last one it gave (kept in the
 * database) is closer to current than the version bundled with Baileys, which ages with the package: WhatsApp
 * refuses versions that are too old (405), so the bundled one is only the last resort.
 */
export async function resolveWaWebVersion(
  logger: Logger,
  cache: WaVersionCache | null = null,
  fetchVersion: FetchWaWebVersion = (signal) => fetchLatestWaWebVersion({ signal }),
): Promise<WAVersion> {
  const { version, isLatest, error } = await fetchVersion(AbortSignal.timeout(VERSION_TIMEOUT_MS));
  if (isLatest) {
    try {
      cache?.set(version);
    } catch (err) {
      // Keeping it only helps a later start that is offline; it must not stop this one from connecting.
      logger.warn({ err, version }, 'could not keep the WhatsApp Web version');
    }
    return version;
  }
  const known = cache?.get() ?? null;
  if (known) {
    logger.warn({ err: error, version: known }, 'could not fetch the current WhatsApp Web version; using the last one fetched');
    return known;
  }
  logger.warn({ err: error, version }, 'could not fetch the current WhatsApp Web version; using the bundled one');
  return version;
}
