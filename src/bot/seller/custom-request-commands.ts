// Seller commands for custom orders: list requests, view one with the customer's history and
// photos, quote it (the customer's chat moves to the quote), or reject it.
import { argProblemReply, type ArgProblem } from '../../flows/seller-texts.js';
import { and, eq, sql } from 'drizzle-orm';
import { customerTexts } from '../../flows/customer-texts.js';
import { customRequestTexts } from '../../flows/custom-request-texts.js';
import {
  listRequests,
  openQuoteOf,
  parseRequestNumber,
  quoteRequest,
  REQUEST_STATUSES,
  rejectRequest,
  requestByNumber,
  requestImages,
  requestsOfGuest,
  type RequestStatus,
} from '../../orders/custom-requests.js';
import { parseDuration } from '../../orders/duration.js';
import type { Language } from '../../orders/language.js';
import { parseAmount } from '../../orders/money.js';
import { readPolicy, ttlFor } from '../../orders/policy.js';
import { normalizeInput } from '../../orders/text.js';
import { createGuestsRepo } from '../../store/guests.js';
import { orders } from '../../store/schema.js';
import { advanceConversation, quoteView } from '../conversation.js';
import type { HandlerInput } from '../handler-input.js';
import type { ParsedCommand } from './parse.js';

export interface CustomCommandContext {
  input: HandlerInput;
  language: Language;
}

const PAGE_SIZE = 10;
const MAX_NOTE = 500;
const MAX_QUOTE_DAYS = 365;
const MAX_QUOTE_VALIDITY_MS = 30 * 86_400_000;

export const REQUESTS_USAGE = `/requests [${REQUEST_STATUSES.join('|')}] [page N]`;
export const REQUEST_USAGE = '/request R-101';
export const QUOTE_USAGE = '/quote R-101 <price> [days N] [expires 48h] [note ...]';
export const REJECT_USAGE = '/reject R-101 [reason ...]';

/** The request number the command starts with, or what is wrong with it. */
function readRequestNumber(cmd: ParsedCommand): { number: number } | { problem: ArgProblem } {
  if (cmd.args[0] === undefined) return { problem: { kind: 'missing', what: 'request' } };
  const number = parseRequestNumber(cmd.args[0]);
  return number === null ? { problem: { kind: 'invalid', what: 'request', value: cmd.args[0] } } : { number };
}

export function runRequestsCommand(cmd: ParsedCommand, { input, language }: CustomCommandContext): string {
  const t = customRequestTexts[language];
  let status: RequestStatus | undefined;
  let page = 1;
  for (let i = 0; i < cmd.args.length; i++) {
    const arg = normalizeInput(cmd.args[i]!);
    const n = Number(normalizeInput(cmd.args[i + 1] ?? ''));
    if ((REQUEST_STATUSES as readonly string[]).includes(arg)) status = arg as RequestStatus;
    else if (arg === 'page' && Number.isInteger(n) && n >= 1) {
      page = n;
      i++;
    } else return argProblemReply(language, { kind: 'choice', what: 'filter', value: cmd.args[i]!, choices: [...REQUEST_STATUSES, 'page N'] }, REQUESTS_USAGE);
  }
  const { rows, total } = listRequests(input.tx, { status, page, pageSize: PAGE_SIZE });
  if (total === 0) return t.noRequests(status ?? null);
  return t.requestList(rows, page, Math.ceil(total / PAGE_SIZE), total);
}

export function runRequestCommand(cmd: ParsedCommand, { input, language }: CustomCommandContext): string {
  const t = customRequestTexts[language];
  const read = readRequestNumber(cmd);
  if ('problem' in read) return argProblemReply(language, read.problem, REQUEST_USAGE);
  const { number } = read;
  if (cmd.args.length > 1) return argProblemReply(language, { kind: 'extra', value: cmd.args[1]! }, REQUEST_USAGE);
  const request = requestByNumber(input.tx, number);
  if (!request) return t.notFound(number);
  const guest = request.guestId === null ? undefined : createGuestsRepo(input.tx).byId(request.guestId);
  const history =
    request.guestId === null
      ? { orders: 0, delivered: 0, cancelled: 0, refused: 0, requests: 0, rejected: 0 }
      : customerHistory(input, request.guestId);
  const images = requestImages(input.tx, request.id);
  for (const image of images) {
    input.messenger.send(input.message.chatAddress, input.guest.id, { type: 'image', path: image.path, mimetype: image.mimetype, caption: `R-${request.number}` });
  }
  return t.requestDetails(request, guest?.displayName ?? null, guest?.phoneE164 ?? null, history, images.length, openQuoteOf(input.tx, request.id));
}

function customerHistory(input: HandlerInput, guestId: number) {
  const count = (where: ReturnType<typeof eq>) =>
    input.tx.select({ n: sql<number>`count(*)` }).from(orders).where(and(eq(orders.guestId, guestId), where)).get()?.n ?? 0;
  const requests = requestsOfGuest(input.tx, guestId);
  return {
    orders: input.tx.select({ n: sql<number>`count(*)` }).from(orders).where(eq(orders.guestId, guestId)).get()?.n ?? 0,
    delivered: count(eq(orders.status, 'delivered')),
    cancelled: count(eq(orders.status, 'cancelled')),
    refused: count(eq(orders.failureReason, 'refused')),
    requests: requests.length,
    rejected: requests.filter((r) => r.status === 'rejected').length,
  };
}

