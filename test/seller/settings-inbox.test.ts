import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { readPolicy } from '../../src/orders/policy.js';
import { conversations } from '../../src/store/schema.js';
import { conversationKey } from '../../src/bot/customer-handler.js';
import { CUSTOMER, CUSTOMER_2, SELLER, SELLER_2, startSellerHarness, type SellerHarness } from './helpers.js';

let h: SellerHarness;
beforeEach(async () => {
  h = await startSellerHarness();
});
afterEach(async () => {
  await h.cleanup();
});

const policy = () => readPolicy(h.app.db);

describe('/settings', () => {
  it('shows the policy with defaults marked', async () => {
    const shown = await h.seller('/settings');
    expect(shown).toContain('delivery-fee: EGP 30');
    expect(shown).toContain('zones: —');
    expect(shown).toContain('cancel-until: pending');
    expect(shown).toContain('returns: yes · custom-returns: no · return-days: 14');
    expect(shown).toContain('pending 2d (default)');
    expect(shown).toContain('ready 3d (default)');
  });

  it('changes each setting and refuses bad values without saving', async () => {
    expect(await h.seller('/settings delivery-fee 25.50')).toBe('✅ Saved: delivery-fee EGP 25.50.');
    await h.seller('/settings zone Nasr City 40');
    await h.seller('/settings zone Giza 45');
    await h.seller('/settings zone nasr city 42');
    expect(policy().deliveryZones).toEqual([
      { name: 'Giza', feeMinor: 4_500 },
      { name: 'nasr city', feeMinor: 4_200 },
    ]);
    expect(await h.seller('/settings zone Giza off')).toContain('zone Giza off');
    expect(await h.seller('/settings zone Alex off')).toBe('There is no zone called Alex.');
    await h.seller('/settings high-risk Shubra El Kheima');
    expect(policy().highRiskZones).toEqual(['Shubra El Kheima']);
    await h.seller('/settings high-risk shubra el kheima off');
    expect(policy().highRiskZones).toEqual([]);
    await h.seller('/settings cancel-until ready');
    await h.seller('/settings custom-cancel yes');
    await h.seller('/settings returns no');
    await h.seller('/settings custom-returns yes');
    await h.seller('/settings return-days 7');
    await h.seller('/settings max-qty 5');
    await h.seller('/settings expiry ready 36h');
    await h.seller('/settings expiry pending ٢d');
    expect(policy()).toMatchObject({
      deliveryFeeMinor: 2_550,
      customerCancelUntil: 'ready_for_shipping',
      customOrdersCancelableAfterConfirm: true,
      returnsAccepted: false,
      customOrdersReturnable: true,
      returnWindowDays: 7,
      maxQuantityPerProduct: 5,
      ttl: { readyNotShipped: 36 * 3_600_000, pendingConfirmation: 2 * 86_400_000 },
    });
    expect(await h.seller('/settings expiry pending default')).toContain('expiry pending default (2d)');
    expect(policy().ttl.pendingConfirmation).toBeUndefined();

    const before = JSON.stringify(policy());
    expect(await h.seller('/settings colour blue')).toContain('"colour" is not a setting I know');
    expect(await h.seller('/settings delivery-fee free')).toContain('"free" is not a valid amount');
    expect(await h.seller('/settings zone Giza')).toContain('Missing: the value.');
    expect(await h.seller('/settings zone Giza lots')).toContain('"lots" is not a valid amount');
    expect(await h.seller('/settings returns maybe')).toContain('"maybe" is not a yes or no I know');
    expect(await h.seller('/settings return-days 400')).toContain('"400" is not a valid number');
    expect(await h.seller('/settings expiry ready soon')).toContain('"soon" is not a valid duration');
    expect(await h.seller('/settings expiry ready 999d')).toContain('is not a valid duration');
    expect(await h.seller('/settings expiry later 2h')).toContain('"later" is not a value I know');
    expect(await h.seller('/settings max-qty 0')).toContain('"0" is not a valid number');
    expect(JSON.stringify(policy())).toBe(before);
  });

  it('applies the ready-for-shipping expiry to the next order made ready', async () => {
    await h.seller('/settings expiry ready 6h');
    const n = h.place();
    await h.seller(`/confirm ${n}`);
    await h.seller(`/ready ${n}`);
    expect(h.order(n).expiresAt).toBe('2026-03-01T16:00:00.000Z');
  });
});

