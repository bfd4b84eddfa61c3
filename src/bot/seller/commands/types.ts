// The contract every seller command family implements. A family is a file under this folder that
// exports a CommandFamily; `registry.ts` lists them.
import type { IdGenerator } from '../../../ids.js';
import type { Language } from '../../../orders/language.js';
import type { Tx } from '../../../store/db.js';
import type { Order } from '../../../store/orders.js';
import type { HandlerInput } from '../../handler-input.js';
import type { MediaOutcome } from '../../media-store.js';
import type { Messenger } from '../../messenger.js';
import type { BotConfig } from '../../pipeline.js';
import type { InboundMedia } from '../../transport.js';
import type { ParsedCommand } from '../parse.js';

export type { AfterCommitTask } from '../../handler-input.js';
import type { AfterCommitTask } from '../../handler-input.js';

export interface CommandContext {
  /** The message's transaction (a savepoint of it while a command runs: a refused command leaves no trace). */
  tx: Tx;
  /** The seller's language: every reply is in it. */
  language: Language;
  now: Date;
  sellerPhone: string;
  sellerGuestId: number;
  /** Where replies to this seller go (documents too). */
  sellerAddress: string;
  messenger: Messenger;
  /** Issues a fresh order link (revoking older ones) and returns its URL. */
  issueLink(order: Order, scope: 'view' | 'update'): string;
  config: BotConfig;
  ids: IdGenerator;
  /** The downloaded file of a media message (a product photo, a catalog spreadsheet); null for text. */
  media: MediaOutcome | null;
  mediaKind: InboundMedia['kind'] | null;
  /** Runs `task` after the transaction commits; dropped when the command is refused or the message fails. */
  afterCommit(task: AfterCommitTask): void;
  registry: CommandRegistry;
  /** Everything the pipeline gave for this message (for families written against HandlerInput). */
  input: HandlerInput;
}

/** A reply that is a string succeeded; `{ ok: false }` is a refusal, and everything the command wrote is rolled back. */
export type CommandOutcome = string | { ok: boolean; text: string };

export interface CommandSpec {
  /** Canonical English name, typed after the slash. */
  name: string;
  /** Other words that run it (Arabic first of all); matched after normalizeInput. */
  aliases: readonly string[];
  usage: string;
  summary: Record<Language, string>;
  /** Longer help shown by `/help <command>` (the words a command takes, examples). */
  details?: Record<Language, string>;
  run(cmd: ParsedCommand, ctx: CommandContext): CommandOutcome;
}

export interface CommandFamily {
  id: string;
  title: Record<Language, string>;
  commands: readonly CommandSpec[];
}

export interface CommandRegistry {
  families: readonly CommandFamily[];
  /** Canonical name by normalised name or alias. */
  aliases: ReadonlyMap<string, string>;
  find(typed: string): CommandSpec | undefined;
}

export const refuse = (text: string): CommandOutcome => ({ ok: false, text });
export const done = (text: string): CommandOutcome => ({ ok: true, text });
