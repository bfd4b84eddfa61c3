// Turns one Baileys WAMessage into what the pipeline understands (research guide 4.5 and 4.7):
// which messages to drop, what the content is, and who the other party is.
import {
  getContentType,
  isHostedLidUser,
  isHostedPnUser,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isLidUser,
  isPnUser,
  isRealMessage,
  jidDecode,
  jidNormalizedUser,
  normalizeMessageContent,
  toNumber,
  WAMessageStubType,
  type proto,
  type WAMessage,
  type WAMessageKey,
} from '@whiskeysockets/baileys';
import type { InboundMedia } from '../transport.js';
import type { WaIdentitiesRepo } from '../../store/wa-identities.js';
import { normalizePhone } from '../../orders/phone.js';

export type InboundContent =
  | { type: 'text'; text: string }
  | {
      type: 'media';
      kind: InboundMedia['kind'];
      mimetype: string;
      fileName: string | null;
      declaredBytes: number | null;
      caption: string | null;
    };

export type SkipReason =
  | 'no-id'
  | 'no-chat'
  | 'group'
  | 'broadcast'
  | 'newsletter'
  | 'not-a-user'
  | 'ciphertext-stub'
  | 'stub'
  | 'not-real'
  | 'unsupported'
  | 'empty';

export type ReadResult =
  | { ok: true; id: string; chatAddress: string; content: InboundContent; forwarded: boolean }
  | { ok: false; reason: SkipReason };

const isUserJid = (jid: string): boolean =>
  !!(isPnUser(jid) || isLidUser(jid) || isHostedPnUser(jid) || isHostedLidUser(jid));
const isPhoneJid = (jid: string | null | undefined): jid is string => !!jid && !!(isPnUser(jid) || isHostedPnUser(jid));
const isLidJid = (jid: string | null | undefined): jid is string => !!jid && !!(isLidUser(jid) || isHostedLidUser(jid));

/** Filters and classifies a message; only 1:1 chats with text or media get through. */
export function readMessage(msg: WAMessage): ReadResult {
  const { id, remoteJid: chat } = msg.key;
  if (!id) return { ok: false, reason: 'no-id' };
  if (!chat) return { ok: false, reason: 'no-chat' };
  if (isJidGroup(chat)) return { ok: false, reason: 'group' };
  if (isJidBroadcast(chat)) return { ok: false, reason: 'broadcast' }; // includes status@broadcast
  if (isJidNewsletter(chat)) return { ok: false, reason: 'newsletter' };
  if (!isUserJid(chat)) return { ok: false, reason: 'not-a-user' };
  if (!msg.message) {
    // A failed decryption; the same key.id usually arrives again with content.
    return { ok: false, reason: msg.messageStubType === WAMessageStubType.CIPHERTEXT ? 'ciphertext-stub' : 'stub' };
  }
  if (!isRealMessage(msg)) return { ok: false, reason: 'not-real' }; // protocol, reaction, poll vote
  const content = normalizeMessageContent(msg.message);
  if (!content) return { ok: false, reason: 'empty' };
  const read = readContent(content);
  return typeof read === 'string' ? { ok: false, reason: read } : { ok: true, id, chatAddress: chat, content: read, forwarded: isForwarded(content) };
}

/** WhatsApp marks forwarded messages in the content's contextInfo. */
function isForwarded(content: proto.IMessage): boolean {
  const type = getContentType(content);
  const inner: unknown = type ? content[type] : undefined;
  const info = typeof inner === 'object' && inner !== null && 'contextInfo' in inner ? (inner as { contextInfo?: proto.IContextInfo | null }).contextInfo : null;
  return info?.isForwarded === true;
}

