// Builds the whole bot on the simulator transport with a manual clock, for conversation tests.
import { pino } from 'pino';
import { createManualClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { createIdGenerator } from '../../src/ids.js';
import { createTijaratk } from '../../src/app.js';

export const CUSTOMER = '+201001234567';
export const OTHER_CUSTOMER = '+201112223334';
/** A 1x1 transparent PNG. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
export const SELLER = '+201000000001';

/** Money is formatted with no-break spaces; tests compare with ordinary ones. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

export interface HarnessOptions {
  databasePath?: string;
  env?: Record<string, string>;
  clockStart?: string;
}

export async function startHarness(options: HarnessOptions = {}) {
  const clock = createManualClock(options.clockStart ?? '2026-03-01T10:00:00.000Z');
  const config = parseConfig({
    TRANSPORT: 'simulator',
    DATABASE_PATH: options.databasePath ?? ':memory:',
    SELLER_NUMBERS: SELLER,
    STORE_NAME: 'Test Shop',
    PUBLIC_URL: 'http://127.0.0.1:3999',
    PORT: '0',
    MEDIA_DIR: 'data/test-media',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const app = createTijaratk({ config, logger: pino({ level: 'silent' }), clock, ids: createIdGenerator() });
  await app.start(false);
  const sim = app.simulator!;
  let counter = 0;

  /** Sends one message and waits until every reply it caused is delivered. */
  async function say(from: string, text: string, extra: { id?: string; name?: string; fromMe?: boolean } = {}) {
    const result = await sim.receive({ from, text, id: extra.id ?? `T${++counter}-${Date.now()}`, ...(extra.name ? { name: extra.name } : {}), ...(extra.fromMe ? { fromMe: true } : {}) });
    await app.outbox.drain();
    return result;
  }

  /** Sends a picture (a tiny valid PNG unless given) and waits for the replies. */
  async function sendImage(from: string, caption?: string, data: Buffer = TINY_PNG, mimetype = 'image/png') {
    await sim.receive({ from, id: `I${++counter}-${Date.now()}`, media: { mimetype, data, fileName: 'photo.png' }, ...(caption ? { text: caption } : {}) });
    await app.outbox.drain();
    return lastReplies(from).join('\n---\n');
  }

  /** Puts an order straight into a status (what seller commands would do), for customer-side tests. */
  function setOrderStatus(number: number, status: string, extra: Record<string, unknown> = {}) {
    app.database.sqlite.prepare(`UPDATE orders SET status = ?, delivered_at = ?, updated_at = ? WHERE number = ?`).run(status, extra.deliveredAt ?? clock.now().toISOString(), clock.now().toISOString(), number);
  }

  const transcript = (chat: string) => sim.entries(chat, 0);
  const outbound = (chat: string) => transcript(chat).filter((e) => e.direction === 'out').map((e) => plain(e.text));

  /** The replies sent to `chat` by the last message (everything after its last inbound entry). */
  function lastReplies(chat: string): string[] {
    const entries = transcript(chat);
    let i = entries.length - 1;
    while (i >= 0 && entries[i]!.direction === 'out') i--;
    return entries.slice(i + 1).map((e) => plain(e.text));
  }

  /** Sends and returns the replies it caused, joined. */
  async function ask(from: string, text: string, extra: { id?: string; name?: string } = {}) {
    await say(from, text, extra);
    return lastReplies(from).join('\n---\n');
  }

  return { app, clock, config, sim, say, ask, sendImage, setOrderStatus, transcript, outbound, lastReplies, stop: () => app.stop(0) };
}
export type Harness = Awaited<ReturnType<typeof startHarness>>;
