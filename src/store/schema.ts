// The whole domain of DESIGN.md section 3 in one schema. Times are ISO-8601 UTC strings
// (they sort and compare correctly as text); money is integer minor units plus a currency.
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';

const createdAt = { createdAt: text('created_at').notNull() };
const timestamps = { ...createdAt, updatedAt: text('updated_at').notNull() };

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(), // JSON
  updatedAt: text('updated_at').notNull(),
});

/**
 * A fresh random value per table (53 bits, exact as a JavaScript number), set by triggers on every write to that
 * table (migration 0008), from any process. A cache kept under the value it read is current exactly while the value
 * is unchanged; a rolled-back write takes its value with it, and a random value practically never comes back.
 */
export const tableVersions = sqliteTable('table_versions', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

/** Monotonic counters for human-readable numbers (#1001, R-101). */
export const counters = sqliteTable('counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

export const customers = sqliteTable('customers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  phoneE164: text('phone_e164').notNull().unique(),
  email: text('email'),
  ...timestamps,
});

/** One row per WhatsApp identity (customers, guests and sellers alike). */
export const guests = sqliteTable(
  'guests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    phoneE164: text('phone_e164'),
    phoneJid: text('phone_jid'),
    lid: text('lid'),
    /** Where replies go: the chat address exactly as last received from this identity. */
    chatAddress: text('chat_address'),
    displayName: text('display_name'),
    language: text('language', { enum: ['ar', 'en'] }),
    verifiedAt: text('verified_at'),
    blockedAt: text('blocked_at'),
    /** When a blocked number was told, once, that the store no longer takes its orders. */
    blockedNoticeAt: text('blocked_notice_at'),
    customerId: integer('customer_id').references(() => customers.id),
    ...timestamps,
  },
  (t) => [uniqueIndex('guests_phone_uq').on(t.phoneE164), uniqueIndex('guests_lid_uq').on(t.lid)],
);

/** LID <-> phone-number pairs learned from WhatsApp (Baileys 7 may give only a LID). */
export const waIdentities = sqliteTable('wa_identities', {
  lid: text('lid').primaryKey(),
  phoneJid: text('phone_jid').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const products = sqliteTable(
  'products',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sku: text('sku').notNull().unique(),
    nameAr: text('name_ar').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionAr: text('description_ar'),
    descriptionEn: text('description_en'),
    priceMinor: integer('price_minor').notNull(),
    currency: text('currency').notNull(),
    /** Units available to order; placing an order reserves (decrements), cancelling releases. */
    stock: integer('stock').notNull(),
    imagePath: text('image_path'),
    sortOrder: integer('sort_order').notNull().default(0),
    hiddenAt: text('hidden_at'),
    ...timestamps,
  },
  (t) => [index('products_visible_idx').on(t.hiddenAt, t.sortOrder)],
);

export const ORDER_STATUSES = [
  'pending',
  'confirmed',
  'ready_for_shipping',
  'shipped',
  'delivered',
  'failed_delivery',
  'cancelled',
] as const;
export const PAYMENT_STATUSES = ['unpaid', 'paid', 'refunded'] as const;
export const ORDER_CHANNELS = ['whatsapp', 'phone', 'offline', 'instagram', 'facebook', 'web'] as const;

export const customRequests = sqliteTable(
  'custom_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: integer('number').notNull().unique(),
    guestId: integer('guest_id').references(() => guests.id),
    customerId: integer('customer_id').references(() => customers.id),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    budgetMinor: integer('budget_minor'),
    currency: text('currency').notNull(),
    status: text('status', { enum: ['pending', 'quoted', 'accepted', 'rejected', 'expired', 'cancelled'] }).notNull(),
    reason: text('reason'),
    expiresAt: text('expires_at'),
    remindedAt: text('reminded_at'),
    ...timestamps,
  },
  (t) => [index('custom_requests_due_idx').on(t.status, t.expiresAt), index('custom_requests_guest_idx').on(t.guestId)],
);

