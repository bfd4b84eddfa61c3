// npm run bench:soak [-- --seconds S] [-- --rate R]: sustained load through the real pipeline (the checkout of the
// pipeline benchmark, customers offering R messages/s between them, taking turns over 50,000 chats) for S seconds
// on a file database. Prints memory every 20 seconds: it must stay flat, and nothing may be lost at the end.
import { CHECKOUT, startBenchApp } from './bench-app.js';

const argValue = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SECONDS = Number(argValue('--seconds') ?? 120);
const RATE = Number(argValue('--rate') ?? 2_000);
if (!(SECONDS > 0) || !(RATE > 0)) {
  console.error('usage: npm run bench:soak [-- --seconds S] [-- --rate R]   (both above 0)');
  process.exit(2);
}
const CUSTOMERS = 200;
const CHATS = 50_000;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const { app, sim, count, stop } = await startBenchApp();

console.log(`${CUSTOMERS} customers offering ${RATE} messages/s between them for ${SECONDS} s, over ${CHATS} chats\n`);
console.log('| seconds | messages | RSS MB | heap used MB | replies waiting |');
console.log('|---:|---:|---:|---:|---:|');
let sent = 0;
let nextChat = 0;
const started = performance.now();
const report = setInterval(() => {
  const memory = process.memoryUsage();
  console.log(`| ${Math.round((performance.now() - started) / 1000)} | ${sent} | ${mb(memory.rss)} | ${mb(memory.heapUsed)} | ${app.outbox.pendingCount()} |`);
}, 20_000);
const gapMs = (CUSTOMERS / RATE) * 1000;
await Promise.all(
  Array.from({ length: CUSTOMERS }, async (_, customer) => {
    let turn = started + Math.random() * gapMs;
    while (performance.now() - started < SECONDS * 1000) {
      const from = `+2011${String(10_000_000 + (nextChat++ % CHATS)).padStart(8, '0')}`;
      for (const [step, text] of CHECKOUT.entries()) {
        const wait = turn - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        turn += gapMs;
        await sim.receive({ from, text, id: `S${customer}-${sent}-${step}` });
        sent++;
      }
    }
  }),
);
clearInterval(report);
await app.outbox.drain(60_000);
const processed = count("SELECT count(*) AS n FROM inbound_messages WHERE status = 'processed'");
const undelivered = count("SELECT count(*) AS n FROM outbox WHERE status != 'sent'");
const orders = count('SELECT count(*) AS n FROM orders');
const memory = process.memoryUsage();
console.log(`\n${sent} messages, ${orders} orders; lost: ${sent - processed + undelivered}; RSS at the end ${mb(memory.rss)} MB`);
await stop();
