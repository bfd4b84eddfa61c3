// Bad input at scale (issue 7, item 5), with fast-check: random bodies against the simulator API over real HTTP,
// random command strings from a seller number, and random customer text (Latin, Arabic, digits of both kinds, emoji,
// control characters, long runs). Never a 5xx, never a crash (no error logged, no apology, no unhandled rejection),
// always an answer, and customers are answered in their language.
//
// `npm test` runs a fixed seed and a few hundred cases; `npm run fuzz` (FUZZ_LONG=1) runs many more with a random
// seed, printed so a failure can be replayed with FUZZ_SEED=<seed>. FUZZ_RUNS overrides the number of cases.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTijaratk, type Tijaratk } from '../../src/app.js';
import { COMMAND_FAMILIES } from '../../src/bot/seller/registry.js';
import { createManualClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { customerTexts } from '../../src/flows/customer-texts.js';
import { createIdGenerator } from '../../src/ids.js';
import type { Language } from '../../src/orders/language.js';

const LONG = process.env.FUZZ_LONG === '1';
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : LONG ? Math.floor(Math.random() * 2 ** 31) : 20_260_701;
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : LONG ? 3_000 : 150;
const TIMEOUT = LONG ? 30 * 60_000 : 30_000;
const SELLER = '+201000000001';
const OTHER_SELLER = '+201000000002';

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
const dir = mkdtempSync(join(tmpdir(), 'tijaratk-fuzz-'));
beforeAll(() => {
  process.on('unhandledRejection', onRejection);
  console.log(`fuzz: seed ${SEED}, ${RUNS} runs per property (replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS})`);
});
afterAll(() => {
  process.off('unhandledRejection', onRejection);
  rmSync(dir, { recursive: true, force: true });
});
const params = { seed: SEED, numRuns: RUNS, endOnFailure: true };

type LogLine = { level: number; msg?: string; err?: { message?: string } };

/** The whole bot on the simulator with a manual clock, keeping every warning and error it logs. */
async function startApp(name: string): Promise<{ app: Tijaratk; errors: LogLine[]; say(from: string, text: string): Promise<string[]> }> {
  const errors: LogLine[] = [];
  const logger = pino(
    { level: 'error' },
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        errors.push(JSON.parse(chunk.toString()) as LogLine);
        callback();
      },
    }),
  );
  const config = parseConfig({
    TRANSPORT: 'simulator',
    DATABASE_PATH: ':memory:',
    SELLER_NUMBERS: `${SELLER},${OTHER_SELLER}`,
    STORE_NAME: 'Test Shop',
    PUBLIC_URL: 'http://127.0.0.1:3999',
    PORT: '0',
    MEDIA_DIR: join(dir, name),
    LOG_LEVEL: 'silent',
  });
  const app = createTijaratk({ config, logger, clock: createManualClock('2026-03-01T10:00:00.000Z'), ids: createIdGenerator() });
  await app.start(false);
  let n = 0;
  return {
    app,
    errors,
    async say(from, text) {
      const before = app.simulator!.entries(from, 0).length;
      await app.simulator!.receive({ from, text, id: `${name}-${++n}` });
      await app.outbox.drain();
      return app.simulator!.entries(from, 0).slice(before).filter((e) => e.direction === 'out').map((e) => e.text ?? '');
    },
  };
}

// ---- arbitraries ---------------------------------------------------------------------------------------------