export const customRequestImages = sqliteTable('custom_request_images', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  requestId: integer('request_id')
    .notNull()
    .references(() => customRequests.id),
  path: text('path').notNull(),
  mimetype: text('mimetype').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  ...createdAt,
});

export const quotes = sqliteTable(
  'quotes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id')
      .notNull()
      .references(() => customRequests.id),
    guestId: integer('guest_id').references(() => guests.id),
    customerId: integer('customer_id').references(() => customers.id),
    priceMinor: integer('price_minor').notNull(),
    currency: text('currency').notNull(),
    deliveryDays: integer('delivery_days'),
    notes: text('notes'),
    status: text('status', { enum: ['open', 'accepted', 'rejected', 'superseded', 'expired'] }).notNull(),
    expiresAt: text('expires_at').notNull(),
    remindedAt: text('reminded_at'),
    answeredAt: text('answered_at'),
    /** The customer's words when they asked for changes, or their reason for rejecting. */
    customerNote: text('customer_note'),
    ...createdAt,
  },
  (t) => [index('quotes_due_idx').on(t.status, t.expiresAt), index('quotes_request_idx').on(t.requestId), index('quotes_guest_idx').on(t.guestId, t.status)],
);

export const orders = sqliteTable(
  'orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: integer('number').notNull().unique(),
    /** Random id used in URLs; order numbers are never access keys. */
    publicId: text('public_id').notNull().unique(),
    type: text('type', { enum: ['catalog', 'custom'] }).notNull(),
    channel: text('channel', { enum: ORDER_CHANNELS }).notNull(),
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    paymentStatus: text('payment_status', { enum: PAYMENT_STATUSES }).notNull(),
    paymentMethod: text('payment_method', { enum: ['cod'] }).notNull().default('cod'),
    guestId: integer('guest_id').references(() => guests.id),
    customerId: integer('customer_id').references(() => customers.id),
    customerName: text('customer_name').notNull(),
    customerPhone: text('customer_phone'),
    addressLine: text('address_line').notNull(),
    area: text('area').notNull(),
    currency: text('currency').notNull(),
    subtotalMinor: integer('subtotal_minor').notNull(),
    shippingMinor: integer('shipping_minor').notNull(),
    totalMinor: integer('total_minor').notNull(),
    refundedMinor: integer('refunded_minor'),
    description: text('description'),
    customRequestId: integer('custom_request_id').references(() => customRequests.id),
    quoteId: integer('quote_id').references(() => quotes.id),
    cancelReason: text('cancel_reason'),
    failureReason: text('failure_reason'),
    courier: text('courier'),
    trackingNumber: text('tracking_number'),
    riskScore: integer('risk_score').notNull().default(0),
    riskLevel: text('risk_level', { enum: ['low', 'medium', 'high'] }).notNull().default('low'),
    language: text('language', { enum: ['ar', 'en'] }).notNull(),
    /** Deadline of the current stage (DESIGN.md section 3, expiry); null when none applies. */
    expiresAt: text('expires_at'),
    /** When the reminder before `expiresAt` went out (so it goes once per stage). */
    remindedAt: text('reminded_at'),
    /** Cash-on-delivery confirmation asked of first-time or risky customers before shipping. */
    codConfirmation: text('cod_confirmation', { enum: ['not_needed', 'asked', 'confirmed', 'declined'] }).notNull().default('not_needed'),
    codAskedAt: text('cod_asked_at'),
    /** When the customer was asked, once, to rate a delivered order. */
    feedbackAskedAt: text('feedback_asked_at'),
    confirmedAt: text('confirmed_at'),
    shippedAt: text('shipped_at'),
    deliveredAt: text('delivered_at'),
    cancelledAt: text('cancelled_at'),
    ...timestamps,
  },
  (t) => [
    index('orders_due_idx').on(t.status, t.expiresAt),
    index('orders_feedback_due_idx').on(t.status, t.feedbackAskedAt),
    index('orders_cod_due_idx').on(t.codConfirmation, t.codAskedAt),
    index('orders_guest_idx').on(t.guestId),
    index('orders_customer_idx').on(t.customerId),
    index('orders_created_idx').on(t.createdAt),
    // The seller's list filters by each of these (DESIGN.md /orders); without them a filter scans every order.
    index('orders_type_idx').on(t.type),
    index('orders_channel_idx').on(t.channel),
    index('orders_payment_idx').on(t.paymentStatus),
  ],
);

