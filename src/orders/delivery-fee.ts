export interface DeliveryPricing {
  /** Flat fee in minor units, when the area matches no zone. */
  deliveryFeeMinor: number;
  deliveryZones: readonly { name: string; feeMinor: number }[];
}

/** The delivery fee for an area: the first zone whose name appears in it, else the flat fee. */
export function deliveryFeeFor(pricing: DeliveryPricing, area: string | null): number {
  const normalized = (area ?? '').toLowerCase();
  const zone = pricing.deliveryZones.find((z) => normalized.includes(z.name.toLowerCase()));
  return zone ? zone.feeMinor : pricing.deliveryFeeMinor;
}
