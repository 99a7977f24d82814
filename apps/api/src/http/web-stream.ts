import type { Readable } from 'node:stream';

/**
 * A Node stream as a web `ReadableStream` for a `Response`, safe when the client goes away.
 * `Readable.toWeb` is not: once the server cancels the web stream of a dropped download, the next
 * chunk the source emits is enqueued into the closed controller and throws `ERR_INVALID_STATE`
 * from an event handler — uncaught, the process exits. Here a cancel destroys the source (which
 * stops whoever writes into it) and every later event is ignored; back-pressure pauses the source.
 */
export function toWebStream(source: Readable): ReadableStream<Uint8Array> {
  let closed = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        source.on('data', (chunk: Buffer | string) => {
          if (closed) return;
          try {
            controller.enqueue(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
          } catch {
            closed = true;
            source.destroy();
            return;
          }
          if ((controller.desiredSize ?? 1) <= 0) source.pause();
        });
        source.once('end', () => {
          if (closed) return;
          closed = true;
          try {
            controller.close();
          } catch {
            // already closed by a cancel racing the end: nothing left to tell anyone
          }
        });
        source.once('error', (e) => {
          if (closed) return;
          closed = true;
          try {
            controller.error(e);
          } catch {
            // as above
          }
        });
        // A source closed without 'end' (destroyed without an error) would otherwise leave the reader waiting.
        source.once('close', () => {
          if (closed) return;
          closed = true;
          try {
            controller.error(new Error('the file stream closed before its end'));
          } catch {
            // as above
          }
        });
      },
      pull() {
        if (!closed) source.resume();
      },
      cancel() {
        closed = true;
        source.destroy();
      },
    },
    // Counted in chunks: a few exceljs chunks in flight, as a Node stream would hold.
    { highWaterMark: 4 },
  );
}
