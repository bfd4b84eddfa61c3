// The one interface every transport implements, and the one typed message union they produce.
import type { SendRate } from './send-budget.js';
import type { Tx } from '../store/db.js';

export type TransportName = 'baileys' | 'simulator';

export interface InboundMedia {
  kind: 'image' | 'document' | 'audio' | 'video' | 'sticker';
  mimetype: string;
  fileName: string | null;
  /** Declared size in bytes, when the transport knows it before downloading. */
  declaredBytes: number | null;
  /** Fetches the bytes, refusing anything above `maxBytes`. */
  download(maxBytes: number): Promise<Buffer>;
}

interface InboundBase {
  transport: TransportName;
  /** The transport's message id; the same id twice is a duplicate. */
  id: string;
  /** Where a reply goes: the chat address exactly as received (a JID for WhatsApp, E.164 for the simulator). */
  chatAddress: string;
  /** The other party's number in E.164, when known. */
  phone: string | null;
  /** The other party's WhatsApp LID (`digits@lid`), when known. */
  lid: string | null;
  /** Display name the sender chose, if any. */
  pushName: string | null;
  /** Typed on the store's own phone into this chat (a human taking over), or our own echo. */
  fromMe: boolean;
  /** Replayed after a disconnect rather than received live. */
  offline: boolean;
  /** Forwarded from another chat (never run as a seller command); absent means not forwarded. */
  forwarded?: boolean;
  receivedAt: Date;
  /**
   * The transport's own record of the message (the simulator's transcript line), written in the message's own
   * transaction: on disk exactly when the message is, and never for a duplicate. One statement, or atomic itself.
   */
  record?: (tx: Tx) => void;
}

export type InboundMessage =
  | (InboundBase & { type: 'text'; text: string })
  | (InboundBase & { type: 'media'; media: InboundMedia; caption: string | null });

export type OutboundContent =
  | { type: 'text'; text: string }
  | { type: 'image'; path: string; mimetype: string; caption?: string }
  | { type: 'document'; path: string; mimetype: string; fileName: string; caption?: string };

export interface SendResult {
  /** What the transport recorded of the sent message (Baileys' proto JSON), for retries. */
  payload: string | null;
  /**
   * The transport's own record of the sent message (the simulator's transcript line), written in the same
   * transaction as the outbox's "sent" mark: both on disk or neither. One statement, or atomic itself.
   */
  record?: (tx: Tx) => void;
}

/** Thrown by `InboundMedia.download` when the file is above the cap the caller gave. */
export class MediaTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`media is larger than ${limitBytes} bytes`);
    this.name = 'MediaTooLargeError';
  }
}

/**
 * Thrown by `Transport.send` (or reported later through `onSendRejected`) when a message can never be delivered as it
 * is: retrying would fail the same way or, for WhatsApp's 463, make the number's restriction worse (research guide 4.9).
 * The outbox marks such a row failed at once and tells the sellers; anything else a transport throws is retried.
 */
export class PermanentSendError extends Error {
  constructor(
    message: string,
    /** What was wrong: WhatsApp's NACK code (`'463'`, `'479'`, ...) or `'invalid-address'`. */
    readonly code: string,
  ) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

/** Called when the network refuses a message after `send` resolved (WhatsApp answers a sent message with a NACK). */
export type SendRejectedListener = (messageId: string, error: PermanentSendError) => void;

export type InboundHandler = (message: InboundMessage) => Promise<void>;

export interface Transport {
  readonly name: TransportName;
  /** Minimum gap between two messages to the same chat, in milliseconds. */
  readonly perChatPaceMs: number;
  /** How fast the whole number may send, ramping up after each connection; none: as fast as it goes (the simulator). */
  readonly sendRate?: SendRate;
  /** Starts receiving; every inbound message is handed to `handler`, awaited, in arrival order per chat. */
  start(handler: InboundHandler): Promise<void>;
  /**
   * Sends with our own message id, so the echo can be recognised and retries served. Throws on failure:
   * `PermanentSendError` when retrying cannot help, anything else for a failure worth retrying.
   */
  send(address: string, content: OutboundContent, messageId: string): Promise<SendResult>;
  /** Subscribes to refusals that arrive after `send` resolved (WhatsApp's NACKs); transports without them omit it. */
  onSendRejected?(listener: SendRejectedListener): void;
  /** The address to use for a number that has not written to us yet (seller notifications). */
  addressForPhone(e164: string): string;
  /** True while the transport can deliver messages. */
  isReady(): boolean;
  stop(): Promise<void>;
}
