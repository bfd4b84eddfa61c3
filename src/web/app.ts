// The Express app: order links and pages, and the simulator when it runs. No listen here.
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { SimulatorTransport } from '../bot/transports/simulator.js';
import type { Db } from '../store/db.js';
import { SITE_CSS } from './html.js';
import { createOrderRoutes } from './order-routes.js';
import { createSimRoutes } from './sim-routes.js';

export interface WebAppDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  linkSecret: string;
  publicUrl: string;
  trustProxy: string;
  storeName: string;
  sellerNumbers: readonly string[];
  simulator?: SimulatorTransport;
}

function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export function createWebApp(deps: WebAppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxySetting(deps.trustProxy));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.get('/healthz', (_req, res) => void res.json({ ok: true }));
  app.get('/assets/site.css', (_req, res) => void res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(SITE_CSS));
  app.use(createOrderRoutes(deps));
  if (deps.simulator) app.use(createSimRoutes({ transport: deps.simulator, sellerNumbers: deps.sellerNumbers, storeName: deps.storeName }));

  app.use((req: Request, res: Response) => {
    if (req.path.startsWith('/sim/')) res.status(404).json({ error: 'not found' });
    else res.status(404).type('text').send('Not found');
  });

  // The final boundary: a clear status, never a stack trace.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    const clientError = status >= 400 && status < 500;
    if (!clientError) deps.logger.error({ err, path: req.path }, 'request failed');
    const message = clientError
      ? status === 413
        ? 'request body too large'
        : err instanceof SyntaxError
          ? 'body must be valid JSON'
          : 'bad request'
      : 'internal error';
    if (res.headersSent) return;
    if (req.path.startsWith('/sim/')) res.status(status).json({ error: message });
    else res.status(status).type('text').send(message);
  });
  return app;
}