describe('/reply and /resume', () => {
  it('answers a customer through the bot by number or order, logs it, and the bot steps back until /resume', async () => {
    await h.ask(CUSTOMER, 'hello');
    const n = h.place();
    h.customerNews();
    expect(await h.seller('/reply 01001234567 Hi Mona, the honey is on its way\nSecond line')).toBe(
      '📨 Sent to Mona (+201001234567). The bot stays quiet in that chat for a while; /resume hands it back.',
    );
    expect(h.customerNews()).toBe('Hi Mona, the honey is on its way\nSecond line');
    expect(h.app.db.select().from(conversations).where(eq(conversations.chatKey, conversationKey(h.guest(CUSTOMER)!.id))).get()!.handoffUntil).toBe('2026-03-01T10:30:00.000Z');
    await h.say(CUSTOMER, '1');
    expect(h.customerNews()).toBe('');
    expect(await h.seller(`/reply #${n} Your order ships tomorrow`)).toContain('Sent to Mona (+201001234567)');
    expect(h.events(n).at(-1)).toMatchObject({ type: 'seller_message', note: 'Your order ships tomorrow', actorId: SELLER });
    expect(await h.seller('/resume +201001234567')).toBe('🤖 The bot answers Mona (+201001234567) again.');
    expect(await h.ask(CUSTOMER, '1')).toContain('Our products');
    expect(await h.seller('/resume 01001234567')).toBe('The bot is already answering Mona (+201001234567).');
  });

  it('refuses unknown customers, blocked ones, missing text and bad targets', async () => {
    expect(await h.seller('/reply 01112223334 hello')).toBe('I do not know the customer +201112223334: they have never written to the store or ordered.');
    expect(await h.seller('/reply 4242 hello')).toContain('There is no order #4242');
    expect(await h.seller('/reply')).toContain('Missing: the order number or phone number');
    h.place();
    expect(await h.seller('/reply 01001234567')).toContain('Missing: the text.');
    expect(await h.seller('/reply abc hello')).toContain('"abc" is not a valid order number or phone number.');
    expect(await h.seller(`/reply 01001234567 ${'x'.repeat(2_001)}`)).toContain('too long');
    await h.seller('/block 01001234567');
    expect(await h.seller('/reply 01001234567 hello')).toContain('is blocked');
    expect(h.customerNews()).toBe('');
    expect(await h.seller('/resume 01112223334')).toContain('I do not know the customer');
  });
});

describe('/block and /unblock', () => {
  it('blocks by number or order: the bot ignores the customer; unblocking restores them', async () => {
    const n = h.place();
    expect(await h.seller(`/block ${n}`)).toBe('⛔ Mona (+201001234567) is blocked: the bot ignores their messages and they cannot order. /unblock undoes it.');
    expect(h.guest(CUSTOMER)!.blockedAt).toBe('2026-03-01T10:00:00.000Z');
    const before = h.transcript(CUSTOMER).filter((e) => e.direction === 'out').length;
    await h.say(CUSTOMER, 'hello');
    expect(h.transcript(CUSTOMER).filter((e) => e.direction === 'out').length).toBeLessThanOrEqual(before + 1);
    expect(await h.seller('/block 01001234567')).toBe('Mona (+201001234567) is already blocked.');
    expect(await h.seller('/unblock 01001234567')).toBe('✅ Mona (+201001234567) is unblocked.');
    expect(h.guest(CUSTOMER)!.blockedAt).toBeNull();
    expect(await h.seller('/unblock 01001234567')).toBe('Mona (+201001234567) is not blocked.');
    expect(await h.ask(CUSTOMER, 'hello')).toContain('Welcome');
  });

  it('blocks a number that never wrote, and never a seller', async () => {
    expect(await h.seller('/block +201112223334')).toContain('+201112223334 is blocked');
    expect(h.guest(CUSTOMER_2)).toMatchObject({ verifiedAt: null });
    expect(h.guest(CUSTOMER_2)!.blockedAt).not.toBeNull();
    expect(await h.seller(`/block ${SELLER_2}`)).toBe('That is a seller number; it cannot be blocked.');
    expect(await h.seller('/block')).toContain('Missing');
    expect(await h.seller('/unblock 01111111111')).toContain('I do not know the customer');
  });
});
