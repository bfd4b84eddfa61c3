// Plain data the edge loads fresh for every message and hands to the flow in the event.
import type { Language } from '../orders/language.js';
import type { DeliveryPricing } from '../orders/delivery-fee.js';
import { formatMoney } from '../orders/money.js';

export interface CatalogItem {
  id: number;
  sku: string;
  nameAr: string;
  nameEn: string;
  descriptionAr: string | null;
  descriptionEn: string | null;
  priceMinor: number;
  stock: number;
  hasImage: boolean;
}

export interface ShopInfo extends DeliveryPricing {
  storeName: string;
  currency: string;
  /** Most units of one product a single order may take. */
  maxPerLine: number;
}

export interface CartLine {
  productId: number;
  quantity: number;
}

export interface PricedLine {
  item: CatalogItem;
  quantity: number;
  lineTotalMinor: number;
}

export const productName = (item: CatalogItem, language: Language) => (language === 'ar' ? item.nameAr : item.nameEn);
export const productDescription = (item: CatalogItem, language: Language) =>
  language === 'ar' ? item.descriptionAr : item.descriptionEn;

/** Cart lines joined with today's catalog; lines whose product disappeared are dropped. */
export function priceCart(cart: readonly CartLine[], catalog: readonly CatalogItem[]): PricedLine[] {
  const lines: PricedLine[] = [];
  for (const line of cart) {
    const item = catalog.find((c) => c.id === line.productId);
    if (item) lines.push({ item, quantity: line.quantity, lineTotalMinor: item.priceMinor * line.quantity });
  }
  return lines;
}

export const subtotalOf = (lines: readonly PricedLine[]) => lines.reduce((sum, l) => sum + l.lineTotalMinor, 0);

/** The first line whose quantity the stock no longer covers, if any. */
export function shortLine(lines: readonly PricedLine[]): PricedLine | undefined {
  return lines.find((l) => l.quantity > l.item.stock);
}

export const money = (minor: number, shop: ShopInfo, language: Language) => formatMoney(minor, shop.currency, language);
