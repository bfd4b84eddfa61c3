// The composition root shared by `npm start` and the tests: store, transport, bot, outbox, web.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { IdGenerator } from './ids.js';
import type { Logger } from './logger.js';
import { createBot } from './bot/pipeline.js';
import { createScheduler } from './bot/scheduler.js';
import { createHealthCheck, type HealthOptions } from './bot/health.js';
import { createOutboxSender, type OutboxSenderOptions } from './bot/outbox-sender.js';
import type { Transport } from './bot/transport.js';
import { createSimulatorTransport, type SimulatorTransport } from './bot/transports/simulator.js';
import { openDatabase, type DatabaseHandle } from './store/db.js';
import { createGroupCommit } from './store/group-commit.js';
import { startCheckpointer, type Checkpointer } from './store/checkpointer.js';
import { takeInstanceLease, type InstanceLease } from './store/instance-lease.js';
import { seedDemoCatalog } from './orders/demo-catalog.js';
import { createSettingsRepo } from './store/settings.js';
import { createWebApp } from './web/app.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  ids: IdGenerator;
  /** Builds the WhatsApp transport (Baileys in production); the simulator is built here. */
  createTransport?: (database: DatabaseHandle) => Transport;
  outboxOptions?: OutboxSenderOptions;
  /** Thresholds of GET /healthz. */
  healthOptions?: HealthOptions;
}

/** The database, or a start-up error that names the setting to fix (a folder, an unwritable place, another file). */
function openDatabaseNamed(path: string): DatabaseHandle {
  try {
    return openDatabase(path);
  } catch (err) {
    throw new Error(`DATABASE_PATH ${path} cannot be used: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Received photos and exports are written here: found out at start, not at a customer's first photo. */
function checkMediaDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw new Error(`MEDIA_DIR ${dir} cannot be written: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function createTijaratk(deps: AppDeps) {
  const { config, logger, clock, ids } = deps;
  const database = openDatabaseNamed(config.databasePath);
  const { db } = database;
  const commits = createGroupCommit(db);
  let checkpointer: Checkpointer | null = null;
  let lease: InstanceLease | null = null;
  const linkSecret =
    config.linkSecret ?? createSettingsRepo(db).getOrInit('link_secret', () => randomBytes(32).toString('base64url'), clock.now());

  let simulator: SimulatorTransport | undefined;
  let transport: Transport;
  if (config.transport === 'simulator') {
    simulator = createSimulatorTransport({ db, clock, ids, mediaDir: config.mediaDir });
    transport = simulator;
  } else {
    if (!deps.createTransport) throw new Error('the baileys transport needs createTransport');
    transport = deps.createTransport(database);
  }

  const outbox = createOutboxSender(
    {
      db,
      commits,
      transport,
      clock,
      logger: logger.child({ part: 'outbox' }),
      sellers: { numbers: config.sellerNumbers, defaultLanguage: config.defaultLanguage, ids },
    },
    deps.outboxOptions,
  );
  const health = createHealthCheck(
    { db, transport, clock, storageFailure: commits.storageFailure, ...(database.sqlite.memory ? {} : { databaseFile: database.sqlite.name }) },
    deps.healthOptions,
  );
  const bot = createBot({ db, commits, transport, outbox, config, logger: logger.child({ part: 'bot' }), clock, ids, linkSecret });
  const scheduler = createScheduler({
    db,
    clock,
    logger: logger.child({ part: 'scheduler' }),
    outbox,
    systemContext: bot.systemContext,
    config,
    intervalMs: config.sweepIntervalMs,
  });
  const web = createWebApp({
    db,
    clock,
    logger: logger.child({ part: 'web' }),
    linkSecret,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    storeName: config.storeName,
    sellerNumbers: config.sellerNumbers,
    defaultLanguage: config.defaultLanguage,
    linkTtlMs: config.ttl.link,
    ids,
    transport,
    kickOutbox: () => outbox.kick(),
    health,
    ...(simulator ? { simulator } : {}),
  });
  let server: Server | null = null;

  return {
    database,
    db,
    commits,
    bot,
    outbox,
    transport,
    simulator,
    scheduler,
    web,
    health,
    /** Seeds the demo catalog (simulator only), starts the transport and listens. Returns the bound port. */
    async start(listen = true): Promise<number> {
      checkMediaDir(config.mediaDir);
      if (!database.sqlite.memory) lease ??= takeInstanceLease(db, clock, `DATABASE_PATH ${config.databasePath}`);
      if (simulator) {
        const added = seedDemoCatalog(db, config.currency, clock.now());
        if (added > 0) logger.info({ products: added }, 'demo catalog seeded');
      }
      checkpointer ??= startCheckpointer(database.sqlite, { logger: logger.child({ part: 'checkpointer' }) });
      await transport.start((message) => bot.handle(message));
      outbox.kick();
      scheduler.start();
      if (!listen) return 0;
      return new Promise<number>((resolve, reject) => {
        // Express 5 hands a listen error (port taken, an address this machine does not have) to this callback.
        const s = web.listen(config.port, config.host, (err?: Error) => {
          if (err) {
            reject(new Error(`PORT ${config.port} on HOST ${config.host} cannot be used: ${err.message}`));
            return;
          }
          const address = s.address();
          resolve(typeof address === 'object' && address ? address.port : config.port);
        });
        server = s;
      });
    },
    /** Stops taking messages, gives the outbox a moment to deliver, keeps the rest for next start, closes the database. */
    async stop(drainMs = 3_000): Promise<void> {
      const closing = server ? new Promise<void>((resolve) => server!.close(() => resolve())) : Promise.resolve();
      server?.closeAllConnections?.();
      scheduler.stop();
      await outbox.drain(drainMs).catch(() => undefined);
      await outbox.stop();
      await transport.stop();
      await closing;
      await commits.flush();
      const left = outbox.pendingCount();
      if (left > 0) logger.info({ pending: left }, 'undelivered messages kept for the next start');
      lease?.release();
      await checkpointer?.stop();
      database.close();
    },
  };
}
export type Tijaratk = ReturnType<typeof createTijaratk>;
