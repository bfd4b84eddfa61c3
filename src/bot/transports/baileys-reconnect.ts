// What to do when a Baileys socket closes (research guide 4.4), and how long to wait before trying again.
import { DisconnectReason } from '@whiskeysockets/baileys';

export type CloseAction =
  /** 515 after pairing: expected, reconnect at once. */
  | 'restart'
  /** 401: the phone unlinked us; wipe the session and show a new QR. */
  | 'relink'
  /** 440: another instance uses the same session; reconnecting would fight it forever. */
  | 'replaced'
  /** 403: banned or blocked; keep the session rows for the operator. */
  | 'forbidden'
  /** 405: our WA Web version is stale; resolve it again, then back off. */
  | 'refresh-version'
  /** Anything else (408, 411, 428, 500, 503, network errors): back off and retry. Never wipe on 500. */
  | 'retry';

export function closeAction(statusCode: number | undefined): CloseAction {
  switch (statusCode) {
    case DisconnectReason.restartRequired:
      return 'restart';
    case DisconnectReason.loggedOut:
      return 'relink';
    case DisconnectReason.connectionReplaced:
      return 'replaced';
    case DisconnectReason.forbidden:
      return 'forbidden';
    case 405:
      return 'refresh-version';
    default:
      return 'retry';
  }
}

export const BACKOFF_MIN_MS = 1_000;
export const BACKOFF_MAX_MS = 60_000;
/** A connection that stayed open this long starts the backoff from scratch on its next failure. */
export const HEALTHY_AFTER_MS = 5 * 60_000;

/** Capped exponential backoff with jitter: attempt 0 waits 1 s, the cap is 60 s, each delay lands in [cap/2, cap]. */
export function backoffMs(attempt: number, random: () => number): number {
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.max(0, attempt));
  return Math.max(BACKOFF_MIN_MS, Math.round(cap * (0.5 + random() * 0.5)));
}

/** The status code Baileys attaches to a close (a Boom's `output.statusCode`), if any. */
export function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('output' in error)) return undefined;
  const output: unknown = error.output;
  if (typeof output !== 'object' || output === null || !('statusCode' in output)) return undefined;
  return typeof output.statusCode === 'number' ? output.statusCode : undefined;
}
