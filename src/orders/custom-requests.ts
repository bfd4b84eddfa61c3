// Custom orders (DESIGN.md section 3): a request is quoted by the seller and accepted by the
// customer, which creates the order in the same transaction. Expected refusals are results.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../store/db.js';
import { createPendingOrder } from './new-order.js';
import { nextRequestNumber } from './numbers.js';
import type { Order } from '../store/orders.js';
import { customRequestImages, customRequests, quotes } from '../store/schema.js';
import type { Language } from './language.js';

export type CustomRequest = typeof customRequests.$inferSelect;
export type Quote = typeof quotes.$inferSelect;
export type RequestStatus = CustomRequest['status'];
export const REQUEST_STATUSES: readonly RequestStatus[] = ['pending', 'quoted', 'accepted', 'rejected', 'expired', 'cancelled'];

export const formatRequestNumber = (number: number) => `R-${number}`;

/** `R-101`, `r101`, `101`, `ر-١٠١` -> 101; null otherwise. */
export function parseRequestNumber(input: string | undefined): number | null {
  if (input === undefined) return null;
  const western = input.trim().replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d)));
  const match = /^(?:[rR]|ر)?-?(\d{1,9})$/.exec(western);
  return match ? Number(match[1]) : null;
}

export interface RequestImage {
  path: string;
  mimetype: string;
  sizeBytes: number;
  sha256: string;
}

export interface NewCustomRequest {
  guestId: number;
  customerId: number | null;
  description: string;
  quantity: number;
  budgetMinor: number | null;
  currency: string;
  images: readonly RequestImage[];
  ttlMs: number;
  now: Date;
}

export function createCustomRequest(db: DbOrTx, input: NewCustomRequest): CustomRequest {
  const stamp = input.now.toISOString();
  const request = db
    .insert(customRequests)
    .values({
      number: nextRequestNumber(db),
      guestId: input.guestId,
      customerId: input.customerId,
      description: input.description,
      quantity: input.quantity,
      budgetMinor: input.budgetMinor,
      currency: input.currency,
      status: 'pending',
      expiresAt: new Date(input.now.getTime() + input.ttlMs).toISOString(),
      createdAt: stamp,
      updatedAt: stamp,
    })
    .returning()
    .get();
  for (const image of input.images) db.insert(customRequestImages).values({ requestId: request.id, ...image, createdAt: stamp }).run();
  return request;
}

export function requestByNumber(db: DbOrTx, number: number): CustomRequest | undefined {
  return db.select().from(customRequests).where(eq(customRequests.number, number)).get();
}

export function requestImages(db: DbOrTx, requestId: number) {
  return db.select().from(customRequestImages).where(eq(customRequestImages.requestId, requestId)).all();
}

