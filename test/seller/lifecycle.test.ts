import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CUSTOMER, SELLER, SELLER_2, startSellerHarness, type SellerHarness } from './helpers.js';

let h: SellerHarness;
beforeEach(async () => {
  h = await startSellerHarness();
});
afterEach(async () => {
  await h.cleanup();
});

describe('fulfilment: ready, ship, delivered, failed', () => {
  it('walks an order to delivered, telling the customer each step in their language, with deadlines and timestamps', async () => {
    const n = h.place({ language: 'ar' });
    await h.seller(`/confirm ${n}`);
    h.customerNews();

    // Deadlines read in the shop's time zone (Cairo, UTC+2 in March), as customers' texts do: not in UTC.
    expect(await h.seller(`/ready ${n}`)).toBe('📦 Order #1001 is ready for shipping. Ship it by 4 Mar 2026, 12:00, or it is cancelled. The customer has been told.');
    expect(h.customerNews()).toContain('طلبك رقم #1001 جاهز للشحن.');
    expect(h.order(n)).toMatchObject({ status: 'ready_for_shipping', expiresAt: '2026-03-04T10:00:00.000Z' });

    h.clock.advance(3_600_000);
    expect(await h.seller(`/ship ${n} Bosta BST-123456`)).toBe('🚚 Order #1001 shipped with Bosta, tracking BST-123456. The customer has been told.');
    expect(h.order(n)).toMatchObject({ status: 'shipped', courier: 'Bosta', trackingNumber: 'BST-123456', expiresAt: null, shippedAt: '2026-03-01T11:00:00.000Z' });
    const shipped = h.customerNews();
    expect(shipped).toContain('طلبك رقم #1001 في الطريق إليك');
    expect(shipped).toContain('Bosta');
    expect(shipped).toContain('BST-123456');
    expect(shipped).toContain('٥٣٠');

    expect(await h.seller(`/delivered ${n}`)).toContain('✅ Order #1001 delivered. The customer has been told. When the cash is collected, send /paid 1001.');
    expect(h.order(n)).toMatchObject({ status: 'delivered', deliveredAt: '2026-03-01T11:00:00.000Z', expiresAt: null });
    expect(h.customerNews()).toContain('تم توصيل طلبك رقم #1001');
    expect(h.events(n).map((e) => e.type)).toEqual(['placed', 'status:confirmed', 'status:ready_for_shipping', 'status:shipped', 'status:delivered']);
  });

  it('records a failed delivery with its reason and ships again', async () => {
    const n = h.place();
    await h.seller(`/confirm ${n}`);
    await h.seller(`/ship ${n} Aramex`);
    expect(h.order(n).trackingNumber).toBeNull();
    h.customerNews();
    const failed = await h.seller(`/failed ${n} refused said it was too expensive`);
    expect(failed).toContain('Order #1001: delivery failed (refused by the customer). The customer has been told.');
    expect(h.order(n)).toMatchObject({ status: 'failed_delivery', failureReason: 'refused' });
    expect(h.customerNews()).toContain('the delivery was refused');
    expect(h.events(n).at(-1)).toMatchObject({ type: 'status:failed_delivery', note: 'refused: said it was too expensive' });
    expect(h.customerNews()).not.toContain('too expensive');

    expect(await h.seller(`/ship ${n} J&T JT-99`)).toContain('shipped with J&T, tracking JT-99');
    expect(await h.seller(`/failed ${n} unavailable`)).toContain('customer unavailable');
    expect(h.customerNews()).toContain('could not deliver your order #1001');
    // A tracking number typed with Arabic-Indic digits is kept in the digits couriers print.
    expect(await h.seller(`/شحن ${n} Bosta ٧٧٨٨`)).toContain('shipped with Bosta, tracking 7788');
    expect(h.order(n).trackingNumber).toBe('7788');
    await h.seller(`/failed ${n} unavailable`);
    expect(await h.seller(`/فشل ${n} other`)).toContain('cannot be marked as a failed delivery: it is failed delivery. From here it can become: shipped, cancelled.');
  });

  it('refuses moves the transition table does not allow, naming the status and what is possible', async () => {
    const n = h.place();
    expect(await h.seller(`/delivered ${n}`)).toBe('Order #1001 cannot be marked delivered: it is pending. From here it can become: confirmed, cancelled.');
    expect(await h.seller(`/ready ${n}`)).toContain('cannot be marked ready for shipping: it is pending.');
    expect(await h.seller(`/ship ${n} Bosta`)).toContain('cannot be shipped: it is pending.');
    await h.seller(`/cancel ${n} customer`);
    expect(await h.seller(`/ship ${n} Bosta`)).toBe('Order #1001 cannot be shipped: it is cancelled. No further changes are possible.');
    expect(await h.seller(`/failed ${n} refused`)).toContain('it is cancelled');
    expect(h.order(n).status).toBe('cancelled');
    expect(await h.seller('/ready 4242')).toContain('There is no order #4242');
  });

  it('refuses bad arguments with what was wrong and the usage', async () => {
    const n = h.place();
    await h.seller(`/confirm ${n}`);
    expect(await h.seller('/ship')).toBe('Missing: the order number.\nUsage: /ship <number> <courier> [tracking]');
    expect(await h.seller(`/ship ${n}`)).toContain('Missing: the courier.');
    expect(await h.seller(`/ship ${n} Egypt Post 123`)).toContain('I did not expect "123" there.');
    expect(await h.seller(`/ship ${n} Bosta TRK#1`)).toContain('"TRK#1" is not a valid tracking number.');
    expect(await h.seller(`/ship ${n} =HYPERLINK()`)).toContain('is not a valid courier');
    expect(await h.seller(`/failed ${n}`)).toContain('Missing: the reason.');
    expect(await h.seller(`/failed ${n} lost`)).toContain('"lost" is not a reason I know. Use one of: unavailable, refused, other.');
    expect(await h.seller(`/ready ${n} now`)).toContain('I did not expect "now" there.');
    expect(h.order(n).status).toBe('confirmed');
  });
});