export const orderItems = sqliteTable(
  'order_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    productId: integer('product_id').references(() => products.id),
    sku: text('sku'),
    nameAr: text('name_ar').notNull(),
    nameEn: text('name_en').notNull(),
    unitPriceMinor: integer('unit_price_minor').notNull(),
    quantity: integer('quantity').notNull(),
    lineTotalMinor: integer('line_total_minor').notNull(),
  },
  (t) => [index('order_items_order_idx').on(t.orderId)],
);

/** Append-only history of every change: who, what, before and after. */
export const orderEvents = sqliteTable(
  'order_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    actorType: text('actor_type', { enum: ['customer', 'guest', 'seller', 'system'] }).notNull(),
    actorId: text('actor_id'),
    type: text('type').notNull(),
    before: text('before'), // JSON
    after: text('after'), // JSON
    note: text('note'),
    at: text('at').notNull(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.at)],
);

export const orderNotes = sqliteTable('order_notes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  orderId: integer('order_id')
    .notNull()
    .references(() => orders.id),
  author: text('author').notNull(),
  text: text('text').notNull(),
  at: text('at').notNull(),
});

export const orderTags = sqliteTable(
  'order_tags',
  {
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    tag: text('tag').notNull(),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.tag] }), index('order_tags_tag_idx').on(t.tag)],
);

/** Magic-link tokens: only HMAC-SHA-256(secret, token) is stored. */
export const linkTokens = sqliteTable(
  'link_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    guestId: integer('guest_id').references(() => guests.id),
    tokenHash: text('token_hash').notNull().unique(),
    scope: text('scope', { enum: ['view', 'update'] }).notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    lastUsedAt: text('last_used_at'),
    ...createdAt,
  },
  (t) => [index('link_tokens_order_idx').on(t.orderId)],
);

/** Each exchange of a link for a cookie, with the network it came from (suspicious-use detection). */
export const linkTokenUses = sqliteTable(
  'link_token_uses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenId: integer('token_id')
      .notNull()
      .references(() => linkTokens.id),
    network: text('network').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('link_token_uses_token_idx').on(t.tokenId)],
);

export const otpCodes = sqliteTable(
  'otp_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    phoneE164: text('phone_e164').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: text('expires_at').notNull(),
    consumedAt: text('consumed_at'),
    ...createdAt,
  },
  (t) => [index('otp_codes_phone_idx').on(t.phoneE164, t.createdAt)],
);

/** Requests a customer makes about an order (address change, cancellation, return...) for the seller to answer. */
export const customerRequests = sqliteTable(
  'customer_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    guestId: integer('guest_id').references(() => guests.id),
    kind: text('kind', {
      enum: ['address_change', 'cancellation', 'contact', 'delivery_confirmation', 'return', 'refund'],
    }).notNull(),
    payload: text('payload'), // JSON
    status: text('status', { enum: ['open', 'approved', 'declined'] }).notNull(),
    resolvedBy: text('resolved_by'),
    resolvedAt: text('resolved_at'),
    ...createdAt,
  },
  (t) => [index('customer_requests_order_idx').on(t.orderId), index('customer_requests_status_idx').on(t.status)],
);

export const feedback = sqliteTable(
  'feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    guestId: integer('guest_id').references(() => guests.id),
    sellerRating: integer('seller_rating'),
    orderRating: integer('order_rating'),
    comment: text('comment'),
    ...createdAt,
  },
  // One rating per order, whatever path it comes through (chat or order page).
  (t) => [uniqueIndex('feedback_order_uq').on(t.orderId)],
);

