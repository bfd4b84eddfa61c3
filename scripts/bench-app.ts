// The bot the pipeline benchmarks drive: simulator transport, a fresh file database in WAL mode, enough stock for
// every checkout and no COD question (which would need the seller). Shared by `bench` and `bench:soak`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { systemClock } from '../src/clock.js';
import { parseConfig } from '../src/config.js';
import { createIdGenerator } from '../src/ids.js';
import { createTijaratk } from '../src/app.js';
import { updatePolicy } from '../src/orders/policy.js';

/** One full catalog checkout in chat, ending in a placed order. */
export const CHECKOUT = ['hi', '1', '1', '2', '1', 'Bench Customer', '12 Tahrir Street, flat 3', 'Dokki, Giza', '1'];

export async function startBenchApp() {
  const dir = mkdtempSync(join(tmpdir(), 'tijaratk-bench-'));
  const config = parseConfig({
    TRANSPORT: 'simulator',
    DATABASE_PATH: join(dir, 'bench.db'),
    SELLER_NUMBERS: '+201000000001',
    LOG_LEVEL: 'silent',
    MEDIA_DIR: join(dir, 'media'),
  });
  const app = createTijaratk({ config, logger: pino({ level: 'silent' }), clock: systemClock, ids: createIdGenerator() });
  await app.start(false);
  app.database.sqlite.prepare('UPDATE products SET stock = 1000000000').run();
  updatePolicy(app.db, { codConfirmation: 'never' }, new Date());
  const count = (sql: string) => (app.database.sqlite.prepare(sql).get() as { n: number }).n;
  return {
    app,
    sim: app.simulator!,
    count,
    async stop() {
      await app.stop(0);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
