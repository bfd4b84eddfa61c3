// The Express app: order links and pages, the OTP look-up, and the simulator when it runs. No listen here.
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { HealthReport } from '../bot/health.js';
import type { SimulatorTransport } from '../bot/transports/simulator.js';
import { renderError } from './access-pages.js';
import { createGuestContext, type GuestWebDeps } from './guest-context.js';
import { SITE_CSS } from './html.js';
import { createOrderRoutes } from './order-routes.js';
import { createOtpRoutes } from './otp-routes.js';
import { createSimRoutes } from './sim-routes.js';

export interface WebAppDeps extends GuestWebDeps {
  trustProxy: string;
  simulator?: SimulatorTransport;
  /** What /healthz reports; without it, /healthz only says the web server answers. */
  health?: { check(): HealthReport };
}

/** `false`, a hop count, or addresses/subnets (Express names like `loopback` included). `true` is honoured but warned about. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

const ERROR_TEXT: Record<number, { ar: string; en: string }> = {
  400: { ar: 'تعذر قراءة هذا الطلب.', en: 'We could not read this request.' },
  404: { ar: 'هذه الصفحة غير موجودة.', en: 'This page does not exist.' },
  413: { ar: 'النموذج أكبر من المسموح. اختصر النص وحاول مرة أخرى.', en: 'The form is too large. Please shorten the text and try again.' },
  415: { ar: 'نوع المحتوى غير مقبول.', en: 'This kind of content is not accepted.' },
  500: { ar: 'حدث خطأ من جهتنا. حاول مرة أخرى بعد قليل.', en: 'Something went wrong on our side. Please try again in a moment.' },
};

export function createWebApp(deps: WebAppDeps) {
  const app = express();
  app.disable('x-powered-by');
  // Guest pages are no-store and personal: an ETag would only cost a hash of every page.
  app.set('etag', false);
  app.set('trust proxy', trustProxySetting(deps.trustProxy));
  if (deps.trustProxy === 'true') {
    deps.logger.warn('TRUST_PROXY=true trusts any X-Forwarded-For, so clients can pick their own address; set the hop count or the proxy address instead');
  }
  // One helmet per request: the strict policy (no script at all) everywhere but the simulator's
  // chat page, which runs its own script and polls its API.
  const common = { referrerPolicy: { policy: 'no-referrer' as const }, crossOriginEmbedderPolicy: false };
  const strict = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
  });
  const simulator = helmet({
    ...common,
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
        objectSrc: ["'none'"],
      },
    },
  });
  app.use((req, res, next) => (req.path === '/sim' || req.path.startsWith('/sim/') ? simulator : strict)(req, res, next));

  // For a process supervisor: 503 when the database fails or the transport stayed down too long (see bot/health.ts).
  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!deps.health) return void res.json({ ok: true });
    const report = deps.health.check();
    res.status(report.status === 'down' ? 503 : 200).json({ ok: report.status !== 'down', ...report });
  });
  app.get('/assets/site.css', (_req, res) => void res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(SITE_CSS));
  const guests = createGuestContext(deps);
  app.use(createOrderRoutes(guests));
  app.use(createOtpRoutes(guests));
  if (deps.simulator) app.use(createSimRoutes({ transport: deps.simulator, sellerNumbers: deps.sellerNumbers, storeName: deps.storeName }));

  app.use((req: Request, res: Response) => {
    if (req.path.startsWith('/sim/')) res.status(404).json({ error: 'not found' });
    else res.status(404).set('Cache-Control', 'no-store').type('html').send(renderError(ERROR_TEXT[404]!));
  });

  // The final boundary: a clear status and a short reason, never a stack trace, a path or a query.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const raw = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    const status = raw >= 400 && raw < 600 ? raw : 500;
    const clientError = status < 500;
    if (!clientError) deps.logger.error({ err, path: req.path.startsWith('/l/') ? '/l/*' : req.path }, 'request failed');
    else deps.logger.info({ status, type: typeof err === 'object' && err !== null && 'type' in err ? String(err.type) : undefined }, 'request refused');
    if (res.headersSent) return;
    res.set('Cache-Control', 'no-store');
    if (req.path.startsWith('/sim/')) {
      const message = clientError ? (status === 413 ? 'request body too large' : err instanceof SyntaxError ? 'body must be valid JSON' : 'bad request') : 'internal error';
      res.status(status).json({ error: message });
      return;
    }
    const text = ERROR_TEXT[status] ?? (clientError ? ERROR_TEXT[400]! : ERROR_TEXT[500]!);
    res.status(status).type('html').send(renderError(text));
  });
  return app;
}
