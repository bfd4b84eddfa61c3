// One grammar for every seller command: `/name arg arg...`, canonical English names and Arabic
// aliases, Arabic-Indic digits, order numbers with or without `#`, amounts like `250`, `250.50`,
// `٢٥٠`. Unknown words are never guessed: a word either is in a command's vocabulary or is refused.
import { parseAmount } from '../../orders/money.js';
import { normalizePhone } from '../../orders/phone.js';
import { normalizeInput, toWesternDigits } from '../../orders/text.js';
import type { ArgKind, ArgProblem } from '../../flows/seller-texts.js';

export type { ArgKind, ArgProblem };

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

/** A whole number in [min, max] written with any digits; null otherwise. */
export function parseWhole(arg: string | undefined, min: number, max: number): number | null {
  if (arg === undefined) return null;
  const s = toWesternDigits(arg.trim());
  if (!/^\d{1,9}$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

/** The largest quantity one command may name (a typo guard, not a business rule). */
export const MAX_QUANTITY = 10_000;

/** `HONEY-1KGx2`, `honey-1kg×2`, `HONEY-1KG*2`, `HONEY-1KG:2` -> the SKU as typed and the quantity; null otherwise. */
export function parseSkuQuantity(arg: string): { sku: string; quantity: number } | null {
  const match = /^(.+?)[x×*:](\d{1,9})$/i.exec(toWesternDigits(arg.trim()));
  if (!match) return null;
  const quantity = Number(match[2]);
  return quantity >= 1 && quantity <= MAX_QUANTITY ? { sku: match[1]!, quantity } : null;
}

/**
 * A customer given as an order number (`1001`, `#1001`) or a phone number (`+2010...`, `010...`,
 * `0020...`). A `#` or up to 8 digits is an order; a `+`, a leading `00` or more digits is a phone.
 */
export function parseOrderOrPhone(arg: string): { order: number } | { phone: string } | null {
  const s = toWesternDigits(arg.trim());
  if (s.startsWith('#') || /^\d{1,8}$/.test(s)) {
    const order = parseOrderNumber(s);
    return order === null ? null : { order };
  }
  const phone = normalizePhone(s);
  return phone ? { phone } : null;
}

/** Free text a seller typed: control characters out (new lines kept), spaces at the ends trimmed. */
export function cleanSellerText(input: string): string {
  return input
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F]/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

/** Words a command accepts, each mapped to its value. The first word given for a value is the one shown in hints. */
export interface Vocabulary<T> {
  lookup: ReadonlyMap<string, T>;
  shown: readonly string[];
}

export function vocabulary<T extends string>(words: Readonly<Record<T, readonly string[]>>): Vocabulary<T> {
  const lookup = new Map<string, T>();
  const shown: string[] = [];
  for (const [value, list] of Object.entries(words) as [T, readonly string[]][]) {
    shown.push(list[0] ?? value);
    for (const word of [value, ...list]) lookup.set(normalizeInput(word), value);
  }
  return { lookup, shown };
}

export const wordOf = <T>(vocab: Vocabulary<T>, arg: string | undefined): T | null => (arg === undefined ? null : (vocab.lookup.get(normalizeInput(arg)) ?? null));


export type Read<T> = { ok: true; value: T } | { ok: false; problem: ArgProblem };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const no = (problem: ArgProblem): Read<never> => ({ ok: false, problem });

interface Token {
  text: string;
  start: number;
}

/** A cursor over a command's arguments. Every read either consumes what it understood or reports the problem. */
export class ArgCursor {
  private readonly tokens: Token[];
  private index = 0;

  constructor(readonly rest: string) {
    this.tokens = [...rest.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index }));
  }

  static of(parsed: ParsedCommand): ArgCursor {
    return new ArgCursor(parsed.rest);
  }

  get atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  peek(offset = 0): string | undefined {
    return this.tokens[this.index + offset]?.text;
  }

  next(): string | undefined {
    return this.tokens[this.index++]?.text;
  }

  /** The tokens left, without consuming them. */
  remaining(): string[] {
    return this.tokens.slice(this.index).map((t) => t.text);
  }

  /** Reads the next token with `parse`; a missing or unreadable token is a problem about `what`. */
  required<T>(what: ArgKind, parse: (token: string) => T | null): Read<T> {
    const token = this.next();
    if (token === undefined) return no({ kind: 'missing', what });
    const value = parse(token);
    return value === null ? no({ kind: 'invalid', what, value: token }) : ok(value);
  }

  /** Consumes the next token only when `parse` understands it. */
  optional<T>(parse: (token: string) => T | null): T | null {
    const token = this.peek();
    if (token === undefined) return null;
    const value = parse(token);
    if (value !== null) this.index++;
    return value;
  }

  choice<T>(what: ArgKind, vocab: Vocabulary<T>): Read<T> {
    const token = this.next();
    if (token === undefined) return no({ kind: 'missing', what });
    const value = wordOf(vocab, token);
    return value === null ? no({ kind: 'choice', what, value: token, choices: vocab.shown }) : ok(value);
  }

  orderNumber(): Read<number> {
    return this.required('order', parseOrderNumber);
  }

  amount(currency: string, what: ArgKind = 'amount'): Read<number> {
    return this.required(what, (t) => parseAmount(t, currency));
  }

  /** Everything from the current token to the end, as typed (new lines kept); consumes it all. */
  text(what: ArgKind, options: { required: boolean; max: number }): Read<string | null> {
    const start = this.tokens[this.index]?.start;
    this.index = this.tokens.length;
    const text = start === undefined ? '' : cleanSellerText(this.rest.slice(start));
    if (text === '') return options.required ? no({ kind: 'missing', what }) : ok(null);
    if (text.length > options.max) return no({ kind: 'too_long', what, max: options.max });
    return ok(text);
  }

  /**
   * Free text up to (not including) the first token `stop` accepts, as typed; consumes it. Used for
   * sections like `name <text> address <text>` where a keyword ends the text before it.
   */
  textUntil(what: ArgKind, stop: (token: string) => boolean, max: number): Read<string> {
    const first = this.tokens[this.index];
    let end = this.index;
    while (end < this.tokens.length && !stop(this.tokens[end]!.text)) end++;
    if (!first || end === this.index) return no({ kind: 'missing', what });
    const last = this.tokens[end - 1]!;
    this.index = end;
    const text = cleanSellerText(this.rest.slice(first.start, last.start + last.text.length));
    if (text.length > max) return no({ kind: 'too_long', what, max });
    return ok(text);
  }

  /** Nothing may be left over. */
  end(): Read<true> {
    const token = this.peek();
    return token === undefined ? ok(true) : no({ kind: 'extra', value: token });
  }
}

