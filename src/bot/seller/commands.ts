// The seller command dispatcher: finds the command by name or alias, runs it inside a savepoint of
// the message's transaction (a refused command leaves no trace), and answers in the seller's language.
import { TransactionRollbackError } from 'drizzle-orm';
import { sellerTexts } from '../../flows/seller-texts.js';
import { normalizeInput } from '../../orders/text.js';
import { parseCommandLine } from './parse.js';
import { COMMAND_FAMILIES } from './registry.js';
import type { AfterCommitTask, CommandContext, CommandFamily, CommandRegistry, CommandSpec } from './commands/types.js';

export type { CommandContext, CommandSpec, CommandFamily } from './commands/types.js';

/** Indexes names and aliases; two commands claiming one word is a programming error, found at start-up. */
export function createCommandRegistry(families: readonly CommandFamily[]): CommandRegistry {
  const aliases = new Map<string, string>();
  const byName = new Map<string, CommandSpec>();
  for (const family of families) {
    for (const spec of family.commands) {
      for (const word of [spec.name, ...spec.aliases]) {
        const key = normalizeInput(word);
        const owner = aliases.get(key);
        if (owner !== undefined && owner !== spec.name) throw new Error(`seller command word "${word}" is claimed by /${owner} and /${spec.name}`);
        aliases.set(key, spec.name);
      }
      byName.set(spec.name, spec);
    }
  }
  return {
    families,
    aliases,
    find: (typed) => {
      const name = aliases.get(normalizeInput(typed.replace(/^\//, '')));
      return name === undefined ? undefined : byName.get(name);
    },
  };
}

let defaultRegistry: CommandRegistry | undefined;
/** The registry of every family in registry.ts (built on first use). */
export function sellerCommandRegistry(): CommandRegistry {
  defaultRegistry ??= createCommandRegistry(COMMAND_FAMILIES);
  return defaultRegistry;
}

export interface CommandResult {
  /** False for anything that changed nothing: not a command, unknown, bad arguments, refused. */
  ok: boolean;
  text: string;
  /** The canonical command that ran, if any. */
  command: string | null;
}

export type SellerCommandInput = Omit<CommandContext, 'registry'> & { registry?: CommandRegistry };

export function executeSellerCommand(text: string, input: SellerCommandInput): CommandResult {
  const registry = input.registry ?? sellerCommandRegistry();
  const t = sellerTexts[input.language];
  const parsed = parseCommandLine(text, registry.aliases);
  if (!parsed) return { ok: false, text: t.notACommand(), command: null };
  const spec = parsed.name ? registry.find(parsed.name) : undefined;
  if (!spec) return { ok: false, text: t.unknownCommand(parsed.typed), command: null };

  const tasks: AfterCommitTask[] = [];
  let outcome: { ok: boolean; text: string } = { ok: false, text: '' };
  try {
    input.tx.transaction((savepoint) => {
      const raw = spec.run(parsed, { ...input, tx: savepoint, registry, afterCommit: (task) => tasks.push(task) });
      outcome = typeof raw === 'string' ? { ok: true, text: raw } : raw;
      if (!outcome.ok) savepoint.rollback();
    });
  } catch (err) {
    if (!(err instanceof TransactionRollbackError)) throw err;
  }
  if (outcome.ok) for (const task of tasks) input.afterCommit(task);
  return { ...outcome, command: spec.name };
}

/** The reply to one message from a seller. */
export function runSellerCommand(text: string, input: SellerCommandInput): string {
  return executeSellerCommand(text, input).text;
}
