import { afterEach, describe, it, expect } from 'vitest';
import { BufferJSON, proto, WAMessageStatus } from '@whiskeysockets/baileys';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function connected() {
  h = await startHarness();
  h.socket.open();
  return h;
}

describe('Baileys send and retries', () => {
  it('throws a clear error when not connected', async () => {
    h = await startHarness();
    await expect(h.transport.send('201001234567@s.whatsapp.net', { type: 'text', text: 'hi' }, 'OUT1')).rejects.toThrow(
      'WhatsApp is not connected; cannot send message OUT1',
    );
    expect(h.socket.sendMessage).not.toHaveBeenCalled();
  });

  it('sends text with our message id and returns the sent proto as BufferJSON', async () => {
    const { transport, socket } = await connected();
    const result = await transport.send('76201234567890@lid', { type: 'text', text: 'Order #1001 confirmed' }, '3EB0OUT0001');
    expect(socket.sendMessage).toHaveBeenCalledWith('76201234567890@lid', { text: 'Order #1001 confirmed' }, { messageId: '3EB0OUT0001' });
    const stored = JSON.parse(result.payload!, BufferJSON.reviver) as Record<string, unknown>;
    expect(proto.Message.fromObject(stored).extendedTextMessage?.text).toBe('Order #1001 confirmed');
  });

  it('sends images and documents from a path', async () => {
    const { transport, socket } = await connected();
    await transport.send('201001234567@s.whatsapp.net', { type: 'image', path: '/data/p/1.jpg', mimetype: 'image/jpeg', caption: 'Blue dress' }, 'IMG1');
    await transport.send(
      '201001234567@s.whatsapp.net',
      { type: 'document', path: '/data/o/1001.pdf', mimetype: 'application/pdf', fileName: 'order-1001.pdf' },
      'DOC1',
    );
    expect(socket.sendMessage.mock.calls).toEqual([
      [
        '201001234567@s.whatsapp.net',
        { image: { url: '/data/p/1.jpg' }, caption: 'Blue dress', mimetype: 'image/jpeg' },
        { messageId: 'IMG1' },
      ],
      [
        '201001234567@s.whatsapp.net',
        { document: { url: '/data/o/1001.pdf' }, mimetype: 'application/pdf', fileName: 'order-1001.pdf', caption: undefined },
        { messageId: 'DOC1' },
      ],
    ]);
  });

  it('returns a null payload when Baileys gives no message back, and rethrows send failures', async () => {
    const { transport, socket } = await connected();
    socket.sendMessage.mockResolvedValueOnce(undefined);
    expect(await transport.send('201001234567@s.whatsapp.net', { type: 'text', text: 'x' }, 'A')).toEqual({ payload: null });
    socket.sendMessage.mockRejectedValueOnce(new Error('Connection Closed'));
    await expect(transport.send('201001234567@s.whatsapp.net', { type: 'text', text: 'x' }, 'B')).rejects.toThrow('Connection Closed');
  });

  it('getMessage serves the stored payload by id, and undefined on a miss or a broken row', async () => {
    const { transport, socket, payloads } = await connected();
    const { payload } = await transport.send('76201234567890@lid', { type: 'text', text: 'Your total is 450 EGP' }, 'RETRY1');
    payloads.set('RETRY1', payload!);
    payloads.set('BROKEN', '{not json');
    const getMessage = socket.config.getMessage!;

    // The retry receipt may name the chat in the other dialect; the id is what matters.
    const served = await getMessage({ remoteJid: '201001234567@s.whatsapp.net', fromMe: true, id: 'RETRY1' });
    expect(served).toBeInstanceOf(proto.Message);
    expect(served?.extendedTextMessage?.text).toBe('Your total is 450 EGP');
    expect(Buffer.from(served!.messageContextInfo!.messageSecret!)).toEqual(Buffer.alloc(32, 7));
    expect(proto.Message.encode(served!).finish().length).toBeGreaterThan(0);

    expect(await getMessage({ remoteJid: '76201234567890@lid', fromMe: true, id: 'UNKNOWN' })).toBeUndefined();
    expect(await getMessage({ remoteJid: '76201234567890@lid', fromMe: true, id: 'BROKEN' })).toBeUndefined();
    expect(await getMessage({ remoteJid: '76201234567890@lid', fromMe: true })).toBeUndefined();
  });

  it('logs a warning, without retrying, when WhatsApp refuses a sent message (463)', async () => {
    const { socket, logs } = await connected();
    socket.ev.emit('messages.update', [
      { key: { remoteJid: '76201234567890@lid', fromMe: true, id: 'OUT9' }, update: { status: WAMessageStatus.SERVER_ACK } },
      {
        key: { remoteJid: '76201234567890@lid', fromMe: true, id: 'OUT9' },
        update: { status: WAMessageStatus.ERROR, messageStubParameters: ['463'] },
      },
    ]);
    const warnings = logs.filter((l) => l.level === 40 && l.msg?.includes('refused to deliver'));
    expect(warnings).toEqual([expect.objectContaining({ id: 'OUT9', error: ['463'] })]);
    expect(socket.sendMessage).not.toHaveBeenCalled();
  });

  it('exposes pacing and the address for a phone number', async () => {
    const { transport } = await connected();
    expect(transport.name).toBe('baileys');
    expect(transport.perChatPaceMs).toBe(1500);
    expect(transport.addressForPhone('+201001234567')).toBe('201001234567@s.whatsapp.net');
  });
});
