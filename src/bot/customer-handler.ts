// One message from a customer, inside the pipeline's transaction: a blocked number gets one polite
// notice; during a hand-over the message goes to the sellers; otherwise the conversation steps.
import { customerTexts } from '../flows/customer-texts.js';
import { sellerInboxTexts } from '../flows/seller-inbox-texts.js';
import { detectLanguage, type Language } from '../orders/language.js';
import { createConversationsRepo } from '../store/conversations.js';
import { createGuestsRepo } from '../store/guests.js';
import { createOrdersRepo } from '../store/orders.js';
import { advanceConversation, conversationKey, type ConversationInput } from './conversation.js';
import type { HandlerInput } from './handler-input.js';

export { conversationKey };

function languageFor(input: HandlerInput): Language {
  const { guest, message, config } = input;
  return guest.language ?? (message.type === 'text' ? detectLanguage(message.text, config.defaultLanguage) : config.defaultLanguage);
}

function conversationInput(input: HandlerInput): ConversationInput {
  const { message, media } = input;
  if (message.type === 'text') return { type: 'TEXT', text: message.text };
  const view = media?.ok
    ? { ok: true as const, image: { path: media.media.path, mimetype: media.media.mimetype, sizeBytes: media.media.sizeBytes, sha256: media.media.sha256 } }
    : { ok: false as const, reason: media && !media.ok ? media.reason : ('failed' as const) };
  // Only pictures belong in a request; other files are refused politely by the flow.
  const image = view.ok && !view.image.mimetype.startsWith('image/') ? { ok: false as const, reason: 'unsupported' as const } : view;
  return { type: 'MEDIA', caption: message.caption, media: image };
}

export function handleCustomerMessage(input: HandlerInput): void {
  const { tx, message, guest, messenger, now } = input;
  const t = customerTexts[languageFor(input)];

  if (guest.blockedAt !== null) {
    if (guest.blockedNoticeAt === null) {
      messenger.text(message.chatAddress, guest.id, t.blocked());
      createGuestsRepo(tx).markBlockedNoticeSent(guest.id, now);
    }
    return;
  }

  const conversations = createConversationsRepo(tx);
  const key = conversationKey(guest.id);
  const row = conversations.load(key);
  const handoffUntil = row?.handoffUntil ?? null;
  if (handoffUntil !== null && handoffUntil > now.toISOString()) {
    forwardToSellers(input);
    return;
  }
  if (handoffUntil !== null) {
    // The hand-over ran out: say the assistant is back, then answer this message as usual.
    conversations.setHandoff(key, null, now);
    messenger.text(message.chatAddress, guest.id, t.handoffEnded());
  }

  advanceConversation(
    {
      tx,
      guest,
      address: message.chatAddress,
      pushName: message.pushName,
      messenger,
      config: input.config,
      ids: input.ids,
      now,
      issueLink: input.issueLink,
    },
    conversationInput(input),
    { row },
  );
}

/** During a hand-over the customer's words (and photos) reach every seller, with who they are. */
function forwardToSellers(input: HandlerInput): void {
  const { tx, message, guest, messenger, media } = input;
  const name = guest.displayName ?? message.pushName ?? guest.phoneE164 ?? '';
  const latest = createOrdersRepo(tx).recentOfGuest(guest.id, 1)[0]?.number ?? null;
  if (message.type === 'text') {
    messenger.toSellers((l) => sellerInboxTexts[l].forwarded(name, guest.phoneE164, latest, message.text));
    return;
  }
  if (media?.ok) {
    const stored = media.media;
    messenger.toSellersContent((l) =>
      stored.mimetype.startsWith('image/')
        ? { type: 'image', path: stored.path, mimetype: stored.mimetype, caption: sellerInboxTexts[l].forwarded(name, guest.phoneE164, latest, message.caption ?? '') }
        : { type: 'document', path: stored.path, mimetype: stored.mimetype, fileName: stored.fileName ?? 'file', caption: sellerInboxTexts[l].forwarded(name, guest.phoneE164, latest, message.caption ?? '') },
    );
  } else {
    messenger.toSellers((l) => sellerInboxTexts[l].forwardedMedia(name, guest.phoneE164));
  }
}
