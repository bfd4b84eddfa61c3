// Cookies and CSRF for the guest pages.
//
// Every form carries a per-page token: HMAC(secret, purpose + a random per-browser nonce kept in an
// HttpOnly, SameSite=Strict cookie). A POST must bring the token that matches its cookie, must not
// come from another site (`Sec-Fetch-Site`), and must not name a foreign `Origin`. `Origin: null` is
// accepted because Referrer-Policy: no-referrer makes browsers send exactly that on our own forms;
// the token is what makes it safe (another site can send `null` too, but cannot read our token).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

const NONCE_RE = /^[A-Za-z0-9_-]{22}$/;
const NONCE_MAX_AGE_MS = 30 * 24 * 3_600_000;

const parsed = new WeakMap<Request, Map<string, string>>();

/** The request's cookies, parsed once per request. */
export function readCookies(req: Request): Map<string, string> {
  const known = parsed.get(req);
  if (known) return known;
  const cookies = new Map<string, string>();
  parsed.set(req, cookies);
  const header = req.headers.cookie;
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    if (cookies.has(key)) continue; // the most specific path comes first
    try {
      cookies.set(key, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // a malformed cookie is no cookie
    }
  }
  return cookies;
}

export type CsrfFailure = 'origin' | 'fetch_site' | 'token';

/** The token a form carries: bound to the browser's nonce and to what the form is for. */
export function signCsrf(secret: string, nonce: string, purpose: string): string {
  return createHmac('sha256', secret).update(`csrf:${purpose}:${nonce}`).digest('base64url');
}

export function createCsrf(deps: { secret: string; publicOrigin: string; secure: boolean }) {
  const cookieName = deps.secure ? '__Host-tj_csrf' : 'tj_csrf';
  // Signatures are kept for a while: the same browser loads the same page again and again.
  const signed = new Map<string, string>();
  const sign = (nonce: string, purpose: string) => {
    const key = `${purpose}\u0000${nonce}`;
    let token = signed.get(key);
    if (token === undefined) {
      token = signCsrf(deps.secret, nonce, purpose);
      if (signed.size >= 10_000) signed.clear();
      signed.set(key, token);
    }
    return token;
  };

  function nonceOf(req: Request): string | null {
    const value = readCookies(req).get(cookieName);
    return value !== undefined && NONCE_RE.test(value) ? value : null;
  }

  return {
    cookieName,
    /** The token for a form on this page; sets the browser's nonce cookie when it has none. */
    tokenFor(req: Request, res: Response, purpose: string): string {
      // Later forms in the same response must see the same nonce.
      let nonce = (res.locals.csrfNonce as string | undefined) ?? nonceOf(req);
      if (!nonce) {
        nonce = randomBytes(16).toString('base64url');
        res.cookie(cookieName, nonce, { httpOnly: true, sameSite: 'strict', secure: deps.secure, path: '/', maxAge: NONCE_MAX_AGE_MS });
      }
      res.locals.csrfNonce = nonce;
      return sign(nonce, purpose);
    },
    /** Checks a POST: where it comes from, and that its token matches this browser and this form. */
    check(req: Request, purpose: string): { ok: true } | { ok: false; why: CsrfFailure } {
      const origin = req.get('origin');
      const site = req.get('sec-fetch-site');
      if (origin !== undefined && origin !== 'null' && origin !== deps.publicOrigin) return { ok: false, why: 'origin' };
      if (site !== undefined && site !== 'same-origin') return { ok: false, why: 'fetch_site' };
      // Every current browser sends one of the two on a POST: with neither, we cannot tell where it came from.
      if (origin === undefined && site === undefined) return { ok: false, why: 'origin' };
      const nonce = nonceOf(req);
      const given = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>).csrf : undefined;
      if (!nonce || typeof given !== 'string') return { ok: false, why: 'token' };
      const expected = Buffer.from(sign(nonce, purpose));
      const actual = Buffer.from(given);
      return expected.length === actual.length && timingSafeEqual(expected, actual) ? { ok: true } : { ok: false, why: 'token' };
    },
  };
}
export type Csrf = ReturnType<typeof createCsrf>;