const arabicLetter = fc.integer({ min: 0x0621, max: 0x064a }).map((c) => String.fromCharCode(c));
const arabicWord = fc.string({ unit: arabicLetter, minLength: 1, maxLength: 8 });
const arabicText = fc.array(arabicWord, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const latinText = fc.stringMatching(/^[A-Za-z][A-Za-z ,.!?']{0,40}$/);
const westernDigits = fc.stringMatching(/^-?[0-9]{1,12}$/);
const arabicDigits = fc.string({ unit: fc.integer({ min: 0x0660, max: 0x0669 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 6 });
const emoji = fc.string({ unit: fc.constantFrom('😀', '🙏', '🏠', '❤️', '👍🏽', '🇪🇬', '✅', '🛒'), minLength: 1, maxLength: 5 });
const controls = fc.string({ unit: fc.constantFrom('\u0000', '\u200f', '\u202e', '\t', '\n', '\r', '\u2066', '\ufeff'), minLength: 1, maxLength: 4 });
const menuWords = fc.constantFrom('5', '٥', 'menu', 'القائمة', '0', 'help', 'مساعدة', 'English', 'عربي', 'checkout', 'cart', '1', '2', '3', '4', '6', '١', '٢', '٦', 'register', 'تسجيل', 'yes', 'no', 'نعم', 'لا');
/** Anything a phone can type ("5" in the menu hands the chat to a human: the bot then stays quiet). */
const customerText = fc
  .oneof(
    { weight: 3, arbitrary: latinText },
    arabicText,
    westernDigits,
    arabicDigits,
    emoji,
    menuWords,
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.tuple(arabicText, emoji, westernDigits).map((p) => p.join(' ')),
    fc.tuple(latinText, controls, arabicDigits).map((p) => p.join('')),
    fc.integer({ min: 300, max: 6_000 }).map((n) => 'ب'.repeat(n)),
  )
  .filter((text) => text.trim() !== '');

const e164 = fc.integer({ min: 0, max: 99_999_999 }).map((n) => `+2010${String(n).padStart(8, '0')}`);
const commandNames = COMMAND_FAMILIES.flatMap((f) => f.commands.flatMap((c) => [c.name, ...c.aliases]));
const commandArg = fc.oneof(
  fc.constantFrom('1001', '1002', '9999', '0', '-1', '١٠٠١', 'R-101', 'R-999', 'HONEY-1KG', 'DATES-500', 'HONEY-1KGx2', 'NOPEx0', 'x', 'qty', 'shipping', 'address', 'name', 'phone', 'stock', 'add', 'hide', 'show', 'price', 'csv', 'xlsx', 'pending', 'confirmed', 'catalog', 'custom', 'guest', 'registered', 'tag:vip', 'page', '2', 'days', 'expires', '48h', 'note', 'customer', 'stock', 'fraud', 'unavailable', 'refused', 'en', 'ar', 'yes', 'نعم', '250.50', '1e9', 'NaN'),
  e164,
  latinText,
  arabicWord,
  westernDigits,
  arabicDigits,
  emoji,
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const sellerText = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...commandNames), fc.array(commandArg, { maxLength: 6 })).map(([name, args]) => [`/${name}`, ...args].join(' ')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => `/${s}`) },
  { weight: 1, arbitrary: customerText },
);

// ---- language ------------------------------------------------------------------------------------------------

const ARABIC_LETTERS = /[\u0621-\u064a]/g;
const LATIN_LETTERS = /[A-Za-z]/g;
/** The language a reply is written in, leaving out what the customer wrote and the store's name; null if neither. */
function languageOf(reply: string, echoes: readonly string[]): Language | null {
  let text = reply.replaceAll('Test Shop', '');
  for (const echo of echoes) if (echo.trim().length > 1) text = text.replaceAll(echo.trim(), '');
  const arabic = text.match(ARABIC_LETTERS)?.length ?? 0;
  const latin = text.match(LATIN_LETTERS)?.length ?? 0;
  if (arabic === 0 && latin === 0) return null;
  return arabic > latin ? 'ar' : 'en';
}
/** Arabic script as Unicode defines it (Script_Extensions), the test's own oracle. */
const hasArabicScript = (text: string) => /\p{Script_Extensions=Arabic}|[\u0605\u06dd\u08e2]/u.test(text);

function handedOver(app: Tijaratk, phone: string): boolean {
  const row = app.database.sqlite
    .prepare('SELECT c.handoff_until AS until FROM conversations c JOIN guests g ON c.guest_id = g.id WHERE g.phone_e164 = ?')
    .get(phone) as { until: string | null } | undefined;
  return !!row?.until && row.until > '2026-03-01T10:00:00.000Z';
}

const apologies = [customerTexts.ar.apology(), customerTexts.en.apology()];
const noCrash = (errors: LogLine[], replies: string[]) => {
  expect(errors.map((e) => `${e.msg}: ${e.err?.message ?? ''}`)).toEqual([]);
  expect(replies.filter((r) => apologies.includes(r))).toEqual([]);
  expect(rejections).toEqual([]);
};

describe('fuzz', () => {
  it('answers Arabic typed in presentation forms (found by this fuzz) in Arabic', async () => {
    const { app, errors, say } = await startApp('forms');
    try {
      // "مرحبا" as PDFs and some old keyboards encode it (U+FE70-FEFF), once with a stray Latin letter.
      for (const [i, text] of ['\ufee3\ufeae\ufea3\ufe92\ufe8e', 'c\ufe7b%'].entries()) {
        const replies = await say(`+2012000000${i}`, text);
        expect(replies.map((r) => languageOf(r, [text]))).toEqual(['ar', 'ar']);
        noCrash(errors, replies);
      }
    } finally {
      await app.stop(0);
    }
  });

  it(
    'the simulator API never answers 5xx, and a refused body gets 400 with a reason',
    async () => {
      const { app, errors } = await startApp('api');
      const server: Server = app.web.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const anything = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.integer());
      // Well-formed messages (through the whole pipeline), the same with one field broken or one field too many,
      // any JSON at all, and text that is not JSON.
      const validMedia = fc.record(
        {
          mimetype: fc.constantFrom('image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'text/csv'),
          base64: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64')),
          fileName: fc.string({ unit: 'grapheme', maxLength: 20 }),
        },
        { requiredKeys: ['mimetype', 'base64'] },
      );
      const valid = fc.record(
        {
          from: fc.oneof({ weight: 9, arbitrary: e164 }, { weight: 1, arbitrary: fc.constant(SELLER) }),
          text: customerText.filter((t) => t.length <= 10_000),
          name: fc.string({ unit: 'grapheme', maxLength: 30 }),
          id: fc.stringMatching(/^[\w.:-]{1,40}$/),
          fromMe: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
          media: validMedia,
        },
        { requiredKeys: ['from', 'text'] },
      );
      const broken = fc.tuple(valid, fc.constantFrom('from', 'text', 'name', 'id', 'fromMe', 'media', 'extra'), anything).map(([body, key, value]) => ({ ...body, [key]: value }));
      const body = fc.oneof(
        { weight: 4, arbitrary: valid.map((b) => ({ raw: JSON.stringify(b), type: 'application/json' })) },
        { weight: 4, arbitrary: broken.map((b) => ({ raw: JSON.stringify(b), type: 'application/json' })) },
        { weight: 1, arbitrary: anything.map((b) => ({ raw: JSON.stringify(b), type: 'application/json' })) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }).map((raw) => ({ raw, type: 'application/json' })) },
        { weight: 1, arbitrary: fc.tuple(valid, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', '')).map(([b, type]) => ({ raw: JSON.stringify(b), type })) },
      );
      const query = fc.record({ chat: fc.oneof(e164, fc.string({ maxLength: 12 })), after: fc.oneof(fc.nat().map(String), fc.string({ maxLength: 6 })) }, { requiredKeys: [] });
      try {
        await fc.assert(
          fc.asyncProperty(body, query, async ({ raw, type }, q) => {
            const res = await fetch(`${base}/sim/messages`, { method: 'POST', headers: type ? { 'content-type': type } : {}, body: raw });
            const answer = (await res.json()) as { id?: unknown; error?: unknown };
            expect(res.status).toBeLessThan(500);
            expect([202, 400, 413, 415]).toContain(res.status);
            if (res.status === 202) expect(typeof answer.id).toBe('string');
            else expect(typeof answer.error === 'string' && answer.error.length > 0).toBe(true);
            const list = await fetch(`${base}/sim/messages?${new URLSearchParams(q as Record<string, string>)}`);
            expect([200, 400]).toContain(list.status);
            await app.outbox.drain();
            noCrash(errors, []);
          }),
          params,
        );
      } finally {
        await new Promise((resolve) => server.close(resolve));
        await app.stop(0);
      }
    },
    TIMEOUT,
  );

  it(
    'random commands from a seller number always get an answer, in the seller\'s language, and never crash',
    async () => {
      const { app, errors, say } = await startApp('seller');
      // Something to act on: two placed orders.
      for (const [i, phone] of ['+201001110001', '+201001110002'].entries()) {
        for (const text of ['Hello', '1', '1', '1', 'checkout', '1', '5 Nile Street, flat 2', 'Maadi, Cairo', '1']) await say(phone, i === 0 ? text : text);
      }
      try {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(SELLER, OTHER_SELLER), sellerText, async (seller, text) => {
            const replies = await say(seller, text);
            expect(replies.length).toBeGreaterThanOrEqual(1);
            expect(replies.every((r) => r.trim().length > 0)).toBe(true);
            const language = (app.database.sqlite.prepare('SELECT language FROM guests WHERE phone_e164 = ?').get(seller) as { language: Language | null }).language ?? 'ar';
            // Arabic replies carry Arabic words; English replies carry no Arabic but what the seller typed.
            if (language === 'ar') expect(hasArabicScript(replies[0]!)).toBe(true);
            else expect(hasArabicScript(replies[0]!.replaceAll(text.trim(), '').replace(/"[^"]*"/g, ''))).toBe(false);
            noCrash(errors, replies);
          }),
          params,
        );
      } finally {
        await app.stop(0);
      }
    },
    TIMEOUT,
  );

  it(
    'random customer text always gets an answer in the customer\'s language, and never crashes',
    async () => {
      const { app, errors, say } = await startApp('customer');
      let customers = 0;
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(customerText, { minLength: 1, maxLength: 4 }), async (texts) => {
            const phone = `+2011${String(++customers).padStart(8, '0')}`;
            // The first message sets the language: Arabic script means Arabic, Latin letters English, else the default.
            let language: Language = hasArabicScript(texts[0]!) ? 'ar' : /[a-z]/i.test(texts[0]!) ? 'en' : 'ar';
            for (const text of texts) {
              const silent = handedOver(app, phone);
              const replies = await say(phone, text);
              noCrash(errors, replies);
              if (silent) {
                // A human has the chat ("talk to the store"): the bot stays quiet by design.
                expect(replies).toEqual([]);
                continue;
              }
              expect(replies.length, `a reply to ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(1);
              // A language switch is announced, in the new language; otherwise the language holds.
              const switched = (['ar', 'en'] as const).find((l) => replies.includes(customerTexts[l].languageSet()));
              if (switched) language = switched;
              for (const reply of replies) {
                const seen = languageOf(reply, texts);
                if (seen !== null) expect(seen, `${JSON.stringify(text)} -> ${JSON.stringify(reply)}`).toBe(language);
              }
            }
          }),
          params,
        );
      } finally {
        await app.stop(0);
      }
    },
    TIMEOUT,
  );
});
