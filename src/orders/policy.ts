// The seller's settings (/settings): one typed, validated record with defaults, stored in the
// settings table. Every rule that depends on the seller's policy reads it from here.
import { z } from 'zod';
import type { Config } from '../config.js';
import type { DbOrTx } from '../store/db.js';
import { createSettingsRepo } from '../store/settings.js';

export { deliveryFeeFor } from './delivery-fee.js';

const SETTINGS_KEY = 'store_policy';

const ms = z.number().int().positive();

export const storePolicySchema = z.object({
  /** Flat delivery fee in minor units, used when the customer's area matches no zone. */
  deliveryFeeMinor: z.number().int().min(0).default(0),
  /** Per-zone fees: an area containing the zone name (case-insensitive) pays that fee. */
  deliveryZones: z.array(z.object({ name: z.string().min(1).max(60), feeMinor: z.number().int().min(0) })).max(100).default([]),
  /** Areas whose cash-on-delivery orders count as risky (fraud review, COD confirmation). */
  highRiskZones: z.array(z.string().min(1).max(60)).max(100).default([]),
  /** How far a customer may cancel on their own: only while pending, or up to shipping. Beyond that it is a request to the seller. */
  customerCancelUntil: z.enum(['pending', 'ready_for_shipping']).default('pending'),
  /** Whether a confirmed custom order may still be cancelled (as a request to the seller). */
  customOrdersCancelableAfterConfirm: z.boolean().default(false),
  /** Whether returns are accepted, for catalog and for custom orders, and for how long after delivery. */
  returnsAccepted: z.boolean().default(true),
  customOrdersReturnable: z.boolean().default(false),
  returnWindowDays: z.number().int().min(0).max(365).default(14),
  /** Which cash-on-delivery orders the customer must confirm in chat before they ship. */
  codConfirmation: z.enum(['first_or_risky', 'always', 'never']).default('first_or_risky'),
  /** A customer's first order above this total (minor units) counts as risky; 0 turns the rule off. */
  firstOrderValueCapMinor: z.number().int().min(0).default(300_000),
  /** Most units of one product in a single order. */
  maxQuantityPerProduct: z.number().int().min(1).max(10_000).default(50),
  /** Expiry overrides in milliseconds; unset means the configured default (config.ttl). */
  ttl: z
    .object({
      customRequest: ms.optional(),
      quote: ms.optional(),
      acceptedUnconfirmed: ms.optional(),
      pendingConfirmation: ms.optional(),
      readyNotShipped: ms.optional(),
      codConfirmation: ms.optional(),
    })
    .default({}),
});

export type StorePolicy = z.output<typeof storePolicySchema>;
export type ExpiryStage = keyof StorePolicy['ttl'];

// Validating the policy on every message costs more than reading it: the parsed policy is kept per stored text.
let lastParsed: { raw: string | undefined; policy: StorePolicy } | null = null;

export function readPolicy(db: DbOrTx): StorePolicy {
  const raw = createSettingsRepo(db).getRaw(SETTINGS_KEY);
  if (lastParsed && lastParsed.raw === raw) return lastParsed.policy;
  const parsed = storePolicySchema.safeParse(raw === undefined ? {} : JSON.parse(raw));
  // A stored policy that no longer validates (an older shape) falls back to the defaults rather than failing orders.
  const policy = parsed.success ? parsed.data : storePolicySchema.parse({});
  lastParsed = { raw, policy };
  return policy;
}

/** Merges a change into the stored policy; returns the new policy or the validation problem. */
export function updatePolicy(db: DbOrTx, change: Partial<StorePolicy>, at: Date): { ok: true; policy: StorePolicy } | { ok: false; error: string } {
  const next = storePolicySchema.safeParse({ ...readPolicy(db), ...change });
  if (!next.success) return { ok: false, error: next.error.issues[0]?.message ?? 'invalid setting' };
  createSettingsRepo(db).set(SETTINGS_KEY, next.data, at);
  return { ok: true, policy: next.data };
}

/** The deadline length for a stage: the seller's override, else the configured default. */
export function ttlFor(policy: StorePolicy, config: Pick<Config, 'ttl'>, stage: ExpiryStage): number {
  return policy.ttl[stage] ?? config.ttl[stage];
}

/** When the reminder before a deadline goes out: a quarter of the stage's length before it, at most 6 hours. */
export function reminderLeadMs(stageMs: number): number {
  return Math.min(6 * 3_600_000, Math.floor(stageMs / 4));
}
