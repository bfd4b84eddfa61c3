import { eq, sql } from 'drizzle-orm';
import { prepared } from './prepared.js';
import type { DbOrTx } from './db.js';
import { settings } from './schema.js';
import { perHandle } from './per-handle.js';

export const createSettingsRepo = perHandle((db: DbOrTx) => {
  return {
    /** The stored JSON text, unparsed. */
    getRaw(key: string): string | undefined {
      return prepared(db, 'settings.getRaw', (r) => r.select({ value: settings.value }).from(settings).where(eq(settings.key, sql.placeholder('key'))).prepare()).get({ key })
        ?.value;
    },
    get<T>(key: string): T | undefined {
      const row = db.select().from(settings).where(eq(settings.key, key)).get();
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    set(key: string, value: unknown, at: Date): void {
      const json = JSON.stringify(value);
      db.insert(settings)
        .values({ key, value: json, updatedAt: at.toISOString() })
        .onConflictDoUpdate({ target: settings.key, set: { value: json, updatedAt: at.toISOString() } })
        .run();
    },
    /** Returns the stored value, storing `create()` first when there is none (kept across restarts). */
    getOrInit<T>(key: string, create: () => T, at: Date): T {
      const existing = this.get<T>(key);
      if (existing !== undefined) return existing;
      const value = create();
      this.set(key, value, at);
      return value;
    },
  };
});
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
