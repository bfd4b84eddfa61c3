// `npm start`: parse config once, wire everything, handle Ctrl-C and SIGTERM cleanly.
import { systemClock } from './clock.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createIdGenerator } from './ids.js';
import { createLogger } from './logger.js';
import { createTijaratk } from './app.js';
import { createOutboxRepo } from './store/outbox.js';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  let shuttingDown = false;

  // Baileys (about 37 MB) only when WhatsApp is the transport.
  const baileys = config.transport === 'baileys' ? await import('./bot/transports/baileys.js') : null;

  const app = createTijaratk({
    config,
    logger,
    clock: systemClock,
    ids: createIdGenerator(),
    ...(baileys && {
      createTransport: ({ db }) =>
        baileys.createBaileysTransport({
          db,
          logger,
          clock: systemClock,
          sessionId: 'default',
          storeName: config.storeName,
          getStoredPayload: (messageId) => createOutboxRepo(db).payloadFor(messageId),
          onFatal: (_reason, message) => {
            logger.fatal(message);
            void shutdown(2);
          },
        }),
    }),
  });

  async function shutdown(code = 0): Promise<void> {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info('shutting down');
    try {
      await app.stop();
    } catch (err) {
      logger.error({ err }, 'error while shutting down');
      code = code || 1;
    }
    process.exit(code);
  }
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());

  if (config.sellerNumbers.length === 0) {
    logger.warn('SELLER_NUMBERS is empty: nobody can run seller commands and new orders notify no one');
  }
  const port = await app.start();
  logger.info(
    { transport: config.transport, url: config.publicUrl, port },
    config.transport === 'simulator' ? `simulator ready: open http://${config.host}:${port}/sim` : 'bot started; scan the QR code if one is shown',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`Tijaratk could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
