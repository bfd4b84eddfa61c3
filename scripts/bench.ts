// npm run bench [-- --users N] [-- --rate R] [-- --json]: many simulated customers each run the full catalog
// checkout in chat, through the real pipeline, on a file-backed SQLite database (WAL), with the
// outbox delivering to the simulator. Each customer sends its next message as soon as the reply
// to the last one is committed. Also measures the floor: the same row writes in a bare
// better-sqlite3 transaction, with no bot logic. Last, latency below saturation: 100 customers (or
// --users N) pacing themselves to offer 2,000 msg/s (or --rate R) between them.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { openDatabase } from '../src/store/db.js';
import { startCheckpointer } from '../src/store/checkpointer.js';
import { initialCustomerSnapshot } from '../src/flows/customer-flow.js';
import { CHECKOUT, startBenchApp } from './bench-app.js';

const argValue = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const json = process.argv.includes('--json');
const only = argValue('--users');
const SIZES = only ? [Number(only)] : [100, 500, 2_000, 10_000];
// Latency below saturation: 100 customers offering the target rate between them (`--rate R` to choose it).
const PACED_USERS = only ? Number(only) : 100;
const OFFERED_RATE = Number(argValue('--rate') ?? 2_000);
const PACED_MESSAGES = 10_000;
if (!SIZES.every((n) => Number.isInteger(n) && n > 0) || !(OFFERED_RATE > 0)) {
  console.error('usage: npm run bench [-- --users N] [-- --rate R] [-- --json]   (N customers and R messages/s, both above 0)');
  process.exit(2);
}
const MIN_MESSAGES = 18_000;
const STEP_NAMES = ['hi (menu)', 'browse', 'product', 'quantity', 'checkout', 'name', 'address', 'area', 'confirm (order placed)'];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `offeredRate` (messages/s over all customers) paces each customer: its next message goes at its next turn, or
 * when the reply is committed if that is later. Without it, each customer sends as soon as the reply is committed.
 */
async function runPipeline(users: number, options: { offeredRate?: number; minMessages?: number } = {}) {
  const { app, sim, count, stop } = await startBenchApp();
  const latencies: number[] = [];
  // Per checkout step too: customers move in step, so one slow step (placing the order) is the whole tail.
  const byStep: number[][] = CHECKOUT.map(() => []);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

  // Small runs repeat the checkout so every size is measured over enough messages to be steady.
  const rounds = Math.max(1, Math.ceil((options.minMessages ?? MIN_MESSAGES) / (users * CHECKOUT.length)));
  // Each paced customer's gap between messages; the first message at a random point of the first gap.
  const gapMs = options.offeredRate ? (users / options.offeredRate) * 1000 : 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: users }, async (_, i) => {
      const from = `+2010${String(10_000_000 + i).padStart(8, '0')}`;
      let turn = started + Math.random() * gapMs;
      for (let round = 0; round < rounds; round++) {
        for (const [step, text] of CHECKOUT.entries()) {
          if (gapMs > 0) {
            const wait = turn - performance.now();
            if (wait > 0) await sleep(wait);
            turn += gapMs;
          }
          const sent = performance.now();
          await sim.receive({ from, text, id: `B${i}-${round}-${step}` });
          // A paced run's first checkout is its warm-up (a new database compiles its statements and fills its caches):
          // its latencies would otherwise be the whole tail.
          if (!(gapMs > 0 && round === 0)) {
            const latency = performance.now() - sent;
            latencies.push(latency);
            byStep[step]!.push(latency);
          }
        }
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  await app.outbox.drain(120_000);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const inbound = count("SELECT count(*) AS n FROM inbound_messages WHERE status = 'processed'");
  const undelivered = count("SELECT count(*) AS n FROM outbox WHERE status != 'sent'");
  const answered = count("SELECT count(DISTINCT chat) AS n FROM sim_messages WHERE direction = 'out' AND text LIKE '%#%'");
  const ordersPlaced = count('SELECT count(*) AS n FROM orders');
  await stop();

  const messages = users * rounds * CHECKOUT.length;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    users,
    ...(options.offeredRate ? { offeredRate: options.offeredRate } : {}),
    rounds,
    messages,
    msgPerSec: Math.round(messages / (elapsedMs / 1000)),
    meanMs: Math.round((sorted.reduce((sum, l) => sum + l, 0) / Math.max(1, sorted.length)) * 100) / 100,
    p50Ms: Math.round(percentile(sorted, 50) * 100) / 100,
    p99Ms: Math.round(percentile(sorted, 99) * 100) / 100,
    medianByStepMs: byStep.map((l) => Math.round(percentile(l.sort((a, b) => a - b), 50) * 10) / 10),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
    // Nothing lost: every message processed, every reply delivered, every checkout ended in an order.
    lost: messages - inbound + undelivered + (users * rounds - ordersPlaced),
    ordersPlaced,
    customersWithOrderNumber: answered,
  };
}