describe('payment and cancellation', () => {
  it('marks paid once; paying twice is refused with the payment status', async () => {
    const n = h.place();
    expect(await h.seller(`/paid ${n}`)).toBe('💵 Order #1001 marked paid (EGP 530).');
    expect(h.order(n).paymentStatus).toBe('paid');
    expect(await h.seller(`/paid ${n}`)).toBe('Order #1001 cannot be marked paid: its payment is paid. From here it can become: refunded.');
    expect(h.events(n).filter((e) => e.type === 'payment:paid')).toHaveLength(1);
  });

  it('refunds a paid order in full or in part, once, never more than it cost', async () => {
    const a = h.place();
    const b = h.place();
    expect(await h.seller(`/refund ${a}`)).toBe('Order #1001 cannot be refunded: its payment is unpaid. From here it can become: paid.');
    await h.seller(`/paid ${a}`);
    await h.seller(`/paid ${b}`);
    expect(await h.seller(`/refund ${a} 600`)).toBe('The refund is more than order #1001 cost (EGP 530).');
    expect(await h.seller(`/refund ${a} 0`)).toContain('The amount must be more than 0.');
    expect(await h.seller(`/refund ${a} 12x`)).toContain('"12x" is not a valid amount');
    h.customerNews();
    expect(await h.seller(`/refund ${a} ١٠٠.٥٠ damaged jar`)).toBe('↩️ Refund of EGP 100.50 recorded on order #1001. The customer has been told.');
    expect(h.order(a)).toMatchObject({ paymentStatus: 'refunded', refundedMinor: 10_050 });
    expect(h.events(a).at(-1)).toMatchObject({ type: 'payment:refunded', note: 'damaged jar' });
    expect(h.customerNews()).toContain('A refund of EGP 100.50 for your order #1001');
    expect(await h.seller(`/refund ${a}`)).toContain('its payment is refunded. No further payment changes are possible.');
    expect(await h.seller(`/refund ${b} box was crushed`)).toContain('Refund of EGP 530');
  });

  it('a paid order shipped after a partial refund: the customer is not asked for cash', async () => {
    const n = h.place();
    await h.seller(`/confirm ${n}`);
    await h.seller(`/paid ${n}`);
    await h.seller(`/refund ${n} 45 overcharged delivery`);
    h.customerNews();
    await h.seller(`/ship ${n} Bosta B-777`);
    const told = h.customerNews();
    expect(told).toContain('It is already paid: nothing to pay on delivery.');
    expect(told).not.toContain('ready in cash');
  });

  it('cancels with a reason, puts catalog stock back and tells the customer a neutral reason in Arabic', async () => {
    const n = h.place({ lines: [['HONEY-1KG', 3]], language: 'ar' });
    expect(h.product('HONEY-1KG').stock).toBe(17);
    h.customerNews();
    expect(await h.seller(`/cancel ${n} fraud fake address`)).toBe('❌ Order #1001 cancelled (fraud). 3 units back in stock. The customer has been told.');
    expect(h.product('HONEY-1KG').stock).toBe(20);
    expect(h.order(n)).toMatchObject({ status: 'cancelled', cancelReason: 'fraud', cancelledAt: '2026-03-01T10:00:00.000Z', expiresAt: null });
    const told = h.customerNews();
    expect(told).toContain('تم إلغاء طلبك رقم #1001: المتجر لم يتمكن من قبوله');
    expect(told).not.toContain('fake address');
    expect(await h.seller(`/cancel ${n} other`)).toContain('it is cancelled. No further changes are possible.');
    expect(h.product('HONEY-1KG').stock).toBe(20);
    expect(await h.seller(`/paid ${n}`)).toBe('Order #1001 is cancelled, so it cannot be marked paid.');
  });

  it('understands every cancel reason word and refuses others', async () => {
    const numbers = [h.place(), h.place(), h.place(), h.place(), h.place()];
    const words = ['customer', 'stock', 'cannot-fulfil', 'احتيال', 'other'];
    const codes = ['customer_request', 'out_of_stock', 'cannot_fulfil', 'fraud', 'other'];
    for (const [i, word] of words.entries()) await h.seller(`/cancel ${numbers[i]} ${word}`);
    expect(numbers.map((n) => h.order(n).cancelReason)).toEqual(codes);
    const m = h.place();
    expect(await h.seller(`/cancel ${m}`)).toContain('Missing: the reason.');
    expect(await h.seller(`/cancel ${m} expired`)).toContain('"expired" is not a reason I know. Use one of: customer, stock, cannot-fulfil, fraud, other.');
    expect(h.order(m).status).toBe('pending');
  });

  it('refuses to cancel a shipped order', async () => {
    const n = h.place();
    await h.seller(`/confirm ${n}`);
    await h.seller(`/ship ${n} Bosta`);
    expect(await h.seller(`/cancel ${n} customer`)).toBe('Order #1001 cannot be cancelled: it is shipped. From here it can become: delivered, failed delivery.');
    expect(h.product('HONEY-1KG').stock).toBe(18);
  });
});

describe('two sellers at once', () => {
  it('lets only one of them win; the other is told the status the order now has', async () => {
    const n = h.place();
    await h.seller(`/confirm ${n}`);
    await h.say(SELLER_2, '/language en');
    await Promise.all([h.say(SELLER, `/cancel ${n} customer`), h.say(SELLER_2, `/ship ${n} Bosta`)]);
    const one = h.lastReplies(SELLER).join('\n');
    const two = h.lastReplies(SELLER_2).join('\n');
    const replies = [one, two];
    expect(replies.filter((r) => r.startsWith('❌') || r.startsWith('🚚'))).toHaveLength(1);
    const loser = replies.find((r) => r.includes('cannot be'))!;
    const status = h.order(n).status;
    expect(['cancelled', 'shipped']).toContain(status);
    expect(loser).toContain(`it is ${status}`);
    expect(h.events(n).filter((e) => e.type === 'status:cancelled' || e.type === 'status:shipped')).toHaveLength(1);
    expect(h.lastReplies(CUSTOMER).length).toBeGreaterThan(0);
  });
});
