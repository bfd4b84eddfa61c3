// The event types written to the append-only `order_events` log, and which of them a customer may see.

export const ORDER_EVENT = {
  placed: 'placed',
  paid: 'payment:paid',
  refunded: 'payment:refunded',
  noteAdded: 'note_added',
  tagAdded: 'tag_added',
  tagRemoved: 'tag_removed',
  sellerMessage: 'seller_message',
  /** `edit:<field>` with the value before and after. */
  edit: (field: string) => `edit:${field}`,
  /** `status:<to>` is written by changeOrderStatus. */
  status: (to: string) => `status:${to}`,
} as const;

/** Events that belong on the customer's order page: placement, status moves and edits. Notes, tags and messages are the seller's. */
export function isCustomerVisibleEvent(type: string): boolean {
  return type === ORDER_EVENT.placed || type.startsWith('status:') || type.startsWith('edit:') || type === ORDER_EVENT.refunded;
}

export interface Actor {
  type: 'customer' | 'guest' | 'seller' | 'system';
  id: string | null;
}
