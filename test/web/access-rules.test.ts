// The rules behind the guest pages, without HTTP: link scope and lifecycle (a fast-check model),
// session cookies, networks, request ids, what the policy allows, and the abuse guard's windows.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import { createIdGenerator } from '../../src/ids.js';
import { cancellationOption, parseCustomerRequestId, returnOption } from '../../src/orders/customer-requests.js';
import { checkLink, hashToken, issueOrderLinkRow, linkScopeFor, networkOf, signSession, verifySession } from '../../src/orders/links.js';
import { storePolicySchema } from '../../src/orders/policy.js';
import { quoteUserText } from '../../src/flows/request-texts.js';
import { openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { createLinkTokensRepo } from '../../src/store/link-tokens.js';
import { createGuard, DEFAULT_LIMITS } from '../../src/web/guard.js';

const policy = (over: Partial<ReturnType<typeof storePolicySchema.parse>> = {}) => ({ ...storePolicySchema.parse({}), ...over });

describe('link scope', () => {
  it('is update only for a verified, unblocked guest', () => {
    expect(linkScopeFor({ verifiedAt: '2026-01-01T00:00:00.000Z' })).toBe('update');
    expect(linkScopeFor({ verifiedAt: null })).toBe('view');
    expect(linkScopeFor({ verifiedAt: '2026-01-01T00:00:00.000Z', blockedAt: '2026-01-02T00:00:00.000Z' })).toBe('view');
    expect(linkScopeFor(undefined)).toBe('view');
  });
});

describe('the link lifecycle (model-based)', () => {
  let database: DatabaseHandle;
  beforeEach(() => {
    database = openDatabase(':memory:');
    const stamp = '2026-01-01T00:00:00.000Z';
    database.sqlite.prepare('INSERT INTO guests (phone_e164, verified_at, created_at, updated_at) VALUES (?, ?, ?, ?)').run('+201001234567', stamp, stamp, stamp);
    for (const n of [1, 2])
      database.sqlite
        .prepare(
          "INSERT INTO orders (number, public_id, type, channel, status, payment_status, guest_id, customer_name, address_line, area, currency, subtotal_minor, shipping_minor, total_minor, language, created_at, updated_at) VALUES (?, ?, 'catalog', 'whatsapp', 'pending', 'unpaid', 1, 'N', 'A street', 'Cairo', 'EGP', 1, 0, 1, 'en', ?, ?)",
        )
        .run(1000 + n, `order-${n}-public`, stamp, stamp);
  });
  afterEach(() => database.close());

  it('only the newest link of an order works, and only before its expiry; revoked never comes back', () => {
    const TTL = 1_000;
    const ids = createIdGenerator();
    type Cmd = { type: 'issue'; order: 1 | 2 } | { type: 'advance'; ms: number } | { type: 'check'; pick: number; tamper: boolean };
    const cmd: fc.Arbitrary<Cmd> = fc.oneof(
      fc.record({ type: fc.constant('issue' as const), order: fc.constantFrom(1 as const, 2 as const) }),
      fc.record({ type: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 700 }) }),
      fc.record({ type: fc.constant('check' as const), pick: fc.nat(), tamper: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 40 }), (cmds) => {
        database.sqlite.exec('DELETE FROM link_token_uses; DELETE FROM link_tokens;');
        let now = Date.parse('2026-01-01T00:00:00.000Z');
        const issued: { token: string; order: number; at: number; seq: number }[] = [];
        let seq = 0;
        for (const c of cmds) {
          if (c.type === 'advance') now += c.ms;
          else if (c.type === 'issue') {
            let token = '';
            issueOrderLinkRow(database.db, { secret: 's', publicUrl: 'http://x', newToken: () => (token = ids.token()) }, { orderId: c.order, guestId: 1, scope: 'update', ttlMs: TTL, now: new Date(now) });
            issued.push({ token, order: c.order, at: now, seq: ++seq });
          } else if (issued.length > 0) {
            const link = issued[c.pick % issued.length]!;
            const token = c.tamper ? `${link.token.slice(0, -1)}${link.token.endsWith('A') ? 'B' : 'A'}` : link.token;
            const result = checkLink(createLinkTokensRepo(database.db).byHash(hashToken('s', token)), new Date(now));
            const newest = Math.max(...issued.filter((l) => l.order === link.order).map((l) => l.seq));
            const expected = !c.tamper && link.seq === newest && now < link.at + TTL;
            if (result.ok !== expected) return false;
          }
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});

describe('the order cookie', () => {
  it('is genuine only for its order, its token id and its issue time', () => {
    const at = new Date('2026-01-01T10:00:00.000Z');
    const cookie = signSession('secret', 7, 'order-a', at);
    expect(verifySession('secret', cookie, 'order-a')).toEqual({ tokenId: 7, issuedAt: at });
    expect(verifySession('secret', cookie, 'order-b')).toBeNull();
    expect(verifySession('other', cookie, 'order-a')).toBeNull();
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (garbage) => verifySession('secret', garbage, 'order-a') === null || garbage === cookie),
    );
    const [id, issued, mac] = cookie.split('.');
    expect(verifySession('secret', `${Number(id) + 1}.${issued}.${mac}`, 'order-a')).toBeNull();
    expect(verifySession('secret', `${id}.${Number(issued) + 3600}.${mac}`, 'order-a')).toBeNull();
  });
});

describe('networks', () => {
  it('groups IPv4 by /24 and IPv6 by /56', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.0/24');
    expect(networkOf('::ffff:203.0.113.200')).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:abcd:12ff:1::1')).toBe(networkOf('2001:db8:abcd:1200::9'));
    expect(networkOf('2001:db8:abcd:1300::1')).not.toBe(networkOf('2001:db8:abcd:1200::1'));
    expect(networkOf('::1')).toBe('0000:0000:0000:0000::/56');
  });
});

describe('customer request ids', () => {
  it.each([
    ['C-12', 12],
    ['c12', 12],
    ['12', 12],
    ['#12', 12],
    ['C-١٢', 12],
    ['R-12', null],
    ['C-', null],
    ['', null],
    [undefined, null],
  ])('%s -> %s', (input, expected) => expect(parseCustomerRequestId(input)).toBe(expected));
});

describe('what the policy allows', () => {
  it('cancellation: on their own within customerCancelUntil, a request before shipping, nothing after; custom orders per setting', () => {
    const p = policy();
    expect(cancellationOption({ status: 'pending', type: 'catalog' }, p)).toBe('self');
    expect(cancellationOption({ status: 'confirmed', type: 'catalog' }, p)).toBe('request');
    expect(cancellationOption({ status: 'ready_for_shipping', type: 'catalog' }, p)).toBe('request');
    for (const status of ['shipped', 'delivered', 'failed_delivery', 'cancelled'] as const) expect(cancellationOption({ status, type: 'catalog' }, p)).toBe('none');
    const late = policy({ customerCancelUntil: 'ready_for_shipping' });
    expect(cancellationOption({ status: 'ready_for_shipping', type: 'catalog' }, late)).toBe('self');
    expect(cancellationOption({ status: 'pending', type: 'custom' }, p)).toBe('self');
    expect(cancellationOption({ status: 'confirmed', type: 'custom' }, p)).toBe('none');
    expect(cancellationOption({ status: 'confirmed', type: 'custom' }, policy({ customOrdersCancelableAfterConfirm: true }))).toBe('request');
  });

  it('returns: after delivery, within the window, when accepted; custom orders per setting', () => {
    const deliveredAt = '2026-01-01T00:00:00.000Z';
    const order = { status: 'delivered' as const, type: 'catalog' as const, deliveredAt, updatedAt: deliveredAt };
    const end = new Date(Date.parse(deliveredAt) + 14 * 86_400_000);
    expect(returnOption(order, policy(), new Date(end.getTime() - 1))).toEqual({ ok: true, until: end });
    expect(returnOption(order, policy(), end)).toEqual({ ok: false, rule: 'return_window_passed' });
    expect(returnOption({ ...order, status: 'shipped' }, policy(), new Date(deliveredAt))).toEqual({ ok: false, rule: 'not_delivered' });
    expect(returnOption(order, policy({ returnsAccepted: false }), new Date(deliveredAt))).toEqual({ ok: false, rule: 'returns_not_accepted' });
    expect(returnOption({ ...order, type: 'custom' }, policy(), new Date(deliveredAt))).toEqual({ ok: false, rule: 'custom_not_returnable' });
    expect(returnOption({ ...order, type: 'custom' }, policy({ customOrdersReturnable: true }), new Date(deliveredAt)).ok).toBe(true);
  });
});

describe('customer words quoted to the seller', () => {
  it('lose their own bidi controls and sit in one isolate', () => {
    expect(quoteUserText('a\u202Eb\u2066c')).toBe('\u2068abc\u2069');
  });
});

describe('the abuse guard', () => {
  it('blocks after the limit for blockMs, counts per client, and keeps resends to one a minute and five an hour', () => {
    const clock = createManualClock('2026-01-01T00:00:00.000Z');
    const guard = createGuard(clock, DEFAULT_LIMITS);
    for (let i = 0; i < 9; i++) expect(guard.badToken('a').blocked).toBe(false);
    expect(guard.badToken('a').blocked).toBe(true);
    expect(guard.blockedForMs('a')).toBe(15 * 60_000);
    expect(guard.blockedForMs('b')).toBe(0);
    clock.advance(15 * 60_000);
    expect(guard.blockedForMs('a')).toBe(0);

    expect(guard.allowResend(1)).toBe(true);
    expect(guard.allowResend(1)).toBe(false);
    expect(guard.allowResend(2)).toBe(true);
    for (let i = 0; i < 4; i++) {
      clock.advance(60_000);
      expect(guard.allowResend(1)).toBe(true);
    }
    clock.advance(60_000);
    expect(guard.allowResend(1)).toBe(false);
    expect(guard.firstTime('k', 1000)).toBe(true);
    expect(guard.firstTime('k', 1000)).toBe(false);
  });
});
