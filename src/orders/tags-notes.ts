// Internal notes (seller-only) and free-text tags on an order, each logged in the order's history.
import type { DbOrTx } from '../store/db.js';
import { createOrderAdminRepo } from '../store/order-admin.js';
import { createOrdersRepo, type Order } from '../store/orders.js';
import { ORDER_EVENT, type Actor } from './order-events.js';
import { normalizeInput } from './text.js';

export const MAX_TAGS_PER_ORDER = 20;
export const MAX_NOTE_LENGTH = 1000;
const TAG_RE = /^[\p{L}\p{N}_-]{1,30}$/u;

/** `#VIP`, `vip`, `Vip` -> `vip`; null when it is not a usable tag (1-30 letters, digits, `-` or `_`). */
export function normalizeTag(input: string): string | null {
  const tag = normalizeInput(input.replace(/^#/, ''));
  return TAG_RE.test(tag) ? tag : null;
}

export type NoteResult = { ok: true; order: Order } | { ok: false; reason: 'not_found' };

export function addNote(db: DbOrTx, input: { orderNumber: number; text: string; actor: Actor; now: Date }): NoteResult {
  const orders = createOrdersRepo(db);
  const order = orders.byNumber(input.orderNumber);
  if (!order) return { ok: false, reason: 'not_found' };
  createOrderAdminRepo(db).addNote(order.id, input.actor.id ?? input.actor.type, input.text, input.now);
  orders.addEvent(order.id, { actorType: input.actor.type, actorId: input.actor.id, type: ORDER_EVENT.noteAdded, note: input.text, at: input.now.toISOString() });
  return { ok: true, order };
}

export type TagResult =
  | { ok: true; order: Order; changed: string[]; unchanged: string[]; tags: string[] }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'too_many'; max: number };

export function addTags(db: DbOrTx, input: { orderNumber: number; tags: readonly string[]; actor: Actor; now: Date }): TagResult {
  const orders = createOrdersRepo(db);
  const admin = createOrderAdminRepo(db);
  const order = orders.byNumber(input.orderNumber);
  if (!order) return { ok: false, reason: 'not_found' };
  const existing = new Set(admin.tags(order.id));
  const fresh = [...new Set(input.tags)].filter((t) => !existing.has(t));
  if (existing.size + fresh.length > MAX_TAGS_PER_ORDER) return { ok: false, reason: 'too_many', max: MAX_TAGS_PER_ORDER };
  for (const tag of fresh) {
    admin.addTag(order.id, tag, input.now);
    orders.addEvent(order.id, { actorType: input.actor.type, actorId: input.actor.id, type: ORDER_EVENT.tagAdded, after: JSON.stringify({ tag }), at: input.now.toISOString() });
  }
  return { ok: true, order, changed: fresh, unchanged: input.tags.filter((t) => existing.has(t)), tags: admin.tags(order.id) };
}

export function removeTags(db: DbOrTx, input: { orderNumber: number; tags: readonly string[]; actor: Actor; now: Date }): TagResult {
  const orders = createOrdersRepo(db);
  const admin = createOrderAdminRepo(db);
  const order = orders.byNumber(input.orderNumber);
  if (!order) return { ok: false, reason: 'not_found' };
  const removed: string[] = [];
  const missing: string[] = [];
  for (const tag of new Set(input.tags)) {
    if (admin.removeTag(order.id, tag)) {
      removed.push(tag);
      orders.addEvent(order.id, { actorType: input.actor.type, actorId: input.actor.id, type: ORDER_EVENT.tagRemoved, before: JSON.stringify({ tag }), at: input.now.toISOString() });
    } else missing.push(tag);
  }
  return { ok: true, order, changed: removed, unchanged: missing, tags: admin.tags(order.id) };
}
