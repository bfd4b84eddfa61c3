// `npm run bench:web [-- --json] [--seconds N] [--rounds N] [--connections N]`
//
// How fast the order page is served, next to a bare Express handler measured in the same run.
// A child process serves both on loopback (the real web app on a temporary SQLite file with a real
// order, link and cookie); this process drives them over keep-alive connections with a lean raw-socket
// client, the bare handler and the order page in turns (medians reported). Bounded: each phase runs a fixed time, the child
// dies with this process (and by itself after 3 minutes), the temporary database is removed.
// With --json the last line is {"pageRps", "bareRps", "ratio", "p99Ms"}.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

interface Ready {
  barePort: number;
  pagePort: number;
  path: string;
  cookie: string;
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

// ---------------------------------------------------------------------------------------------
// The server side (child process)

async function serve(): Promise<void> {
  const express = (await import('express')).default;
  const { pino } = await import('pino');
  const { systemClock } = await import('../src/clock.js');
  const { createIdGenerator } = await import('../src/ids.js');
  const { openDatabase } = await import('../src/store/db.js');
  const { seedDemoCatalog } = await import('../src/orders/demo-catalog.js');
  const { placeCatalogOrder } = await import('../src/orders/place-order.js');
  const { issueOrderLink } = await import('../src/orders/links.js');
  const { changeOrderStatus } = await import('../src/orders/change-status.js');
  const { createGuestsRepo } = await import('../src/store/guests.js');
  const { createProductsRepo } = await import('../src/store/products.js');
  const { createWebApp } = await import('../src/web/app.js');

  const dir = mkdtempSync(join(tmpdir(), 'tijaratk-bench-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  process.on('exit', cleanup);
  // Dies with its parent, and in any case after three minutes.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
  setTimeout(() => process.exit(0), 180_000).unref();

  const database = openDatabase(join(dir, 'bench.db'));
  const { db } = database;
  const ids = createIdGenerator();
  const now = systemClock.now();
  seedDemoCatalog(db, 'EGP', now);
  const secret = 'bench-link-secret-0123456789abcdefghijklmnop';
  const publicUrl = 'http://127.0.0.1';
  const path = db.transaction((tx) => {
    const guest = createGuestsRepo(tx).recordSender({ phone: '+201001234567', lid: null, chatAddress: '+201001234567', pushName: 'Mona', at: now });
    const products = createProductsRepo(tx);
    const order = placeCatalogOrder(tx, {
      guestId: guest.id,
      customerPhone: '+201001234567',
      lines: [
        { productId: products.bySku('HONEY-1KG')!.id, quantity: 2 },
        { productId: products.bySku('DATES-500')!.id, quantity: 3 },
        { productId: products.bySku('OLIVE-OIL')!.id, quantity: 1 },
      ],
      name: 'Mona Adel',
      addressLine: '12 Tahrir St, building 5, floor 3',
      area: 'Dokki, Giza',
      currency: 'EGP',
      shippingMinor: 3_000,
      language: 'en',
      channel: 'whatsapp',
      publicId: ids.publicId(),
      pendingTtlMs: 48 * 3_600_000,
      now,
    });
    changeOrderStatus(tx, { orderNumber: order.number, to: 'confirmed', actor: { type: 'seller', id: '+201000000001' }, patch: { confirmedAt: now.toISOString() }, now });
    const url = issueOrderLink(tx, { secret, publicUrl, newToken: ids.token }, { orderId: order.id, guestId: guest.id, scope: 'update', ttlMs: 24 * 3_600_000, now });
    return url.slice(publicUrl.length);
  });

  const web = createWebApp({
    db,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    linkSecret: secret,
    publicUrl,
    trustProxy: 'false',
    storeName: 'Bench Shop',
    sellerNumbers: ['+201000000001'],
    defaultLanguage: 'ar',
    linkTtlMs: 24 * 3_600_000,
    ids,
    transport: { addressForPhone: (p) => p },
    kickOutbox: () => undefined,
    // One client hammers the page: lift the per-client allowance (the guard itself still runs).
    limits: { requestsPerMinute: Number.MAX_SAFE_INTEGER },
  });
  const bare = express();
  bare.get('/', (_req, res) => void res.send('ok'));

  const listen = (app: ReturnType<typeof express>) =>
    new Promise<number>((resolve) => {
      const server = app.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  const pagePort = await listen(web);
  const barePort = await listen(bare);

  // Open the link like a browser: the neutral page, then its button; keep the cookies.
  const landing = await fetch(`http://127.0.0.1:${pagePort}${path}`);
  const nonce = landing.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
  const csrf = /name="csrf" value="([^"]+)"/.exec(await landing.text())![1]!;
  const exchange = await fetch(`http://127.0.0.1:${pagePort}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null', 'sec-fetch-site': 'same-origin', cookie: nonce },
    body: new URLSearchParams({ csrf }).toString(),
  });
  const orderPath = exchange.headers.get('location');
  if (exchange.status !== 303 || !orderPath) throw new Error(`the link exchange answered ${exchange.status}`);
  const cookie = [nonce, ...exchange.headers.getSetCookie().map((c) => c.split(';')[0]!)].join('; ');
  const ready: Ready = { barePort, pagePort, path: orderPath, cookie };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}

// ---------------------------------------------------------------------------------------------
// The load side (this process)

interface Result {
  rps: number;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
}

/** `connections` keep-alive sockets, each sending the next request when the last answer is complete. */
async function load(port: number, path: string, cookie: string, connections: number, seconds: number): Promise<Result> {
  const request = Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${cookie ? `Cookie: ${cookie}\r\n` : ''}Connection: keep-alive\r\n\r\n`, 'latin1');
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;

  const one = () =>
    new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.setNoDelay(true);
      let pending: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      const next = () => {
        if (performance.now() >= deadline) {
          socket.end();
          resolve();
          return;
        }
        sentAt = performance.now();
        socket.write(request);
      };
      socket.on('connect', next);
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        for (;;) {
          const end = pending.indexOf('\r\n\r\n');
          if (end < 0) return;
          const head = pending.subarray(0, end).toString('latin1');
          const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
          if (pending.length < end + 4 + length) return;
          if (head.slice(9, 12) !== '200') errors++;
          latencies.push(performance.now() - sentAt);
          pending = pending.subarray(end + 4 + length);
          next();
        }
      });
      socket.on('error', () => {
        errors++;
        resolve();
      });
      socket.on('close', () => resolve());
    });

  await Promise.all(Array.from({ length: connections }, one));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rps: latencies.length / elapsed, requests: latencies.length, errors, p50: at(0.5), p99: at(0.99) };
}