/** One conversation per chat identity; the XState snapshot is stored with its machine id and version. */
export const conversations = sqliteTable('conversations', {
  chatKey: text('chat_key').primaryKey(),
  guestId: integer('guest_id').references(() => guests.id),
  machineId: text('machine_id').notNull(),
  machineVersion: integer('machine_version').notNull(),
  snapshot: text('snapshot').notNull(), // JSON
  /** Bumped on every write: a compare-and-set guard against lost updates. */
  revision: integer('revision').notNull(),
  /** While set and in the future, a human has the chat and the bot stays quiet. */
  handoffUntil: text('handoff_until'),
  updatedAt: text('updated_at').notNull(),
});

/** Every inbound message id we have seen: the durable dedupe that survives restarts. */
export const inboundMessages = sqliteTable(
  'inbound_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    transport: text('transport').notNull(),
    messageId: text('message_id').notNull(),
    chatAddress: text('chat_address').notNull(),
    guestId: integer('guest_id').references(() => guests.id),
    fromMe: integer('from_me', { mode: 'boolean' }).notNull(),
    kind: text('kind').notNull(),
    route: text('route', { enum: ['customer', 'seller', 'takeover', 'ignored'] }).notNull(),
    status: text('status', { enum: ['processed', 'failed', 'ignored'] }).notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [uniqueIndex('inbound_messages_uq').on(t.transport, t.messageId)],
);

/** Transactional outbox: rows are written with the domain change and delivered afterwards. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: text('message_id').notNull().unique(),
    address: text('address').notNull(),
    guestId: integer('guest_id').references(() => guests.id),
    kind: text('kind', { enum: ['text', 'image', 'document'] }).notNull(),
    text: text('text'),
    media: text('media'), // JSON: { path, mimetype, fileName }
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    /** The message as the transport sent it (Baileys proto JSON), served back to getMessage on retries. */
    transportPayload: text('transport_payload'),
    ...createdAt,
    sentAt: text('sent_at'),
  },
  // Partial indexes: only rows still waiting (or failed) are in them, so they stay a few pages however long the
  // history grows, and sending a row takes it out instead of moving it. Queries must say the status literally
  // (a bound status cannot prove the index's condition). See isPending / isFailed in outbox.ts.
  (t) => [
    index('outbox_pending_chat_idx').on(t.address, t.id).where(sql`status = 'pending'`),
    index('outbox_failed_idx').on(t.id).where(sql`status = 'failed'`),
  ],
);

export const fraudFlags = sqliteTable(
  'fraud_flags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    guestId: integer('guest_id').references(() => guests.id),
    orderId: integer('order_id').references(() => orders.id),
    rule: text('rule').notNull(),
    points: integer('points').notNull(),
    reason: text('reason').notNull(),
    reviewedAt: text('reviewed_at'),
    ...createdAt,
  },
  (t) => [index('fraud_flags_order_idx').on(t.orderId), index('fraud_flags_guest_idx').on(t.guestId)],
);

/** Baileys auth state: creds and every Signal key type, stored generically as BufferJSON text. */
export const baileysAuth = sqliteTable(
  'baileys_auth',
  {
    sessionId: text('session_id').notNull(),
    type: text('type').notNull(),
    keyId: text('key_id').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.type, t.keyId] })],
);

/** The simulator's transcript of both directions, in order. */
export const simMessages = sqliteTable(
  'sim_messages',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    chat: text('chat').notNull(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    messageId: text('message_id').notNull(),
    text: text('text'),
    mediaMimetype: text('media_mimetype'),
    mediaFileName: text('media_file_name'),
    mediaPath: text('media_path'),
    at: text('at').notNull(),
  },
  // Only sent lines are looked up by id (after a restart, against the outbox); an incoming line needs no index of its
  // own, since the pipeline's inbound row already rejects a duplicate and the line is written in the same transaction.
  (t) => [index('sim_messages_chat_idx').on(t.chat, t.seq), index('sim_messages_out_id_idx').on(t.messageId).where(sql`direction = 'out'`)],
);
