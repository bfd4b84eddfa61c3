// A flood from one chat (issue 7, item 4): 200 messages from one customer arrive at once through the simulator
// transport, then one message from another customer. The flood is processed strictly in order, and the other chat is
// answered after at most a few of the flood's messages: the per-chat lock serialises a chat, not the bot.
// Measured in processing order (the durable inbound log and the transcript), not in wall time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { inboundMessages, simMessages } from '../../src/store/schema.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const FLOODER = '+201001234567';
const OTHER = '+201112223334';
const FLOOD = 200;
/** How many of the flood's messages may go before the other chat's message; a global queue would make it 200. */
const FAIRNESS_BOUND = 5;

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

describe('a flood of one chat', () => {
  it('is processed in order without starving another chat', async () => {
    // Hello, then products / main menu alternately: any message handled out of order breaks the reply pattern.
    const texts = Array.from({ length: FLOOD }, (_, i) => (i === 0 ? 'Hello' : i % 2 === 1 ? '1' : '0'));
    const flood = texts.map((text, i) => h.sim.receive({ from: FLOODER, text, id: `FLOOD-${i}` }));
    const other = h.sim.receive({ from: OTHER, text: 'Hello', id: 'OTHER-1' });
    await Promise.all([...flood, other]);
    await h.app.outbox.drain();

    // Processing order: the inbound log is written in the message's own transaction.
    const processed = h.app.db.select().from(inboundMessages).orderBy(asc(inboundMessages.id)).all().map((r) => r.messageId);
    expect(processed).toHaveLength(FLOOD + 1);
    expect(processed.filter((id) => id.startsWith('FLOOD'))).toEqual(texts.map((_, i) => `FLOOD-${i}`));
    const otherAt = processed.indexOf('OTHER-1');
    expect(otherAt).toBeLessThanOrEqual(FAIRNESS_BOUND);

    // Delivery order across chats: the other customer's replies go out before most of the flood's.
    const outs = h.app.db.select().from(simMessages).orderBy(asc(simMessages.seq)).all().filter((e) => e.direction === 'out');
    const firstOtherReply = outs.findIndex((e) => e.chat === OTHER);
    expect(firstOtherReply).toBeGreaterThanOrEqual(0);
    expect(outs.slice(0, firstOtherReply).filter((e) => e.chat === FLOODER).length).toBeLessThanOrEqual(FAIRNESS_BOUND * 2 + 1);

    // The flood's replies, in order: welcome and menu, then products and menu taking turns.
    const floodReplies = h.outbound(FLOODER);
    expect(floodReplies).toHaveLength(FLOOD + 1);
    expect(floodReplies[0]).toContain('Welcome to Test Shop');
    floodReplies.slice(1).forEach((text, i) => expect(text, `reply ${i + 1}`).toContain(i % 2 === 0 ? 'Main menu' : 'Our products'));
    expect(h.outbound(OTHER)[1]).toContain('Main menu');
  });
});
