// The one inbound pipeline for every transport (DESIGN.md section 2):
// route -> per-chat lock -> snapshot, pure transition, effects -> ONE synchronous transaction
// (inbound row, domain writes, snapshot, outbox rows) -> outbox delivery.
// That transaction is a savepoint in a group commit shared with the other chats' messages of the
// same moment: all or nothing per message, one disk commit for many. Dedupe is inside it: the
// inbound row is unique per message id, and a duplicate rolls its savepoint back.
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { IdGenerator } from '../ids.js';
import type { Logger } from '../logger.js';
import { customerTexts } from '../flows/customer-texts.js';
import { detectLanguage } from '../orders/language.js';
import { issueOrderLink } from '../orders/links.js';
import { inTransaction, type Db, type Tx } from '../store/db.js';
import type { GroupCommit } from '../store/group-commit.js';
import { createGuestsRepo } from '../store/guests.js';
import { createInboundRepo } from '../store/inbound.js';
import { createOutboxRepo } from '../store/outbox.js';
import { createConversationsRepo } from '../store/conversations.js';
import { conversationKey, handleCustomerMessage } from './customer-handler.js';
import { initialCustomerSnapshot } from '../flows/customer-flow.js';
import { CUSTOMER_MACHINE_ID, CUSTOMER_MACHINE_VERSION } from '../flows/customer.machine.js';
import { createKeyedLock } from './keyed-lock.js';
import { createMessenger } from './messenger.js';
import type { OutboxSender } from './outbox-sender.js';
import { handleSellerMessage } from './seller/handle.js';
import type { AfterCommitTask, HandlerInput } from './handler-input.js';
import { createMediaStore, type MediaOutcome } from './media-store.js';
import type { InboundMessage, Transport } from './transport.js';

export type BotConfig = Pick<Config, 'sellerNumbers' | 'storeName' | 'currency' | 'defaultLanguage' | 'publicUrl' | 'ttl' | 'mediaDir'>;

export interface BotDeps {
  db: Db;
  /** The shared transaction each message's writes join (one commit for all messages of the same moment). */
  commits: GroupCommit;
  transport: Transport;
  outbox: OutboxSender;
  config: BotConfig;
  logger: Logger;
  clock: Clock;
  ids: IdGenerator;
  linkSecret: string;
}

export type Route = 'customer' | 'seller' | 'takeover' | 'echo';

/** A message already recorded (WhatsApp redelivers after a reconnect): its savepoint is rolled back, nothing changes. */
class DuplicateMessage extends Error {}

