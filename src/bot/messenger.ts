// Writes outgoing messages into the outbox, inside the caller's transaction.
import type { Clock } from '../clock.js';
import type { IdGenerator } from '../ids.js';
import type { Language } from '../orders/language.js';
import type { DbOrTx } from '../store/db.js';
import { createGuestsRepo } from '../store/guests.js';
import { createOutboxRepo } from '../store/outbox.js';
import type { OutboundContent, Transport } from './transport.js';

export interface MessengerDeps {
  ids: IdGenerator;
  clock: Clock;
  transport: Pick<Transport, 'addressForPhone'>;
  sellerNumbers: readonly string[];
  defaultLanguage: Language;
}

export function createMessenger(db: DbOrTx, deps: MessengerDeps) {
  const outbox = createOutboxRepo(db);
  const guests = createGuestsRepo(db);
  const send = (address: string, guestId: number | null, content: OutboundContent) =>
    outbox.enqueue({ messageId: deps.ids.messageId(), address, guestId, content }, deps.clock.now());
  // Sellers are looked up once per messenger (one message, or one sweep batch), not once per notice.
  const sellerRows = new Map<string, ReturnType<typeof guests.byPhone>>();
  const sellerRow = (phone: string) => {
    if (!sellerRows.has(phone)) sellerRows.set(phone, guests.byPhone(phone));
    return sellerRows.get(phone);
  };

  return {
    send,
    text: (address: string, guestId: number | null, text: string) => send(address, guestId, { type: 'text', text }),
    /** Where a guest can be reached: where they last wrote from, else their number; null when neither is known. */
    addressOfGuest(guestId: number): string | null {
      const guest = guests.byId(guestId);
      return guest?.chatAddress ?? (guest?.phoneE164 ? deps.transport.addressForPhone(guest.phoneE164) : null);
    },
    /** To a guest where they last wrote from; false when we have no way to reach them. */
    toGuest(guestId: number, text: string): boolean {
      const address = this.addressOfGuest(guestId);
      if (!address) return false;
      send(address, guestId, { type: 'text', text });
      return true;
    },
    /** To every seller, each in their own language. */
    toSellers(render: (language: Language) => string): void {
      this.toSellersContent((language) => ({ type: 'text', text: render(language) }));
    },
    /** Any content (a photo, a document) to every seller, each in their own language. */
    toSellersContent(render: (language: Language) => OutboundContent): void {
      for (const phone of deps.sellerNumbers) {
        const seller = sellerRow(phone);
        send(seller?.chatAddress ?? deps.transport.addressForPhone(phone), seller?.id ?? null, render(seller?.language ?? deps.defaultLanguage));
      }
    },
  };
}
export type Messenger = ReturnType<typeof createMessenger>;
