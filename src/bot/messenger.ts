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
  const addressOfPhone = (phone: string) => guests.byPhone(phone)?.chatAddress ?? deps.transport.addressForPhone(phone);

  return {
    send,
    text: (address: string, guestId: number | null, text: string) => send(address, guestId, { type: 'text', text }),
    /** To a guest where they last wrote from; false when we have no way to reach them. */
    toGuest(guestId: number, text: string): boolean {
      const guest = guests.byId(guestId);
      const address = guest?.chatAddress ?? (guest?.phoneE164 ? deps.transport.addressForPhone(guest.phoneE164) : null);
      if (!address) return false;
      send(address, guestId, { type: 'text', text });
      return true;
    },
    /** To every seller, each in their own language. */
    toSellers(render: (language: Language) => string): void {
      for (const phone of deps.sellerNumbers) {
        const seller = guests.byPhone(phone);
        send(addressOfPhone(phone), seller?.id ?? null, { type: 'text', text: render(seller?.language ?? deps.defaultLanguage) });
      }
    },
  };
}
export type Messenger = ReturnType<typeof createMessenger>;
