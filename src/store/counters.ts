import { sql } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { param, prepared } from './prepared.js';
import { counters } from './schema.js';

/** Next value of a named counter, starting at `first`. Call inside the transaction that uses it. */
export function nextCounter(db: DbOrTx, name: string, first: number): number {
  const row = prepared(db, 'counters.next', (r) =>
    r
      .insert(counters)
      .values({ name: param('name'), value: param('first') })
      .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } })
      .returning({ value: counters.value })
      .prepare(),
  ).get({ name, first });
  return row!.value;
}