async function main(): Promise<void> {
  const json = flag('json');
  const seconds = option('seconds', 3);
  const rounds = Math.round(option('rounds', 3));
  const connections = option('connections', 50);
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const kill = () => child.kill('SIGKILL');
  process.on('exit', kill);
  const ready = await new Promise<Ready>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(JSON.parse(line) as Ready));
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code})`)));
    setTimeout(() => reject(new Error('the bench server did not start in 60 s')), 60_000).unref();
  });

  const say = (text: string) => {
    if (!json) process.stdout.write(`${text}\n`);
  };
  say(`Warming up (${connections} connections)...`);
  await load(ready.barePort, '/', '', connections, 1);
  await load(ready.pagePort, ready.path, ready.cookie, connections, 1);
  // Interleaved rounds, the median of each: a busy neighbour on the machine slows both alike.
  say(`Measuring ${rounds} rounds of ${seconds} s each, bare handler then order page, on loopback...`);
  const bares: Result[] = [];
  const pages: Result[] = [];
  for (let i = 0; i < rounds; i++) {
    bares.push(await load(ready.barePort, '/', '', connections, seconds));
    pages.push(await load(ready.pagePort, ready.path, ready.cookie, connections, seconds));
    say(`  round ${i + 1}: bare ${Math.round(bares[i]!.rps)} req/s, page ${Math.round(pages[i]!.rps)} req/s (p99 ${pages[i]!.p99.toFixed(2)} ms)`);
  }
  child.stdin!.end();
  kill();
  const median = (results: Result[]): Result => results.slice().sort((a, b) => a.rps - b.rps)[Math.floor(results.length / 2)]!;
  const bare = median(bares);
  const page = median(pages);

  const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
  const summary = { pageRps: Math.round(page.rps), bareRps: Math.round(bare.rps), ratio: round(page.rps / bare.rps), p99Ms: round(page.p99) };
  say('');
  say('target            req/s    p50 ms   p99 ms   errors');
  say(`bare Express  ${String(Math.round(bare.rps)).padStart(11)} ${round(bare.p50).toFixed(2).padStart(9)} ${round(bare.p99).toFixed(2).padStart(8)} ${String(bare.errors).padStart(8)}`);
  say(`order page    ${String(Math.round(page.rps)).padStart(11)} ${round(page.p50).toFixed(2).padStart(9)} ${round(page.p99).toFixed(2).padStart(8)} ${String(page.errors).padStart(8)}`);
  say('');
  say(`ratio ${summary.ratio} (goal >= 0.5), order page p99 ${summary.p99Ms} ms (goal < 20 ms)`);
  if ([...bares, ...pages].some((r) => r.errors > 0)) say('warning: some answers were not 200');
  if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exit(0);
}

if (flag('serve')) {
  serve().catch((err: unknown) => {
    process.stderr.write(`bench server failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
