// The simulator HTTP API (DESIGN.md section 4) and the /sim chat page.
import { resolve } from 'node:path';
import express, { Router } from 'express';
import { z } from 'zod';
import { normalizePhone } from '../orders/phone.js';
import type { SimulatorTransport } from '../bot/transports/simulator.js';
import { SIM_MEDIA_MAX_BYTES } from '../bot/transports/simulator.js';
import { MessageNotRecorded } from '../bot/pipeline.js';
import { SIM_PAGE_CSS, SIM_PAGE_HTML, SIM_PAGE_JS } from './sim-assets.js';

const MAX_TEXT = 10_000;
const ALLOWED_MEDIA = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;

const phone = z.string().transform((value, ctx) => {
  const e164 = normalizePhone(value);
  if (!e164) {
    ctx.addIssue({ code: 'custom', message: 'must be a phone number in international form, like +201001234567' });
    return z.NEVER;
  }
  return e164;
});

const inboundSchema = z
  .object({
    from: phone,
    text: z.string().max(MAX_TEXT, `text must be at most ${MAX_TEXT} characters`).optional(),
    name: z.string().max(100).optional(),
    id: z.string().min(1).max(128).regex(/^[\w.:-]+$/, 'id may use letters, digits and . _ : - only').optional(),
    fromMe: z.boolean().optional(),
    media: z
      .object({
        mimetype: z.enum(ALLOWED_MEDIA, { message: `media.mimetype must be one of ${ALLOWED_MEDIA.join(', ')}` }),
        base64: z.string().min(1).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'media.base64 must be base64'),
        fileName: z.string().max(200).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((v) => (v.text !== undefined && v.text.trim() !== '') || v.media !== undefined, {
    message: 'one of text or media is required',
  });

const transcriptQuery = z.object({
  chat: phone,
  after: z.coerce.number().int().min(0).default(0),
});

const firstIssue = (error: z.ZodError) => {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const path = issue.path.join('.');
  return path && !issue.message.startsWith(path) ? `${path}: ${issue.message}` : issue.message;
};

export function createSimRoutes(deps: { transport: SimulatorTransport; sellerNumbers: readonly string[]; storeName: string }): Router {
  const router = Router();
  const json = express.json({ limit: Math.ceil(SIM_MEDIA_MAX_BYTES * 1.4) });

  router.get('/sim', (_req, res) => void res.type('html').send(SIM_PAGE_HTML));
  router.get('/sim/app.js', (_req, res) => void res.type('application/javascript').send(SIM_PAGE_JS));
  router.get('/sim/app.css', (_req, res) => void res.type('text/css').send(SIM_PAGE_CSS));
  router.get('/sim/config', (_req, res) => void res.json({ sellerNumbers: deps.sellerNumbers, storeName: deps.storeName }));

  router.post('/sim/messages', json, async (req, res) => {
    const parsed = inboundSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: firstIssue(parsed.error) });
      return;
    }
    const body = parsed.data;
    const data = body.media ? Buffer.from(body.media.base64, 'base64') : null;
    if (data && data.length > SIM_MEDIA_MAX_BYTES) {
      res.status(400).json({ error: `media must be at most ${SIM_MEDIA_MAX_BYTES} bytes` });
      return;
    }
    let result: { id: string };
    try {
      result = await deps.transport.receive({
        from: body.from,
        ...(body.text !== undefined ? { text: body.text } : {}),
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.id !== undefined ? { id: body.id } : {}),
        ...(body.fromMe !== undefined ? { fromMe: body.fromMe } : {}),
        ...(body.media && data ? { media: { mimetype: body.media.mimetype, data, ...(body.media.fileName ? { fileName: body.media.fileName } : {}) } } : {}),
      });
    } catch (err) {
      if (!(err instanceof MessageNotRecorded)) throw err;
      res.status(503).json({ error: 'the bot cannot store messages right now (see its log and /healthz); send it again later' });
      return;
    }
    res.status(202).json({ id: result.id });
  });

  router.get('/sim/messages', (req, res) => {
    const parsed = transcriptQuery.safeParse(req.query);
    if (!parsed.success) {
      res.status(400).json({ error: firstIssue(parsed.error) });
      return;
    }
    const messages = deps.transport.entries(parsed.data.chat, parsed.data.after).map((e) => ({
      seq: e.seq,
      chat: e.chat,
      direction: e.direction,
      text: e.text,
      media: e.mediaMimetype ? { mimetype: e.mediaMimetype, fileName: e.mediaFileName, url: `/sim/media/${e.seq}` } : null,
      at: e.at,
    }));
    res.json({ messages });
  });

  router.get('/sim/media/:seq', (req, res) => {
    const seq = Number(req.params.seq);
    const entry = Number.isInteger(seq) ? deps.transport.entry(seq) : undefined;
    if (!entry?.mediaPath || !entry.mediaMimetype) {
      res.status(404).json({ error: 'no such media' });
      return;
    }
    // Our own stored path (MEDIA_DIR may be relative to the working directory or absolute), never one from the request.
    res.type(entry.mediaMimetype).sendFile(resolve(entry.mediaPath));
  });

  return router;
}
