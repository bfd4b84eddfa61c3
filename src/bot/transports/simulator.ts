// The local simulator: the same pipeline, outbox and database as WhatsApp, driven over HTTP.
// Both directions are kept in a transcript (sim_messages) that the chat page and tests read.
import { sql } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { IdGenerator } from '../../ids.js';
import type { Db } from '../../store/db.js';
import type { GroupCommit } from '../../store/group-commit.js';
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

export function createSimulatorTransport(deps: { db: Db; commits: GroupCommit; clock: Clock; ids: IdGenerator; mediaDir: string }) {
  const transcript = createSimTranscriptRepo(deps.db);
  let handler: InboundHandler | null = null;
  /**
   * Pending outbox rows the transcript already shows: the process died between showing a message and the outbox
   * recording it as sent. Like WhatsApp, which keeps one message per id, the resend after a restart shows nothing new.
   * Only rows pending at start can be such; found once, through the transcript's chat index.
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
      // Shown in the same commit as the outbox's "sent" mark, queued right after this: on disk together or not
      // at all. A failed commit fails that mark too, and the outbox sends the message again.
      void deps.commits.run(() => transcript.append({
        chat: address,
        direction: 'out',
        messageId,
        text: content.type === 'text' ? content.text : (content.caption ?? null),
        mediaMimetype: content.type === 'text' ? null : content.mimetype,
        mediaFileName: content.type === 'document' ? content.fileName : null,
        mediaPath: content.type === 'text' ? null : content.path,
        at: deps.clock.now().toISOString(),
      })).catch(() => undefined);
      return { payload: null };
    },

    /** One message typed in the simulator: recorded in the transcript, then handed to the pipeline. */
    async receive(input: SimInbound) {
      if (!handler) throw new Error('simulator is not started');
      const id = input.id ?? deps.ids.messageId();
      const at = deps.clock.now();
      const mediaPath = input.media ? mediaStore.save(input.media.data, input.media.mimetype, input.media.fileName ?? null).path : null;
      // Joins the same commit as the pipeline's processing of the message, queued right after.
      const shown = deps.commits.run(() => {
        transcript.appendOnce({
          chat: input.from,
          // The store's own phone typing to the customer reads as a message to them.
          direction: input.fromMe ? 'out' : 'in',
          messageId: id,
          text: input.text ?? null,
          mediaMimetype: input.media?.mimetype ?? null,
          mediaFileName: input.media?.fileName ?? null,
          mediaPath,
          at: at.toISOString(),
        });
      });
      // Awaited after the handler; caught now so a failure waits there instead of going unhandled.
      const shownFailure = shown.then(
        () => null,
        (error: unknown) => ({ error }),
      );
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
      const failure = await shownFailure;
      if (failure) throw failure.error;
      return { id };
    },

    entries: (chat, after) => transcript.after(chat, after),
    entry: (seq) => transcript.bySeq(seq),
  };
  return transport;
}
export type SimulatorTransport = ReturnType<typeof createSimulatorTransport>;
