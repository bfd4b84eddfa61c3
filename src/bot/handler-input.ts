// What a handler (customer conversation or seller command) gets for one inbound message,
// inside the pipeline's synchronous transaction.
import type { IdGenerator } from '../ids.js';
import type { Order } from '../store/orders.js';
import type { Db, Tx } from '../store/db.js';
import type { Guest } from '../store/guests.js';
import type { MediaOutcome } from './media-store.js';
import type { Messenger } from './messenger.js';
import type { BotConfig } from './pipeline.js';
import type { InboundMessage } from './transport.js';

/** Work that must wait until the message's transaction has committed (async file work, like an XLSX export). */
export type AfterCommitTask = (env: { db: Db; messenger: Messenger }) => Promise<void>;

export interface HandlerInput {
  tx: Tx;
  message: InboundMessage;
  /** The sender's identity row (customers and sellers alike). */
  guest: Guest;
  /** The downloaded media of a media message (or why it could not be had); null for text. */
  media: MediaOutcome | null;
  messenger: Messenger;
  config: BotConfig;
  ids: IdGenerator;
  now: Date;
  /** Issues a fresh link for an order (revoking older ones) and returns its URL. */
  issueLink(order: Order, scope: 'view' | 'update'): string;
  /** Runs `task` once the transaction has committed (never if it rolls back), before the message counts as handled. */
  afterCommit(task: AfterCommitTask): void;
}
