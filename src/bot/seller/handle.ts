// One message from a seller number: a command, answered in the seller's language.
import type { Language } from '../../orders/language.js';
import type { HandlerInput } from '../handler-input.js';
import { runSellerCommand } from './commands.js';

export function handleSellerMessage(input: HandlerInput): void {
  const { message, guest, messenger, config } = input;
  const language: Language = guest.language ?? config.defaultLanguage;
  const text = message.type === 'text' ? message.text : message.caption;
  const reply =
    text !== null
      ? runSellerCommand(text, {
          tx: input.tx,
          language,
          now: input.now,
          sellerPhone: message.phone ?? '',
          sellerGuestId: guest.id,
          messenger,
          issueLink: input.issueLink,
        })
      : language === 'ar'
        ? 'أرسل الأوامر كنص، مثل \u2066/help\u2069.'
        : 'Send commands as text, for example /help.';
  messenger.text(message.chatAddress, guest.id, reply);
}