interface QuoteArgs {
  priceMinor: number;
  days: number | null;
  expiresInMs: number | null;
  note: string | null;
}

const DAYS_WORDS = ['days', 'day', 'ايام', 'يوم'];
const EXPIRES_WORDS = ['expires', 'expiry', 'valid', 'صلاحيه', 'ينتهي'];
const NOTE_WORDS = ['note', 'notes', 'ملاحظه', 'ملاحظات'];

/** `<price> [days N] [expires 48h] [note ...]`, in any order after the price; null when malformed. */
function parseQuoteArgs(args: readonly string[], rest: string, currency: string): QuoteArgs | { error: 'price' | 'days' | 'expires' | 'note' | 'syntax' } {
  const priceMinor = parseAmount(args[0] ?? '', currency);
  if (priceMinor === null || priceMinor <= 0) return { error: 'price' };
  const result: QuoteArgs = { priceMinor, days: null, expiresInMs: null, note: null };
  for (let i = 1; i < args.length; i++) {
    const word = normalizeInput(args[i]!);
    if (DAYS_WORDS.includes(word)) {
      const days = Number(normalizeInput(args[++i] ?? ''));
      if (!Number.isInteger(days) || days < 1 || days > MAX_QUOTE_DAYS) return { error: 'days' };
      result.days = days;
    } else if (EXPIRES_WORDS.includes(word)) {
      const ms = parseDuration(args[++i] ?? '');
      if (ms === null || ms > MAX_QUOTE_VALIDITY_MS) return { error: 'expires' };
      result.expiresInMs = ms;
    } else if (NOTE_WORDS.includes(word)) {
      // The note is everything after the word, as typed.
      const at = rest.split(/\s+/).findIndex((token, index) => index >= i && NOTE_WORDS.includes(normalizeInput(token)));
      const note = rest
        .split(/\s+/)
        .slice(at + 1)
        .join(' ')
        .trim();
      if (note === '' || note.length > MAX_NOTE) return { error: 'note' };
      result.note = note;
      break;
    } else return { error: 'syntax' };
  }
  return result;
}

export function runQuoteCommand(cmd: ParsedCommand, { input, language }: CustomCommandContext): string {
  const t = customRequestTexts[language];
  const read = readRequestNumber(cmd);
  if ('problem' in read) return argProblemReply(language, read.problem, QUOTE_USAGE);
  const { number } = read;
  const restAfterNumber = cmd.rest.replace(/^\S+\s*/, '');
  const parsed = parseQuoteArgs(cmd.args.slice(1), restAfterNumber, input.config.currency);
  if ('error' in parsed) return t.badQuote(parsed.error, QUOTE_USAGE);
  const { tx, now, config } = input;
  const result = quoteRequest(tx, {
    requestNumber: number,
    priceMinor: parsed.priceMinor,
    deliveryDays: parsed.days,
    notes: parsed.note,
    expiresInMs: parsed.expiresInMs ?? ttlFor(readPolicy(tx), config, 'quote'),
    now,
  });
  if (!result.ok) return result.reason === 'not_found' ? t.notFound(number) : t.notQuotable(number, result.status);
  const guest = result.request.guestId === null ? undefined : createGuestsRepo(tx).byId(result.request.guestId);
  const address = guest ? input.messenger.addressOfGuest(guest.id) : null;
  if (guest && address) {
    // The customer's chat moves to the quote, so "1" accepts it, wherever they were.
    advanceConversation(
      { tx, guest, address, pushName: null, messenger: input.messenger, config, ids: input.ids, now, issueLink: input.issueLink },
      { type: 'QUOTE_OFFERED', quote: quoteView(result.quote, result.request) },
    );
  }
  return t.quoted(result.request, result.quote, result.superseded !== null, guest !== undefined && address !== null);
}

export function runRejectCommand(cmd: ParsedCommand, { input, language }: CustomCommandContext): string {
  const t = customRequestTexts[language];
  const read = readRequestNumber(cmd);
  if ('problem' in read) return argProblemReply(language, read.problem, REJECT_USAGE);
  const { number } = read;
  const reason = cmd.rest.replace(/^\S+\s*/, '').trim() || null;
  if (reason !== null && reason.length > MAX_NOTE) return t.badQuote('note', REJECT_USAGE);
  const result = rejectRequest(input.tx, { requestNumber: number, reason, now: input.now });
  if (!result.ok) return result.reason === 'not_found' ? t.notFound(number) : t.notQuotable(number, result.status);
  const guest = result.request.guestId === null ? undefined : createGuestsRepo(input.tx).byId(result.request.guestId);
  if (guest) input.messenger.toGuest(guest.id, customerTexts[guest.language ?? input.config.defaultLanguage].requestRejected(number, reason));
  return t.rejected(number);
}