/** A conversation mid-checkout and a reply, of the sizes the bot writes (about 470 bytes and 140 characters). */
const FLOOR_SNAPSHOT = (() => {
  const start = initialCustomerSnapshot('en');
  const context = { ...start.context, cart: [{ productId: 1, quantity: 2 }], selectedProductId: 1, name: 'Bench Customer', address: '12 Tahrir Street, flat 3' };
  return JSON.stringify({ value: 'checkoutArea', context });
})();
const FLOOR_REPLY = 'Added 2 × Natural honey 1 kg. Subtotal: EGP 500.\n\n1. Checkout\n2. Keep shopping\n3. Change quantities\n4. Remove a product\n0. Main menu';

/** The same row writes per message (inbound row, snapshot upsert, one outbox row), bare. */
async function runFloor(messages: number) {
  const dir = mkdtempSync(join(tmpdir(), 'tijaratk-floor-'));
  const { sqlite, close } = openDatabase(join(dir, 'floor.db'));
  // The same database set-up as the bot, background checkpoints included.
  const checkpointer = startCheckpointer(sqlite, { logger: pino({ level: 'silent' }) });
  const inbound = sqlite.prepare(
    "INSERT INTO inbound_messages (transport, message_id, chat_address, from_me, kind, route, status, received_at) VALUES ('simulator', ?, ?, 0, 'text', 'customer', 'processed', ?)",
  );
  const snapshot = sqlite.prepare(
    `INSERT INTO conversations (chat_key, machine_id, machine_version, snapshot, revision, updated_at) VALUES (?, 'customer', 1, ?, 1, ?)
     ON CONFLICT(chat_key) DO UPDATE SET snapshot = excluded.snapshot, revision = revision + 1, updated_at = excluded.updated_at`,
  );
  const outbox = sqlite.prepare(
    "INSERT INTO outbox (message_id, address, kind, text, status, next_attempt_at, created_at) VALUES (?, ?, 'text', ?, 'pending', ?, ?)",
  );
  const write = sqlite.transaction((i: number) => {
    const at = new Date().toISOString();
    const chat = `+2010${String(10_000_000 + (i % 1000)).padStart(8, '0')}`;
    inbound.run(`F${i}`, chat, at);
    snapshot.run(`guest:${i % 1000}`, FLOOR_SNAPSHOT, at);
    outbox.run(`O${i}`, chat, FLOOR_REPLY, at, at);
  });
  const started = performance.now();
  for (let i = 0; i < messages; i++) write(i);
  const elapsedMs = performance.now() - started;
  await checkpointer?.stop();
  close();
  rmSync(dir, { recursive: true, force: true });
  return { messages, msgPerSec: Math.round(messages / (elapsedMs / 1000)) };
}

const floor = await runFloor(50_000);
if (json) console.log(JSON.stringify({ floor }));
else {
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log(`Floor (bare transaction, same row writes): ${floor.msgPerSec} msg/s\n`);
  // customers ÷ rate: the mean wait a closed loop must have at that rate (Little's law), whatever the bot does.
  console.log('| customers | messages | msg/s | mean ms | customers ÷ rate ms | p50 ms | p99 ms | peak RSS MB | % of floor | lost |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
}
// Warm-up (JIT, caches), not reported: the table is the steady state of a running bot.
await runPipeline(500);
const stepLines: string[] = [];
for (const users of SIZES) {
  const result = await runPipeline(users);
  stepLines.push(`| ${users} | ${result.medianByStepMs.join(' | ')} |`);
  const ratio = Math.round((result.msgPerSec / floor.msgPerSec) * 100);
  if (json) console.log(JSON.stringify({ ...result, floorRatio: ratio / 100 }));
  else {
    const littleMs = Math.round((users / result.msgPerSec) * 100_000) / 100;
    console.log(`| ${users} | ${result.messages} | ${result.msgPerSec} | ${result.meanMs} | ${littleMs} | ${result.p50Ms} | ${result.p99Ms} | ${result.peakRssMb} | ${ratio}% | ${result.lost} |`);
  }
}

if (!json) {
  console.log('\nMedian latency (ms) by checkout step\n');
  console.log(`| customers | ${STEP_NAMES.join(' | ')} |`);
  console.log(`|---:|${CHECKOUT.map(() => '---:').join('|')}|`);
  for (const line of stepLines) console.log(line);
}

const paced = await runPipeline(PACED_USERS, { offeredRate: OFFERED_RATE, minMessages: PACED_MESSAGES });
if (json) console.log(JSON.stringify(paced));
else {
  console.log(`\nBelow saturation: ${PACED_USERS} customers offering ${OFFERED_RATE} msg/s between them\n`);
  console.log('| customers | offered msg/s | messages | msg/s | p50 ms | p99 ms | lost |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  console.log(`| ${PACED_USERS} | ${OFFERED_RATE} | ${paced.messages} | ${paced.msgPerSec} | ${paced.p50Ms} | ${paced.p99Ms} | ${paced.lost} |`);
}