/** An argument reader for `parseArgs`. */
export type ArgSpec<T> = (cursor: ArgCursor) => Read<T>;

type Values<S extends readonly ArgSpec<unknown>[]> = { -readonly [K in keyof S]: S[K] extends ArgSpec<infer T> ? T : never };

/** Reads every argument in order, then requires the end; the first problem wins. */
export function parseArgs<const S extends readonly ArgSpec<unknown>[]>(parsed: ParsedCommand, specs: S): { ok: true; values: Values<S> } | { ok: false; problem: ArgProblem } {
  const cursor = ArgCursor.of(parsed);
  const values: unknown[] = [];
  for (const spec of specs) {
    const read = spec(cursor);
    if (!read.ok) return read;
    values.push(read.value);
  }
  const end = cursor.end();
  if (!end.ok) return end;
  return { ok: true, values: values as Values<S> };
}

/** Ready-made argument readers. */
export const arg = {
  order: (): ArgSpec<number> => (c) => c.orderNumber(),
  amount: (currency: string): ArgSpec<number> => (c) => c.amount(currency),
  /** An amount when the next word starts like a number (then it must be one); null when it starts with a letter. */
  optionalAmount: (currency: string): ArgSpec<number | null> => (c) => {
    const token = c.peek();
    if (token === undefined || !/^[\d٠-٩۰-۹.]/.test(token)) return ok(null);
    return c.amount(currency);
  },
  choice: <T>(what: ArgKind, vocab: Vocabulary<T>): ArgSpec<T> => (c) => c.choice(what, vocab),
  word: (what: ArgKind, parse: (token: string) => string | null): ArgSpec<string> => (c) => c.required(what, parse),
  optionalWord: (parse: (token: string) => string | null): ArgSpec<string | null> => (c) => ok(c.optional(parse)),
  text: (what: ArgKind, max: number): ArgSpec<string> => (c) => c.text(what, { required: true, max }) as Read<string>,
  optionalText: (what: ArgKind, max: number): ArgSpec<string | null> => (c) => c.text(what, { required: false, max }),
  target: (): ArgSpec<{ order: number } | { phone: string }> => (c) => c.required('target', parseOrderOrPhone),
  /** One or more tokens read with `parse`, to the end. */
  many: <T>(what: ArgKind, parse: (token: string) => T | null): ArgSpec<T[]> => (c) => {
    const values: T[] = [];
    if (c.atEnd) return no({ kind: 'missing', what });
    while (!c.atEnd) {
      const read = c.required(what, parse);
      if (!read.ok) return read;
      values.push(read.value);
    }
    return ok(values);
  },
};