function readContent(content: proto.IMessage): InboundContent | 'unsupported' | 'empty' {
  switch (getContentType(content)) {
    case 'conversation':
    case 'extendedTextMessage': {
      const text = content.conversation ?? content.extendedTextMessage?.text ?? '';
      return text.trim() ? { type: 'text', text } : 'empty';
    }
    case 'imageMessage':
      return media('image', content.imageMessage, 'image/jpeg');
    case 'videoMessage':
      return media('video', content.videoMessage, 'video/mp4');
    case 'audioMessage':
      return media('audio', content.audioMessage, 'audio/ogg');
    case 'stickerMessage':
      return media('sticker', content.stickerMessage, 'image/webp');
    case 'documentMessage':
      return media('document', content.documentMessage, 'application/octet-stream');
    default:
      return 'unsupported';
  }
}

type MediaProto =
  | proto.Message.IImageMessage
  | proto.Message.IVideoMessage
  | proto.Message.IAudioMessage
  | proto.Message.IStickerMessage
  | proto.Message.IDocumentMessage;

function media(
  kind: InboundMedia['kind'],
  m: MediaProto | null | undefined,
  fallbackMime: string,
): InboundContent | 'empty' {
  if (!m) return 'empty';
  const caption = 'caption' in m && m.caption ? m.caption : null;
  const fileName = 'fileName' in m && m.fileName ? m.fileName : null;
  const declared = m.fileLength == null ? null : toNumber(m.fileLength);
  return {
    type: 'media',
    kind,
    mimetype: m.mimetype || fallbackMime,
    fileName,
    declaredBytes: declared !== null && Number.isFinite(declared) ? declared : null,
    caption,
  };
}

/** When the message was sent, from its protobuf timestamp (seconds), else `fallback`. */
export function sentAt(msg: WAMessage, fallback: Date): Date {
  const seconds = msg.messageTimestamp == null ? 0 : toNumber(msg.messageTimestamp);
  return seconds > 0 ? new Date(seconds * 1000) : fallback;
}

/** `+<digits>` for a phone-number JID, validated by our one phone normaliser where it can be. */
export function e164FromPhoneJid(jid: string): string | null {
  const digits = jidDecode(jid)?.user;
  if (!digits || !/^\d{6,16}$/.test(digits)) return null;
  return normalizePhone(`+${digits}`) ?? `+${digits}`;
}

export interface IdentityLookups {
  /** True when `jid` is the store's own account (PN or LID). */
  isSelf(jid: string): boolean;
  /** Baileys' LID -> PN mapping; null when unknown. */
  pnForLid(lid: string): Promise<string | null>;
  identities: WaIdentitiesRepo;
  now(): Date;
}

export interface Identity {
  phone: string | null;
  lid: string | null;
}

/**
 * The other party's phone and LID (guide 4.7): the PN JID itself, else the PN alternative, else Baileys'
 * mapping, else our table. Pairs learned on the way are remembered. Never derives a PN from LID digits.
 */
export async function resolveIdentity(key: WAMessageKey, lookups: IdentityLookups): Promise<Identity> {
  const primary = key.remoteJid;
  // An alternative naming us while the chat is someone else's (or the reverse) would pair the wrong people.
  const alt =
    key.remoteJidAlt && primary && lookups.isSelf(key.remoteJidAlt) === lookups.isSelf(primary)
      ? key.remoteJidAlt
      : undefined;

  const lid = isLidJid(primary) ? jidNormalizedUser(primary) : isLidJid(alt) ? jidNormalizedUser(alt) : null;
  let phoneJid = isPhoneJid(primary) ? primary : isPhoneJid(alt) ? alt : null;

  if (lid && phoneJid) {
    lookups.identities.remember(lid, phoneJid, lookups.now());
  } else if (lid) {
    const mapped = await lookups.pnForLid(lid);
    if (isPhoneJid(mapped)) {
      phoneJid = mapped;
      lookups.identities.remember(lid, mapped, lookups.now());
    } else {
      phoneJid = lookups.identities.phoneJidForLid(lid);
    }
  }
  return { phone: phoneJid ? e164FromPhoneJid(phoneJid) : null, lid };
}
