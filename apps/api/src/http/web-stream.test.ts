import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { toWebStream } from './web-stream';

describe('toWebStream: a Node stream for a Response, safe when the client goes away', () => {
  it('passes every byte through, in order', async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(1000, i));
    const web = toWebStream(Readable.from(chunks));
    const got: Uint8Array[] = [];
    for await (const chunk of web as AsyncIterable<Uint8Array>) got.push(chunk);
    expect(Buffer.concat(got).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('after a cancel, destroys the source and ignores what it still emits (Readable.toWeb throws here)', async () => {
    const source = new PassThrough();
    const web = toWebStream(source);
    const reader = web.getReader();
    source.write(Buffer.from('first'));
    await reader.read();
    await reader.cancel();
    expect(source.destroyed).toBe(true);
    // What a renderer still writing would do: never an exception.
    expect(() => source.emit('data', Buffer.from('late'))).not.toThrow();
    expect(() => source.emit('end')).not.toThrow();
  });

  it('the very case of the fault: Readable.toWeb enqueues into a closed controller', async () => {
    // Kept as the reproduction: if Node fixes it, this test says so and the adapter can go.
    const source = new PassThrough();
    const web = Readable.toWeb(source);
    const reader = web.getReader();
    source.write(Buffer.from('first'));
    await reader.read();
    await reader.cancel();
    let thrown: unknown = null;
    try {
      source.emit('data', Buffer.from('late'));
    } catch (e) {
      thrown = e;
    }
    expect((thrown as NodeJS.ErrnoException | null)?.code).toBe('ERR_INVALID_STATE');
  });

  it('pauses the source when the reader does not keep up', async () => {
    const source = new PassThrough();
    const web = toWebStream(source);
    for (let i = 0; i < 20; i++) source.write(Buffer.alloc(10));
    await new Promise((r) => setImmediate(r));
    expect(source.isPaused()).toBe(true);
    const reader = web.getReader();
    await reader.read();
    reader.releaseLock();
  });

  it('errors the web stream when the source fails', async () => {
    const source = new PassThrough();
    const reader = toWebStream(source).getReader();
    source.destroy(new Error('render failed'));
    await expect(reader.read()).rejects.toThrow('render failed');
  });
});
