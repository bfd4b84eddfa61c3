// The reason codes sellers give (DESIGN.md section 3): why an order was cancelled, why a delivery failed.

/** `expired` is set only by the expiry sweep, never typed by a seller. */
export const CANCEL_REASONS = ['customer_request', 'out_of_stock', 'cannot_fulfil', 'fraud', 'other', 'expired'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];
export const SELLER_CANCEL_REASONS = ['customer_request', 'out_of_stock', 'cannot_fulfil', 'fraud', 'other'] as const satisfies readonly CancelReason[];

export const FAILURE_REASONS = ['customer_unavailable', 'refused', 'other'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export const isCancelReason = (value: string | null): value is CancelReason => (CANCEL_REASONS as readonly string[]).includes(value ?? '');
export const isFailureReason = (value: string | null): value is FailureReason => (FAILURE_REASONS as readonly string[]).includes(value ?? '');
