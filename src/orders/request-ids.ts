// Customer requests are shown as `C-12`: readable aloud, never an access key (the seller's commands
// act on them, the customer reaches them only through their order).
import { toWesternDigits } from './text.js';

export const formatCustomerRequestId = (id: number) => `C-${id}`;

/** `C-12`, `c12`, `12`, `#12`, `١٢` -> 12; null otherwise. */
export function parseCustomerRequestId(input: string | undefined): number | null {
  if (input === undefined) return null;
  const match = /^(?:[cC]-?|#)?(\d{1,9})$/.exec(toWesternDigits(input.trim()));
  return match ? Number(match[1]) : null;
}
