// One grammar for every seller command: `/name arg arg...`, canonical English names and Arabic
// aliases, Arabic-Indic digits, order numbers with or without `#`. Unknown words are never guessed.
import { normalizeInput, toWesternDigits } from '../../orders/text.js';

export interface ParsedCommand {
  /** The canonical name when known, else null. */
  name: string | null;
  /** What the seller typed after the slash. */
  typed: string;
  args: string[];
  /** Everything after the command word, as typed (for free-text arguments). */
  rest: string;
}

/** null when the text is not a command at all (no leading slash). */
export function parseCommandLine(text: string, aliases: ReadonlyMap<string, string>): ParsedCommand | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('/')) return null;
  const match = /^\/(\S*)\s*([\s\S]*)$/.exec(trimmed);
  const typed = match?.[1] ?? '';
  const rest = (match?.[2] ?? '').trim();
  const name = aliases.get(normalizeInput(typed)) ?? null;
  const args = rest === '' ? [] : rest.split(/\s+/);
  return { name, typed, args, rest };
}

/** `1001`, `#1001`, `١٠٠١` -> 1001; null otherwise. */
export function parseOrderNumber(arg: string | undefined): number | null {
  if (arg === undefined) return null;
  const match = /^#?(\d{1,9})$/.exec(toWesternDigits(arg.trim()));
  return match ? Number(match[1]) : null;
}
