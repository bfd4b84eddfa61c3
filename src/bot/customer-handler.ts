// One customer message inside the pipeline's transaction: load the conversation, step the pure
// flow with fresh catalog data, execute its effects as writes and outbox rows, save the snapshot.
import type { CatalogItem, ShopInfo } from '../flows/catalog.js';
import { customerTexts } from '../flows/customer-texts.js';
import { stepCustomerFlow, type FlowEffect } from '../flows/customer-flow.js';
import { CUSTOMER_MACHINE_ID, CUSTOMER_MACHINE_VERSION, type CustomerEvent } from '../flows/customer.machine.js';
import { sellerTexts } from '../flows/seller-texts.js';
import { formatMoney } from '../orders/money.js';
import { placeCatalogOrder } from '../orders/place-order.js';
import type { Tx } from '../store/db.js';
import { createConversationsRepo } from '../store/conversations.js';
import { createGuestsRepo } from '../store/guests.js';
import { createOrdersRepo } from '../store/orders.js';
import { createProductsRepo } from '../store/products.js';
import { deliveryFeeFor } from '../orders/delivery-fee.js';
import { readPolicy, ttlFor } from '../orders/policy.js';
import type { HandlerInput } from './handler-input.js';
import type { BotConfig } from './pipeline.js';

export const conversationKey = (guestId: number) => `guest:${guestId}`;

export type CustomerMessageInput = HandlerInput;

function loadCatalog(tx: Tx): CatalogItem[] {
  return createProductsRepo(tx)
    .listVisible()
    .map((p) => ({
      id: p.id,
      sku: p.sku,
      nameAr: p.nameAr,
      nameEn: p.nameEn,
      descriptionAr: p.descriptionAr,
      descriptionEn: p.descriptionEn,
      priceMinor: p.priceMinor,
      stock: p.stock,
      hasImage: p.imagePath !== null,
    }));
}

function loadShop(tx: Tx, config: BotConfig): ShopInfo {
  const policy = readPolicy(tx);
  return {
    storeName: config.storeName,
    currency: config.currency,
    deliveryFeeMinor: policy.deliveryFeeMinor,
    deliveryZones: policy.deliveryZones,
    maxPerLine: policy.maxQuantityPerProduct,
  };
}

export function handleCustomerMessage(input: CustomerMessageInput): void {
  const { tx, message, guest, config, now } = input;
  const conversations = createConversationsRepo(tx);
  const key = conversationKey(guest.id);
  const row = conversations.load(key);
  if (row?.handoffUntil && row.handoffUntil > now.toISOString()) return; // a human has this chat

  const env = { catalog: loadCatalog(tx), shop: loadShop(tx, config), pushName: message.pushName ?? guest.displayName, defaultLanguage: config.defaultLanguage };
  const event: CustomerEvent = message.type === 'text' ? { type: 'TEXT', text: message.text, env } : { type: 'MEDIA', caption: message.caption, env };
  const stored = row ? { version: row.machineVersion, snapshot: JSON.parse(row.snapshot) as unknown } : null;
  const step = stepCustomerFlow(stored, event, guest.language);

  for (const effect of step.effects) runEffect(effect, input, env.shop);
  conversations.save(
    { chatKey: key, guestId: guest.id, machineId: CUSTOMER_MACHINE_ID, machineVersion: CUSTOMER_MACHINE_VERSION, snapshot: step.snapshot },
    row ? row.revision : null,
    now,
  );
}

function runEffect(effect: FlowEffect, input: CustomerMessageInput, shop: ShopInfo): void {
  const { tx, message, guest, messenger, config, ids, now } = input;
  switch (effect.type) {
    case 'reply':
      messenger.text(message.chatAddress, guest.id, effect.text);
      return;
    case 'rememberLanguage':
      createGuestsRepo(tx).setLanguage(guest.id, effect.language, now);
      return;
    case 'placeOrder': {
      const order = placeCatalogOrder(tx, {
        guestId: guest.id,
        customerPhone: guest.phoneE164 ?? message.phone,
        lines: effect.cart,
        name: effect.name,
        addressLine: effect.address,
        area: effect.area,
        currency: shop.currency,
        shippingMinor: deliveryFeeFor(shop, effect.area),
        language: effect.language,
        channel: 'whatsapp',
        publicId: ids.publicId(),
        pendingTtlMs: ttlFor(readPolicy(tx), config, 'pendingConfirmation'),
        now,
      });
      const totalText = formatMoney(order.totalMinor, order.currency, effect.language);
      messenger.text(message.chatAddress, guest.id, customerTexts[effect.language].orderPlaced(order.number, totalText));
      const items = createOrdersRepo(tx).items(order.id);
      messenger.toSellers((language) => sellerTexts[language].newOrder(order, items));
      return;
    }
  }
}
