import { nextTask } from './next-task';

const encoder = new TextEncoder();

const TICK: unique symbol = Symbol('tick');
const MAX_BATCH_CHARS = 64 * 1024;

/**
 * A byte stream from a generator of text pieces. Pieces that are ready together (one network
 * read upstream often yields hundreds of tokens) go out as one chunk, so neither this side nor
 * the reader pays per token; a piece that arrives alone goes out at once, one task later.
 */
export function coalescingStream(source: AsyncGenerator<string>, onCancel: () => void): ReadableStream<Uint8Array> {
  let pending: Promise<IteratorResult<string>> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const first = await (pending ?? source.next());
      pending = undefined;
      if (first.done) {
        controller.close();
        return;
      }
      let text = first.value;
      const tick = nextTask().then((): typeof TICK => TICK);
      while (text.length < MAX_BATCH_CHARS) {
        const next = source.next();
        const ready = await Promise.race([next, tick]);
        if (ready === TICK) {
          pending = next;
          break;
        }
        if (ready.done) {
          controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += ready.value;
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      onCancel();
      await source.return(undefined);
    },
  });
}
