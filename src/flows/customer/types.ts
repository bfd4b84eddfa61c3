// The data the customer conversation works with: plain JSON, loaded fresh at the edge for each
// event, and the effects it asks the edge to carry out.
import type { Language } from '../../orders/language.js';
import type { OrderStatus } from '../../orders/status.js';
import type { CartLine, CatalogItem, ShopInfo } from '../catalog.js';

/** One of the customer's own orders, as the conversation may show and act on it. */
export interface OrderView {
  number: number;
  type: 'catalog' | 'custom';
  status: OrderStatus;
  totalMinor: number;
  currency: string;
  lines: { productId: number | null; quantity: number }[];
  description: string | null;
  /** Quantity of the custom request an order came from (for reordering a custom order). */
  requestQuantity: number | null;
}

export interface QuoteView {
  quoteId: number;
  requestNumber: number;
  description: string;
  priceMinor: number;
  currency: string;
  deliveryDays: number | null;
  notes: string | null;
  expiresAt: string;
}

export interface RequestImage {
  path: string;
  mimetype: string;
  sizeBytes: number;
  sha256: string;
}

export type MediaView = { ok: true; image: RequestImage } | { ok: false; reason: 'too_large' | 'unsupported' | 'failed' };

export interface DeliveryDetails {
  name: string;
  address: string;
  area: string;
}

export interface FlowEnv {
  catalog: readonly CatalogItem[];
  shop: ShopInfo;
  pushName: string | null;
  defaultLanguage: Language;
  /** The customer's own orders, newest first. */
  orders: OrderView[];
  /** Name, address and area of the customer's latest order, offered again at checkout. */
  lastDelivery: DeliveryDetails | null;
  /** The registered account's name, when the customer has one. */
  registeredName: string | null;
  /** The time of this event (ISO), for deadlines the conversation shows or checks. */
  now: string;
  /** Quotes waiting for this customer's answer, newest first. */
  openQuotes: QuoteView[];
}

export type CustomerEvent =
  | { type: 'TEXT'; text: string; env: FlowEnv }
  | { type: 'MEDIA'; caption: string | null; media: MediaView; env: FlowEnv }
  /** The seller quoted one of the customer's requests. */
  | { type: 'QUOTE_OFFERED'; quote: QuoteView; env: FlowEnv }
  /** An order was delivered: ask for a rating once. */
  | { type: 'FEEDBACK_DUE'; orderNumber: number; env: FlowEnv }
  /** A first-time or risky order was confirmed by the seller: the customer confirms cash on delivery. */
  | { type: 'COD_CONFIRM'; cod: CodQuestion; env: FlowEnv };

export interface CodQuestion {
  orderNumber: number;
  totalMinor: number;
  currency: string;
}

export interface RequestDraft {
  description: string | null;
  quantity: number | null;
  budgetMinor: number | null;
  images: RequestImage[];
}

export interface CustomerContext {
  language: Language;
  cart: CartLine[];
  selectedProductId: number | null;
  page: number;
  /** The product whose cart line is being changed. */
  editProductId: number | null;
  editMode: 'quantity' | 'remove';
  name: string | null;
  address: string | null;
  area: string | null;
  /** What the delivery details are collected for: the cart, or an accepted quote. */
  checkoutFor: 'cart' | 'quote';
  /** The quote being answered. */
  quote: QuoteView | null;
  draft: RequestDraft;
  /** The order picked in "my orders". */
  orderNumber: number | null;
  problem: string | null;
  problemImages: RequestImage[];
  sellerRating: number | null;
  orderRating: number | null;
  registerName: string | null;
  /** The cash-on-delivery question being answered. */
  cod: CodQuestion | null;
  /** The total the last order review showed: the order is placed only at that total. */
  shownTotalMinor: number | null;
}

export interface PlaceOrderParams {
  cart: CartLine[];
  name: string;
  address: string;
  area: string;
  language: Language;
}

export type OrderAction = 'link' | 'cancel' | 'confirmDelivery';

/** Effects the conversation asks for; the edge carries them out inside the message's transaction. */
export type FlowEffect =
  | { type: 'reply'; text: string }
  | ({ type: 'placeOrder' } & PlaceOrderParams)
  | { type: 'rememberLanguage'; language: Language }
  | { type: 'createRequest'; description: string; quantity: number; budgetMinor: number | null; images: RequestImage[] }
  | ({ type: 'acceptQuote'; quoteId: number; requestNumber: number } & DeliveryDetails)
  | { type: 'rejectQuote'; quoteId: number; requestNumber: number; reason: string | null }
  | { type: 'requestQuoteChanges'; quoteId: number; requestNumber: number; text: string }
  | { type: 'listOrders' }
  | { type: 'orderAction'; action: OrderAction; orderNumber: number }
  | { type: 'reportProblem'; orderNumber: number; text: string; images: RequestImage[] }
  | { type: 'submitFeedback'; orderNumber: number; sellerRating: number; orderRating: number | null; comment: string | null }
  | { type: 'productPhoto'; productId: number }
  | { type: 'startHandoff' }
  | { type: 'answerCod'; orderNumber: number; confirm: boolean }
  | { type: 'register'; name: string; email: string | null };

export type EffectType = FlowEffect['type'];
