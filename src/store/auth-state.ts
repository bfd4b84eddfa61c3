// Baileys auth state in SQLite (research guide 4.3): creds plus every Signal key type, stored generically.
// All queries are synchronous better-sqlite3 calls, so a keys.set is one atomic transaction.
import { and, eq, inArray, ne } from 'drizzle-orm';
import {
  BufferJSON,
  initAuthCreds,
  proto,
  type AuthenticationCreds,
  type AuthenticationState,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from '@whiskeysockets/baileys';
import type { Db } from './db.js';
import { baileysAuth } from './schema.js';

export interface SqliteAuthState {
  /** Pass `state.creds` and `makeCacheableSignalKeyStore(state.keys)` to the socket. */
  state: AuthenticationState;
  /** Writes the current creds (call on every `creds.update`). */
  saveCreds(): void;
  /**
   * Deletes every row of this session (after a logout) and retires this state: later writes through it are
   * ignored, so a dying socket cannot write the old device back. Build a new state afterwards.
   */
  clear(): void;
}

const CREDS_TYPE = 'creds';
const CREDS_KEY_ID = '';
// Stays far below SQLite's bound-parameter limit whatever the build.
const IDS_PER_QUERY = 500;

const encode = (value: unknown): string => JSON.stringify(value, BufferJSON.replacer);
const decode = (text: string): unknown => JSON.parse(text, BufferJSON.reviver) as unknown;

export function createSqliteAuthState(db: Db, sessionId: string): SqliteAuthState {
  const ofSession = eq(baileysAuth.sessionId, sessionId);
  let retired = false;

  const credsRow = db
    .select({ value: baileysAuth.value })
    .from(baileysAuth)
    .where(and(ofSession, eq(baileysAuth.type, CREDS_TYPE), eq(baileysAuth.keyId, CREDS_KEY_ID)))
    .get();
  const creds = credsRow ? (decode(credsRow.value) as AuthenticationCreds) : initAuthCreds();

  const keys: SignalKeyStore = {
    get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const found: { [id: string]: SignalDataTypeMap[T] } = {};
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        const chunk = ids.slice(i, i + IDS_PER_QUERY);
        const rows = db
          .select({ keyId: baileysAuth.keyId, value: baileysAuth.value })
          .from(baileysAuth)
          .where(and(ofSession, eq(baileysAuth.type, type), inArray(baileysAuth.keyId, chunk)))
          .all();
        for (const row of rows) {
          const value = decode(row.value);
          // Baileys calls protobuf methods on these, so they must be real message instances.
          found[row.keyId] = (
            type === 'app-state-sync-key' && value && typeof value === 'object'
              ? proto.Message.AppStateSyncKeyData.fromObject(value)
              : value
          ) as SignalDataTypeMap[T];
        }
      }
      return found;
    },

    set(data: SignalDataSet) {
      if (retired) return;
      db.transaction(
        (tx) => {
          for (const [type, entries] of Object.entries(data)) {
            if (!entries) continue;
            for (const [keyId, value] of Object.entries(entries)) {
              const where = and(ofSession, eq(baileysAuth.type, type), eq(baileysAuth.keyId, keyId));
              if (value === null || value === undefined) {
                tx.delete(baileysAuth).where(where).run();
                continue;
              }
              const encoded = encode(value);
              tx.insert(baileysAuth)
                .values({ sessionId, type, keyId, value: encoded })
                .onConflictDoUpdate({
                  target: [baileysAuth.sessionId, baileysAuth.type, baileysAuth.keyId],
                  set: { value: encoded },
                })
                .run();
            }
          }
        },
        { behavior: 'immediate' },
      );
    },

    clear() {
      if (retired) return;
      db.delete(baileysAuth).where(and(ofSession, ne(baileysAuth.type, CREDS_TYPE))).run();
    },
  };

  return {
    state: { creds, keys },
    saveCreds() {
      if (retired) return;
      const value = encode(creds);
      db.insert(baileysAuth)
        .values({ sessionId, type: CREDS_TYPE, keyId: CREDS_KEY_ID, value })
        .onConflictDoUpdate({ target: [baileysAuth.sessionId, baileysAuth.type, baileysAuth.keyId], set: { value } })
        .run();
    },
    clear() {
      retired = true;
      db.delete(baileysAuth).where(ofSession).run();
    },
  };
}
