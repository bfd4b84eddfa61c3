// Drives the pure customer flow the way the bot does: stored snapshot + TEXT/MEDIA event -> effects.
// Every snapshot goes through JSON on its way back in, as it does through the database.
import { expect } from 'vitest';
import type { CatalogItem, ShopInfo } from '../../src/flows/catalog.js';
import { stepCustomerFlow, type FlowEffect, type StepResult } from '../../src/flows/customer-flow.js';
import { CUSTOMER_MACHINE_VERSION, type CustomerContext, type CustomerEvent, type FlowEnv } from '../../src/flows/customer.machine.js';
import type { Language } from '../../src/orders/language.js';

export function product(id: number, nameEn: string, nameAr: string, priceMinor: number, stock: number): CatalogItem {
  return { id, sku: `SKU-${id}`, nameAr, nameEn, descriptionAr: null, descriptionEn: null, priceMinor, stock, hasImage: false };
}

export const HONEY = product(1, 'Natural honey', 'عسل طبيعي', 25_000, 20);
export const DATES = product(2, 'Siwa dates', 'تمر سيوي', 8_000, 3);
export const GHEE = product(3, 'Ghee', 'سمن بلدي', 12_000, 0);

export const SHOP: ShopInfo = { storeName: 'Test Shop', currency: 'EGP', deliveryFeeMinor: 3_000, deliveryZones: [], maxPerLine: 5 };

export function makeEnv(overrides: Partial<FlowEnv> = {}): FlowEnv {
  return {
    catalog: [HONEY, DATES, GHEE],
    shop: SHOP,
    pushName: 'Mona',
    defaultLanguage: 'ar',
    orders: [],
    lastDelivery: null,
    registeredName: null,
    now: '2026-03-01T10:00:00.000Z',
    openQuotes: [],
    ...overrides,
  };
}

/** The same catalog with one product's stock changed. */
export const withStock = (env: FlowEnv, productId: number, stock: number): FlowEnv => ({
  ...env,
  catalog: env.catalog.map((p) => (p.id === productId ? { ...p, stock } : p)),
});

/** Money is formatted with no-break spaces; compare with ordinary ones. */
export const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class Chat {
  last: StepResult | null = null;

  constructor(
    public env: FlowEnv = makeEnv(),
    public knownLanguage: Language | null = null,
  ) {}

  private stored() {
    return this.last ? { version: CUSTOMER_MACHINE_VERSION, snapshot: JSON.parse(JSON.stringify(this.last.snapshot)) as unknown } : null;
  }

  private record(result: StepResult): StepResult {
    // Snapshots must survive the database: plain JSON data, nothing lost.
    expect(JSON.parse(JSON.stringify(result.snapshot))).toEqual(result.snapshot);
    this.last = result;
    return result;
  }

  send(text: string): StepResult {
    return this.record(stepCustomerFlow(this.stored(), { type: 'TEXT', text, env: this.env }, this.knownLanguage));
  }

  /** An event from the edge rather than the customer (a quote offered, the cash-on-delivery question). */
  sendEvent(event: DistributiveOmit<CustomerEvent, 'env'>): StepResult {
    return this.record(stepCustomerFlow(this.stored(), { ...event, env: this.env } as CustomerEvent, this.knownLanguage));
  }

  sendMedia(caption: string | null = null): StepResult {
    return this.record(stepCustomerFlow(this.stored(), { type: 'MEDIA', caption, media: { ok: false, reason: 'unsupported' }, env: this.env }, this.knownLanguage));
  }

  /** Sends each message in turn; returns the result of the last one. */
  sendAll(texts: readonly string[]): StepResult | null {
    for (const text of texts) this.send(text);
    return this.last;
  }

  get state(): string {
    return String(this.last?.snapshot.value);
  }

  get context(): CustomerContext {
    if (!this.last) throw new Error('no message sent yet');
    return this.last.snapshot.context;
  }

  get effects(): FlowEffect[] {
    return this.last?.effects ?? [];
  }

  /** The texts the last message caused, in order, with ordinary spaces. */
  get replies(): string[] {
    return this.effects.flatMap((e) => (e.type === 'reply' ? [plain(e.text)] : []));
  }

  get lastReply(): string {
    return this.replies.at(-1) ?? '';
  }
}

/**
 * Messages that take a fresh conversation from its greeting to each step, with the catalog from
 * makeEnv(). They use only digits and free text, so they work the same in both languages.
 */
export const PATHS = {
  menu: [],
  browsing: ['1'],
  quantity: ['1', '1'],
  cart: ['1', '1', '2'],
  cartPickLine: ['1', '1', '2', '3'],
  cartNewQuantity: ['1', '1', '2', '3', '1'],
  checkoutName: ['1', '1', '2', '1'],
  checkoutAddress: ['1', '1', '2', '1', 'Mona Ahmed'],
  checkoutArea: ['1', '1', '2', '1', 'Mona Ahmed', '12 Tahrir St, building 5'],
  confirm: ['1', '1', '2', '1', 'Mona Ahmed', '12 Tahrir St, building 5', 'Dokki, Giza'],
} as const satisfies Record<string, readonly string[]>;

export type Step = keyof typeof PATHS;
export const STEPS = Object.keys(PATHS) as Step[];

/** A conversation started in `language` and brought to `step`. */
export function chatAt(step: Step, language: Language = 'en', env: FlowEnv = makeEnv()): Chat {
  const chat = new Chat(env);
  chat.send(language === 'ar' ? 'السلام عليكم' : 'Hello');
  chat.sendAll(PATHS[step]);
  expect(chat.state).toBe(step);
  return chat;
}