/** A message that could not be written at all, not even as failed; the transport should not count it as taken. */
export class MessageNotRecorded extends Error {
  override name = 'MessageNotRecorded';
  constructor(readonly reason: unknown) {
    super(`the message could not be stored: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

export type SystemContext = Pick<HandlerInput, 'tx' | 'now' | 'config' | 'ids' | 'messenger' | 'issueLink'>;

export function createBot(deps: BotDeps) {
  const { db, transport, config, clock, ids } = deps;
  const lock = createKeyedLock();
  const mediaStore = createMediaStore(config.mediaDir);
  const sellers = new Set(config.sellerNumbers);
  const messengerDeps = { ids, clock, transport, sellerNumbers: config.sellerNumbers, defaultLanguage: config.defaultLanguage };
  const links = { secret: deps.linkSecret, publicUrl: config.publicUrl, newToken: ids.token };

  function routeOf(message: InboundMessage): Route {
    if (message.fromMe) return createOutboxRepo(db).isOurs(message.id) ? 'echo' : 'takeover';
    if (message.phone !== null && sellers.has(message.phone)) return 'seller';
    return 'customer';
  }

  /** The per-chat key: the same identity the conversation is stored under. */
  const chatKeyOf = (message: InboundMessage) => message.phone ?? message.lid ?? message.chatAddress;

  function recordInbound(tx: Tx, message: InboundMessage, route: Route | 'ignored', status: 'processed' | 'failed' | 'ignored', guestId: number | null): boolean {
    return createInboundRepo(tx).record({
      transport: message.transport,
      messageId: message.id,
      chatAddress: message.chatAddress,
      guestId,
      fromMe: message.fromMe,
      kind: message.type,
      route: route === 'echo' ? 'ignored' : route,
      status,
      receivedAt: message.receivedAt.toISOString(),
    });
  }

  /** The message's writes, all or nothing, in the next group commit; resolves once they are on disk. */
  function commitMessage(message: InboundMessage, route: Route, media: MediaOutcome | null, afterCommit: AfterCommitTask[]): Promise<'done' | 'duplicate'> {
    return deps.commits.run((tx) => {
      const now = clock.now();
      if (route === 'echo') {
        if (recordInbound(tx, message, 'echo', 'ignored', null)) message.record?.(tx);
        return 'done';
      }
      if (route === 'takeover') {
        if (!recordInbound(tx, message, 'takeover', 'processed', null)) return 'duplicate';
        message.record?.(tx);
        handleTakeover(tx, message, now);
        return 'done';
      }
      const guests = createGuestsRepo(tx);
      const guest = guests.recordSender({ phone: message.phone, lid: message.lid, chatAddress: message.chatAddress, pushName: message.pushName, at: now });
      // Thrown, not returned, so the savepoint also undoes the sender update above: a duplicate changes nothing.
      if (!recordInbound(tx, message, route, 'processed', guest.id)) throw new DuplicateMessage();
      message.record?.(tx);
      const input: HandlerInput = { ...systemContext(tx, now), message, guest, media, afterCommit: (task) => afterCommit.push(task) };
      if (route === 'seller') handleSellerMessage(input);
      else handleCustomerMessage(input);
      return 'done';
    });
  }

  function handleTakeover(tx: Tx, message: InboundMessage, now: Date) {
    // The store's phone typed into a customer's chat: a human has it, the bot steps back for a while.
    const guest = createGuestsRepo(tx).findOrCreateUnverified({ phone: message.phone, lid: message.lid, chatAddress: message.chatAddress, at: now });
    const conversations = createConversationsRepo(tx);
    const key = conversationKey(guest.id);
    if (!conversations.load(key)) {
      const snapshot = initialCustomerSnapshot(guest.language ?? config.defaultLanguage);
      conversations.save({ chatKey: key, guestId: guest.id, machineId: CUSTOMER_MACHINE_ID, machineVersion: CUSTOMER_MACHINE_VERSION, snapshot }, null, now);
    }
    conversations.setHandoff(key, new Date(now.getTime() + config.ttl.handoff), now);
  }

  /** The error boundary: log, record the message as failed, apologise in the customer's language. False when even that could not be written. */
  function apologise(message: InboundMessage, route: Route, err: unknown): boolean {
    deps.logger.error({ err, messageId: message.id, transport: message.transport }, 'inbound message failed');
    try {
      inTransaction(db, (tx) => {
        if (!recordInbound(tx, message, route, 'failed', null)) return;
        message.record?.(tx);
        if (message.fromMe) return;
        const guest = message.phone ? createGuestsRepo(tx).byPhone(message.phone) : undefined;
        const language = guest?.language ?? (message.type === 'text' ? detectLanguage(message.text, config.defaultLanguage) : config.defaultLanguage);
        createMessenger(tx, messengerDeps).text(message.chatAddress, guest?.id ?? null, customerTexts[language].apology());
      });
      return true;
    } catch (inner) {
      deps.logger.error({ err: inner, messageId: message.id }, 'could not record the failed message');
      return false;
    }
  }

  /** What work that is not a message (the scheduler, seller actions) needs to write to chats. */
  function systemContext(tx: Tx, now: Date): SystemContext {
    return {
      tx,
      now,
      config,
      ids,
      messenger: createMessenger(tx, messengerDeps),
      issueLink: (order, scope) => issueOrderLink(tx, links, { orderId: order.id, guestId: order.guestId, scope, ttlMs: config.ttl.link, now }),
    };
  }

  return {
    systemContext,
    /** The only way in. Resolves when the message is handled and its replies are in the outbox. */
    async handle(message: InboundMessage): Promise<void> {
      // Made only when there is something to log: a child logger per message was a steady cost for nothing.
      const log = () => deps.logger.child({ messageId: message.id, transport: message.transport });
      // The message's own transaction finds a duplicate (its inbound row is unique) at no extra cost; only a media
      // message is checked first, so a redelivered one is not downloaded again.
      if (message.type === 'media' && createInboundRepo(db).seen(message.transport, message.id)) {
        log().debug('duplicate message ignored');
        return;
      }
      const route = routeOf(message);
      await lock.run(chatKeyOf(message), async () => {
        try {
          // I/O first (the media download), then one synchronous transaction.
          const media = message.type === 'media' && (route === 'customer' || route === 'seller') ? await mediaStore.fetch(message.media) : null;
          const afterCommit: AfterCommitTask[] = [];
          const outcome = await commitMessage(message, route, media, afterCommit).catch((err: unknown) => {
            if (err instanceof DuplicateMessage) return 'duplicate' as const;
            throw err;
          });
          if (outcome === 'duplicate') {
            log().debug('duplicate message ignored');
            return;
          }
          for (const task of afterCommit) {
            try {
              await task({ db, messenger: createMessenger(db, messengerDeps) });
            } catch (err) {
              log().error({ err }, 'after-commit work failed');
            }
          }
        } catch (err) {
          // Nothing of the message is stored (the disk is full, the database is gone): the caller must know.
          if (!apologise(message, route, err)) throw new MessageNotRecorded(err);
        }
      });
      deps.outbox.kick();
    },
  };
}
export type Bot = ReturnType<typeof createBot>;

