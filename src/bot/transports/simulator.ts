// The local simulator: the same pipeline, outbox and database as WhatsApp, driven over HTTP.
// Both directions are kept in a transcript (sim_messages) that the chat page and tests read.
import { sql } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { IdGenerator } from '../../ids.js';
import type { Db, Tx } from '../../store/db.js';
import { createMediaStore, MEDIA_LIMITS } from '../media-store.js';
import { createSimTranscriptRepo, type SimEntry } from '../../store/sim-transcript.js';
import { MediaTooLargeError, type InboundHandler, type InboundMessage, type OutboundContent, type Transport } from '../transport.js';

/** The largest file the simulator takes; the pipeline applies the per-kind caps after. */
export const SIM_MEDIA_MAX_BYTES = MEDIA_LIMITS.document;

export interface SimInbound {
  from: string; // E.164, already normalised
  text?: string;
  name?: string;
  id?: string;
  fromMe?: boolean;
  media?: { mimetype: string; data: Buffer; fileName?: string };
}

export function createSimulatorTransport(deps: { db: Db; clock: Clock; ids: IdGenerator; mediaDir: string }) {
  const transcript = createSimTranscriptRepo(deps.db);
  let handler: InboundHandler | null = null;
  /**
   * Pending outbox rows the transcript already shows. A line and its "sent" mark now commit together, but a database
   * from an older version can hold a line whose mark was lost in a crash; like WhatsApp, which keeps one message per id,
   * the resend after a restart shows nothing new. Only rows pending at start can be such; found once.
   */
  let shownBeforeStart = new Set<string>();

  const mediaStore = createMediaStore(deps.mediaDir);

  const transport: Transport & {
    receive(input: SimInbound): Promise<{ id: string }>;
    entries(chat: string, after: number): SimEntry[];
    entry(seq: number): SimEntry | undefined;
  } = {
    name: 'simulator',
    perChatPaceMs: 0,
    async start(h) {
      shownBeforeStart = new Set(
        deps.db
          .all<{ id: string }>(
            sql`SELECT o.message_id AS id FROM outbox o WHERE o.status = 'pending' AND EXISTS (SELECT 1 FROM sim_messages s WHERE s.chat = o.address AND s.direction = 'out' AND s.message_id = o.message_id)`,
          )
          .map((row) => row.id),
      );
      handler = h;
    },
    async stop() {
      handler = null;
    },
    isReady: () => handler !== null,
    addressForPhone: (e164) => e164,

    async send(address: string, content: OutboundContent, messageId: string) {
      if (shownBeforeStart.delete(messageId)) return { payload: null };
      const line = {
        chat: address,
        direction: 'out' as const,
        messageId,
        text: content.type === 'text' ? content.text : (content.caption ?? null),
        mediaMimetype: content.type === 'text' ? null : content.mimetype,
        mediaFileName: content.type === 'document' ? content.fileName : null,
        mediaPath: content.type === 'text' ? null : content.path,
        at: deps.clock.now().toISOString(),
      };
      // Shown in the outbox's "sent" commit: on screen exactly when marked sent.
      return { payload: null, record: (tx: Tx) => createSimTranscriptRepo(tx).append(line) };
    },

    /** One message typed in the simulator, handed to the pipeline, which writes its transcript line in the message's own transaction. */
    async receive(input: SimInbound) {
      if (!handler) throw new Error('simulator is not started');
      const id = input.id ?? deps.ids.messageId();
      const at = deps.clock.now();
      const mediaPath = input.media ? mediaStore.save(input.media.data, input.media.mimetype, input.media.fileName ?? null).path : null;
      const line = {
        chat: input.from,
        // The store's own phone typing to the customer reads as a message to them.
        direction: input.fromMe ? ('out' as const) : ('in' as const),
        messageId: id,
        text: input.text ?? null,
        mediaMimetype: input.media?.mimetype ?? null,
        mediaFileName: input.media?.fileName ?? null,
        mediaPath,
        at: at.toISOString(),
      };
      const base = {
        transport: 'simulator' as const,
        id,
        chatAddress: input.from,
        phone: input.from,
        lid: null,
        pushName: input.name ?? null,
        fromMe: input.fromMe ?? false,
        offline: false,
        receivedAt: at,
        // Shown in the message's own transaction: never for a duplicate, never without the message.
        record: (tx: Tx) => createSimTranscriptRepo(tx).append(line),
      };
      const media = input.media;
      const message: InboundMessage = media
        ? {
            ...base,
            type: 'media',
            caption: input.text ?? null,
            media: {
              kind: media.mimetype.startsWith('image/') ? 'image' : 'document',
              mimetype: media.mimetype,
              fileName: media.fileName ?? null,
              declaredBytes: media.data.length,
              download: async (maxBytes) => {
                if (media.data.length > maxBytes) throw new MediaTooLargeError(maxBytes);
                return media.data;
              },
            },
          }
        : { ...base, type: 'text', text: input.text ?? '' };
      await handler(message);
      return { id };
    },

    entries: (chat, after) => transcript.after(chat, after),
    entry: (seq) => transcript.bySeq(seq),
  };
  return transport;
}
export type SimulatorTransport = ReturnType<typeof createSimulatorTransport>;
