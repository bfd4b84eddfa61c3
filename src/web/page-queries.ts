// The order page's reads as prepared statements, built once per database: building and preparing
// SQL on every request cost more than everything else the page does (scripts/bench-web.ts).
// Writes never come through here; they go through the repositories inside transactions.
import { asc, eq, sql } from 'drizzle-orm';
import { readPolicy, type StorePolicy } from '../orders/policy.js';
import type { CustomerRequest, Feedback } from '../store/customer-requests.js';
import type { Db } from '../store/db.js';
import type { LinkToken } from '../store/link-tokens.js';
import type { Order, OrderEvent, OrderItem } from '../store/orders.js';
import { customerRequests, feedback, linkTokens, orderEvents, orderItems, orders, settings } from '../store/schema.js';

/** Rows handed out are shared between requests: read them, never change them. */
export interface SessionRow {
  order: Order;
  link: LinkToken | undefined;
  /** What else the page shows, as one string that changes when any of it does. */
  version: string;
}

function prepare(db: Db) {
  // The session check and the page's version in one statement: the order, the cookie's link, the
  // newest event of the order (every request, answer, rating and status change adds one) and the policy text.
  const session = db
    .select({
      order: orders,
      link: linkTokens,
      lastEvent: sql<number | null>`(SELECT max(${orderEvents.id}) FROM ${orderEvents} WHERE ${orderEvents.orderId} = ${orders.id})`,
      policy: sql<string | null>`(SELECT ${settings.value} FROM ${settings} WHERE ${settings.key} = 'store_policy')`,
    })
    .from(orders)
    .leftJoin(linkTokens, eq(linkTokens.id, sql.placeholder('linkId')))
    .where(eq(orders.publicId, sql.placeholder('publicId')))
    .prepare();
  const items = db.select().from(orderItems).where(eq(orderItems.orderId, sql.placeholder('orderId'))).orderBy(asc(orderItems.id)).prepare();
  const events = db.select().from(orderEvents).where(eq(orderEvents.orderId, sql.placeholder('orderId'))).orderBy(asc(orderEvents.id)).prepare();
  const requests = db.select().from(customerRequests).where(eq(customerRequests.orderId, sql.placeholder('orderId'))).orderBy(asc(customerRequests.id)).prepare();
  const rating = db.select().from(feedback).where(eq(feedback.orderId, sql.placeholder('orderId'))).orderBy(asc(feedback.id)).limit(1).prepare();
  const policyRow = db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'store_policy')).prepare();
  let policyCache: { raw: string | undefined; policy: StorePolicy } | null = null;

  // Whether anything at all was written since the last look: rows changed by this connection
  // (every write of the process goes through it) and commits by any other connection. While both
  // stand still, a session row read before is still what the database holds.
  const sqlite = (db as Db & { $client: import('better-sqlite3').Database }).$client;
  const changes = sqlite.prepare('SELECT total_changes(), data_version FROM pragma_data_version()').raw();
  let stamp = '';
  const sessions = new Map<string, SessionRow | null>();
  const SESSIONS_MAX = 10_000;

  return {
    /** The order, the link `linkId` (whichever order it is for) and a version string of what else the page shows. */
    session(publicId: string, linkId: number): SessionRow | undefined {
      const now = (changes.get() as unknown[]).join(':');
      if (now !== stamp) {
        sessions.clear();
        stamp = now;
      }
      const key = `${publicId}\u0000${linkId}`;
      let found = sessions.get(key);
      if (found === undefined) {
        const row = session.get({ publicId, linkId });
        found = row ? { order: row.order, link: row.link ?? undefined, version: `${row.lastEvent ?? 0}|${row.policy ?? ''}` } : null;
        if (sessions.size >= SESSIONS_MAX) sessions.clear();
        sessions.set(key, found);
      }
      return found ?? undefined;
    },
    items: (orderId: number): OrderItem[] => items.all({ orderId }),
    events: (orderId: number): OrderEvent[] => events.all({ orderId }),
    requests: (orderId: number): CustomerRequest[] => requests.all({ orderId }),
    feedback: (orderId: number): Feedback | undefined => rating.get({ orderId }),
    /** The seller's policy, parsed again only when its stored text changed. */
    policy(): StorePolicy {
      const raw = policyRow.get()?.value;
      if (!policyCache || policyCache.raw !== raw) policyCache = { raw, policy: readPolicy(db) };
      return policyCache.policy;
    },
  };
}
export type PageQueries = ReturnType<typeof prepare>;

const cache = new WeakMap<Db, PageQueries>();

export function pageQueries(db: Db): PageQueries {
  let queries = cache.get(db);
  if (!queries) {
    queries = prepare(db);
    cache.set(db, queries);
  }
  return queries;
}