export function listRequests(db: DbOrTx, filter: { status?: RequestStatus; page: number; pageSize: number }) {
  const where = filter.status ? eq(customRequests.status, filter.status) : undefined;
  const total = db.select({ n: sql<number>`count(*)` }).from(customRequests).where(where).get()?.n ?? 0;
  const rows = db
    .select()
    .from(customRequests)
    .where(where)
    .orderBy(desc(customRequests.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .all();
  return { rows, total };
}

export function requestsOfGuest(db: DbOrTx, guestId: number): CustomRequest[] {
  return db.select().from(customRequests).where(eq(customRequests.guestId, guestId)).orderBy(desc(customRequests.id)).all();
}

export function openQuoteOf(db: DbOrTx, requestId: number): Quote | undefined {
  return db.select().from(quotes).where(and(eq(quotes.requestId, requestId), eq(quotes.status, 'open'))).get();
}

export const quoteById = (db: DbOrTx, id: number) => db.select().from(quotes).where(eq(quotes.id, id)).get();

export type QuoteResult =
  | { ok: true; request: CustomRequest; quote: Quote; superseded: Quote | null }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_quotable'; status: RequestStatus };

/** The seller's quote; a new quote supersedes the open one. */
export function quoteRequest(
  db: DbOrTx,
  input: { requestNumber: number; priceMinor: number; deliveryDays: number | null; notes: string | null; expiresInMs: number; now: Date },
): QuoteResult {
  const request = requestByNumber(db, input.requestNumber);
  if (!request) return { ok: false, reason: 'not_found' };
  if (request.status !== 'pending' && request.status !== 'quoted') return { ok: false, reason: 'not_quotable', status: request.status };
  const stamp = input.now.toISOString();
  const superseded = openQuoteOf(db, request.id) ?? null;
  if (superseded) db.update(quotes).set({ status: 'superseded' }).where(eq(quotes.id, superseded.id)).run();
  const expiresAt = new Date(input.now.getTime() + input.expiresInMs).toISOString();
  const quote = db
    .insert(quotes)
    .values({
      requestId: request.id,
      guestId: request.guestId,
      customerId: request.customerId,
      priceMinor: input.priceMinor,
      currency: request.currency,
      deliveryDays: input.deliveryDays,
      notes: input.notes,
      status: 'open',
      expiresAt,
      createdAt: stamp,
    })
    .returning()
    .get();
  // While a quote is open the request waits on the customer; its deadline is the quote's.
  const updated = db
    .update(customRequests)
    .set({ status: 'quoted', expiresAt, remindedAt: null, updatedAt: stamp })
    .where(eq(customRequests.id, request.id))
    .returning()
    .get();
  return { ok: true, request: updated, quote, superseded };
}

export type RejectRequestResult =
  | { ok: true; request: CustomRequest }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_open'; status: RequestStatus };

/** The seller declines a request (optional reason for the customer). */
export function rejectRequest(db: DbOrTx, input: { requestNumber: number; reason: string | null; now: Date }): RejectRequestResult {
  const request = requestByNumber(db, input.requestNumber);
  if (!request) return { ok: false, reason: 'not_found' };
  if (request.status !== 'pending' && request.status !== 'quoted') return { ok: false, reason: 'not_open', status: request.status };
  const stamp = input.now.toISOString();
  db.update(quotes).set({ status: 'rejected' }).where(and(eq(quotes.requestId, request.id), eq(quotes.status, 'open'))).run();
  const updated = db
    .update(customRequests)
    .set({ status: 'rejected', reason: input.reason, expiresAt: null, updatedAt: stamp })
    .where(eq(customRequests.id, request.id))
    .returning()
    .get();
  return { ok: true, request: updated };
}

export type QuoteAnswerRefusal = { ok: false; reason: 'not_found' | 'not_yours' | 'expired' | 'closed'; quote?: Quote };

/** The open quote a customer answers, or why they cannot; an expired quote is marked so on the way. */
function answerableQuote(db: DbOrTx, quoteId: number, guestId: number, now: Date): { ok: true; quote: Quote; request: CustomRequest } | QuoteAnswerRefusal {
  const quote = quoteById(db, quoteId);
  if (!quote) return { ok: false, reason: 'not_found' };
  if (quote.guestId !== guestId) return { ok: false, reason: 'not_yours' };
  if (quote.status === 'open' && quote.expiresAt <= now.toISOString()) {
    expireQuote(db, quote, now);
    return { ok: false, reason: 'expired', quote };
  }
  if (quote.status === 'expired') return { ok: false, reason: 'expired', quote };
  if (quote.status !== 'open') return { ok: false, reason: 'closed', quote };
  const request = db.select().from(customRequests).where(eq(customRequests.id, quote.requestId)).get();
  if (!request) return { ok: false, reason: 'not_found' };
  return { ok: true, quote, request };
}

/** Compare-and-set: marks an open quote (and its request) expired; false when it was no longer open. */
export function expireQuote(db: DbOrTx, quote: Quote, now: Date): boolean {
  const changed = db.update(quotes).set({ status: 'expired' }).where(and(eq(quotes.id, quote.id), eq(quotes.status, 'open'))).run().changes === 1;
  if (changed) {
    db.update(customRequests)
      .set({ status: 'expired', expiresAt: null, updatedAt: now.toISOString() })
      .where(and(eq(customRequests.id, quote.requestId), inArray(customRequests.status, ['quoted', 'pending'])))
      .run();
  }
  return changed;
}

export interface AcceptQuoteInput {
  quoteId: number;
  guestId: number;
  customerId: number | null;
  customerPhone: string | null;
  name: string;
  addressLine: string;
  area: string;
  shippingMinor: number;
  language: Language;
  publicId: string;
  acceptedTtlMs: number;
  now: Date;
}

export type AcceptQuoteResult = { ok: true; order: Order; request: CustomRequest; quote: Quote } | QuoteAnswerRefusal;

/** Accepting creates the custom order (`pending`, no stock effect) in the caller's transaction. */
export function acceptQuote(db: DbOrTx, input: AcceptQuoteInput): AcceptQuoteResult {
  const answerable = answerableQuote(db, input.quoteId, input.guestId, input.now);
  if (!answerable.ok) return answerable;
  const { quote, request } = answerable;
  const stamp = input.now.toISOString();
  const order = createPendingOrder(db, {
    order: {
      publicId: input.publicId,
      type: 'custom',
      channel: 'whatsapp',
      guestId: input.guestId,
      customerId: input.customerId,
      customerName: input.name,
      customerPhone: input.customerPhone,
      addressLine: input.addressLine,
      area: input.area,
      currency: quote.currency,
      subtotalMinor: quote.priceMinor,
      shippingMinor: input.shippingMinor,
      description: request.description,
      customRequestId: request.id,
      quoteId: quote.id,
      language: input.language,
    },
    items: [
      {
        productId: null,
        sku: null,
        nameAr: request.description,
        nameEn: request.description,
        unitPriceMinor: Math.round(quote.priceMinor / request.quantity),
        quantity: request.quantity,
        lineTotalMinor: quote.priceMinor,
      },
    ],
    actor: { type: 'guest', id: String(input.guestId) },
    details: { fromQuote: quote.id, request: formatRequestNumber(request.number) },
    pendingTtlMs: input.acceptedTtlMs,
    now: input.now,
  });
  const acceptedQuote = db.update(quotes).set({ status: 'accepted', answeredAt: stamp }).where(eq(quotes.id, quote.id)).returning().get();
  const acceptedRequest = db
    .update(customRequests)
    .set({ status: 'accepted', expiresAt: null, updatedAt: stamp })
    .where(eq(customRequests.id, request.id))
    .returning()
    .get();
  return { ok: true, order, request: acceptedRequest, quote: acceptedQuote };
}

export type QuoteAnswerResult = { ok: true; request: CustomRequest; quote: Quote } | QuoteAnswerRefusal;

export function rejectQuote(db: DbOrTx, input: { quoteId: number; guestId: number; reason: string | null; now: Date }): QuoteAnswerResult {
  const answerable = answerableQuote(db, input.quoteId, input.guestId, input.now);
  if (!answerable.ok) return answerable;
  const stamp = input.now.toISOString();
  const quote = db
    .update(quotes)
    .set({ status: 'rejected', answeredAt: stamp, customerNote: input.reason })
    .where(eq(quotes.id, answerable.quote.id))
    .returning()
    .get();
  const request = db
    .update(customRequests)
    .set({ status: 'rejected', reason: input.reason, expiresAt: null, updatedAt: stamp })
    .where(eq(customRequests.id, answerable.request.id))
    .returning()
    .get();
  return { ok: true, request, quote };
}

/** The customer asks for changes: their words are kept on the quote, which stays open until a new one supersedes it. */
export function requestQuoteChanges(db: DbOrTx, input: { quoteId: number; guestId: number; text: string; now: Date }): QuoteAnswerResult {
  const answerable = answerableQuote(db, input.quoteId, input.guestId, input.now);
  if (!answerable.ok) return answerable;
  const quote = db.update(quotes).set({ customerNote: input.text }).where(eq(quotes.id, answerable.quote.id)).returning().get();
  return { ok: true, request: answerable.request, quote };
}
