import { afterEach, describe, it, expect } from 'vitest';
import { waIdentities } from '../../src/store/schema.js';
import { createWaIdentitiesRepo } from '../../src/store/wa-identities.js';
import { loadFixture, settle, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function openHarness() {
  h = await startHarness();
  h.socket.open();
  return h;
}

describe('Baileys inbound messages', () => {
  it('turns a phone-number text message into a text InboundMessage', async () => {
    const { socket, received } = await openHarness();
    socket.upsert([loadFixture('pn-text')]);
    await settle();
    expect(received).toEqual([
      {
        transport: 'baileys',
        type: 'text',
        id: 'AC3F2E1D0B9A8C7E6F5D4C3B2A190817',
        chatAddress: '201001234567@s.whatsapp.net',
        phone: '+201001234567',
        lid: '76201234567890@lid',
        pushName: 'Mona',
        fromMe: false,
        offline: false,
        forwarded: false,
        receivedAt: new Date(1767261720 * 1000),
        text: 'menu',
      },
    ]);
  });

  it('marks a forwarded message as forwarded (never run as a seller command)', async () => {
    const { socket, received } = await openHarness();
    const forwarded = loadFixture('extended-text');
    const text = forwarded.message!.extendedTextMessage!;
    text.contextInfo = { ...text.contextInfo, isForwarded: true, forwardingScore: 1 };
    socket.upsert([forwarded, loadFixture('pn-text')]);
    await settle();
    expect(received.map((m) => m.forwarded)).toEqual([true, false]);
  });

  it('reads extendedTextMessage and ephemeral-wrapped text', async () => {
    const { socket, received } = await openHarness();
    socket.upsert([loadFixture('extended-text'), loadFixture('ephemeral-text')]);
    await settle();
    expect(received.map((m) => (m.type === 'text' ? m.text : null))).toEqual(['I want 2 of these please', 'Is delivery free?']);
    expect(received[0]).toMatchObject({ phone: '+201112223334', lid: null, chatAddress: '201112223334@s.whatsapp.net' });
    expect(received[1]).toMatchObject({ phone: '+201223334445', lid: '76205550001112@lid', chatAddress: '76205550001112@lid' });
  });

  it('delivers a LID sender with its phone alternative and remembers the pair', async () => {
    const { socket, received, db } = await openHarness();
    socket.upsert([loadFixture('lid-with-alt')]);
    await settle();
    expect(received[0]).toMatchObject({
      type: 'text',
      chatAddress: '76201234567890@lid',
      phone: '+201001234567',
      lid: '76201234567890@lid',
      pushName: 'Mona',
    });
    expect(db.select().from(waIdentities).all()).toEqual([
      { lid: '76201234567890@lid', phoneJid: '201001234567@s.whatsapp.net', updatedAt: '2026-01-01T10:00:00.000Z' },
    ]);
  });

  it('resolves a LID without alternative through Baileys, then through wa_identities, else leaves phone empty', async () => {
    const { socket, received, db } = await openHarness();
    const lookup = socket.signalRepository.lidMapping.getPNForLID;

    lookup.mockResolvedValueOnce('201556667778:0@s.whatsapp.net');
    socket.upsert([loadFixture('lid-no-alt')]);
    await settle();
    expect(lookup).toHaveBeenCalledWith('76209876543210@lid');
    expect(received[0]).toMatchObject({ chatAddress: '76209876543210@lid', lid: '76209876543210@lid', phone: '+201556667778' });
    expect(createWaIdentitiesRepo(db).phoneJidForLid('76209876543210@lid')).toBe('201556667778@s.whatsapp.net');

    // Baileys has forgotten (or never had) the mapping: our table still knows.
    lookup.mockResolvedValueOnce(null);
    socket.upsert([{ ...loadFixture('lid-no-alt'), key: { ...loadFixture('lid-no-alt').key, id: 'SECOND' } }]);
    await settle();
    expect(received[1]).toMatchObject({ id: 'SECOND', phone: '+201556667778' });

    lookup.mockRejectedValueOnce(new Error('store closed'));
    const stranger = loadFixture('lid-no-alt');
    stranger.key = { ...stranger.key, remoteJid: '76200000000001@lid', id: 'THIRD' };
    socket.upsert([stranger]);
    await settle();
    expect(received[2]).toMatchObject({ id: 'THIRD', chatAddress: '76200000000001@lid', lid: '76200000000001@lid', phone: null });
  });

  it('remembers pairs from lid-mapping.update and history sync', async () => {
    const { socket, db } = await openHarness();
    socket.ev.emit('lid-mapping.update', { lid: '76201111111111:3@lid', pn: '201001111111:3@s.whatsapp.net' });
    socket.ev.emit('messaging-history.set', {
      chats: [],
      contacts: [],
      messages: [],
      lidPnMappings: [{ lid: '76202222222222@lid', pn: '201002222222@s.whatsapp.net' }],
    });
    await settle();
    const repo = createWaIdentitiesRepo(db);
    expect(repo.phoneJidForLid('76201111111111@lid')).toBe('201001111111@s.whatsapp.net');
    expect(repo.phoneJidForLid('76202222222222@lid')).toBe('201002222222@s.whatsapp.net');
  });

  it('processes append (offline replay) with offline: true', async () => {
    const { socket, received } = await openHarness();
    socket.upsert([loadFixture('lid-with-alt'), loadFixture('pn-text')], 'append');
    await settle();
    expect(received).toHaveLength(2);
    expect(received.every((m) => m.offline)).toBe(true);
  });

  it('delivers our own echo and the seller typing on the phone with fromMe: true', async () => {
    const { socket, received } = await openHarness();
    socket.upsert([loadFixture('own-echo')], 'append');
    socket.upsert([loadFixture('seller-typed')], 'notify');
    await settle();
    expect(received).toHaveLength(2);
    expect(received[0]).toMatchObject({ id: '3EB0OUTBOX000000000001', fromMe: true, offline: true, chatAddress: '76201234567890@lid' });
    expect(received[1]).toMatchObject({ fromMe: true, offline: false, phone: '+201001234567', pushName: null });
  });

  it('ignores groups, status, newsletters, decryption stubs and reactions', async () => {
    const { socket, received, logs } = await openHarness();
    const ignored = ['group', 'status-broadcast', 'newsletter', 'ciphertext-stub', 'reaction'].map(loadFixture);
    socket.upsert(ignored);
    socket.upsert([loadFixture('pn-text')]);
    await settle();
    expect(received.map((m) => m.id)).toEqual(['AC3F2E1D0B9A8C7E6F5D4C3B2A190817']);
    const reasons = logs.filter((l) => l.msg === 'inbound message skipped').map((l) => l.reason);
    expect(reasons).toEqual(['group', 'broadcast', 'newsletter', 'ciphertext-stub', 'not-real']);
    expect(logs.find((l) => l.reason === 'ciphertext-stub')).toMatchObject({ level: 20, stub: ['No session record'] });
  });

  it('hands messages over one at a time, in arrival order, and survives a failing handler', async () => {
    const harness = await openHarness();
    const order: string[] = [];
    let releaseFirst: () => void = () => {};
    harness.setHandler(async (message) => {
      order.push(`start ${message.id}`);
      if (message.id === 'AC3F2E1D0B9A8C7E6F5D4C3B2A190817') await new Promise<void>((resolve) => (releaseFirst = resolve));
      if (message.id === '3EB0FF00112233445566AA') throw new Error('pipeline bug');
      order.push(`end ${message.id}`);
    });
    harness.socket.upsert([loadFixture('pn-text')]);
    harness.socket.upsert([loadFixture('extended-text'), loadFixture('lid-with-alt')]);
    await settle();
    expect(order).toEqual(['start AC3F2E1D0B9A8C7E6F5D4C3B2A190817']);
    releaseFirst();
    await settle();
    expect(order).toEqual([
      'start AC3F2E1D0B9A8C7E6F5D4C3B2A190817',
      'end AC3F2E1D0B9A8C7E6F5D4C3B2A190817',
      'start 3EB0FF00112233445566AA',
      'start 3EB0A1B2C3D4E5F6A7B8C9',
      'end 3EB0A1B2C3D4E5F6A7B8C9',
    ]);
    expect(harness.logsMatching('inbound message handling failed')).toHaveLength(1);
  });

  it('waits for a buffering event emitter to flush', async () => {
    const { socket, received } = await openHarness();
    socket.ev.buffer();
    socket.upsert([loadFixture('pn-text')]);
    await settle();
    expect(received).toHaveLength(0);
    socket.ev.flush();
    await settle();
    expect(received).toHaveLength(1);
  });

  it('maps an image with caption to media', async () => {
    const { socket, received } = await openHarness();
    socket.upsert([loadFixture('image-caption')]);
    await settle();
    const message = received[0];
    expect(message).toMatchObject({
      type: 'media',
      caption: 'Can you make this in red, size M?',
      phone: '+201001234567',
      receivedAt: new Date(1767261900 * 1000),
    });
    if (message?.type !== 'media') throw new Error('expected media');
    expect(message.media).toMatchObject({ kind: 'image', mimetype: 'image/jpeg', fileName: null, declaredBytes: 183452 });
  });
});
