// How fast the whole WhatsApp number may send. WhatsApp publishes no limits, and numbers get restricted after
// bursts (research, whatsapp-bots.md section 4.12): after an outage or a restart the outbox can hold hundreds of
// replies, and sending them all at once is the pattern to avoid. A token bucket caps the sustained rate and the
// burst; after each connection the rate starts at a tenth and climbs to the full rate over the ramp (the same idea
// as baileys-antiban's post-reconnect throttle). The per-chat pace (Transport.perChatPaceMs) still applies on top.

export interface SendRate {
  /** Messages per second once the ramp is over. */
  perSecond: number;
  /** Most messages that may go at once after a quiet spell. */
  burst: number;
  /** How long after a connection the rate takes to climb from a tenth to the full rate. */
  rampMs: number;
}

const RAMP_START = 0.1;

export interface SendBudget {
  /** The transport has (re)connected at `nowMs`: the ramp starts again, with a tenth of the burst. */
  connected(nowMs: number): void;
  /** Takes one message's allowance: 0 when it may go now, else how many milliseconds until it may. */
  take(nowMs: number): number;
}

export function createSendBudget(rate: SendRate): SendBudget {
  let connectedAt = -Infinity;
  let tokens = rate.burst;
  let updatedAt = -Infinity;

  /** The share of the full rate and burst allowed at `nowMs`. */
  const share = (nowMs: number) => (rate.rampMs <= 0 ? 1 : Math.min(1, RAMP_START + ((1 - RAMP_START) * (nowMs - connectedAt)) / rate.rampMs));

  function refill(nowMs: number): number {
    const factor = share(nowMs);
    if (updatedAt !== -Infinity && nowMs > updatedAt) tokens += ((nowMs - updatedAt) / 1000) * rate.perSecond * factor;
    updatedAt = Math.max(updatedAt, nowMs);
    tokens = Math.min(tokens, Math.max(1, rate.burst * factor));
    return factor;
  }

  return {
    connected(nowMs) {
      connectedAt = nowMs;
      updatedAt = nowMs;
      tokens = Math.max(1, rate.burst * share(nowMs));
    },
    take(nowMs) {
      const factor = refill(nowMs);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.ceil(((1 - tokens) / (rate.perSecond * factor)) * 1000);
    },
  };
}
