import * as z from 'zod/mini';
import { chunkBatcher } from './chunk-batcher';
import { MessagingError, MessagingErrorShape, toMessagingError } from './rpc';

/** A streaming message: one input, then any number of chunks, then the end or an error. */
export interface StreamSpec<I extends z.ZodMiniType = z.ZodMiniType, C extends z.ZodMiniType = z.ZodMiniType> {
  input: I;
  chunk: C;
  /**
   * Whether a chunk shows the user something. Chunks go out one by one until the first such has
   * gone, then batched (./chunk-batcher.ts); without it, batching starts after the first chunk.
   */
  shown?(chunk: z.output<C>): boolean;
}
export type StreamContract = Record<string, StreamSpec>;
export type StreamInput<S extends StreamSpec> = z.input<S['input']>;
export type StreamChunk<S extends StreamSpec> = z.output<S['chunk']>;

/** The part of a runtime.Port that streams need; a fake pair of these drives the tests. */
export interface PortLike {
  name: string;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export const STREAM_PORT_NAME = 'switchyard-stream';
const KEEP_ALIVE_MS = 20_000;

const ClientFrame = z.discriminatedUnion('t', [
  z.object({ t: z.literal('start'), type: z.string().check(z.minLength(1), z.maxLength(100)), payload: z.unknown() }),
  z.object({ t: z.literal('abort') }),
]);
const ServerFrame = z.discriminatedUnion('t', [
  z.object({ t: z.literal('chunk'), data: z.unknown() }),
  /** Chunks that arrived within one interval, sent as one message (./chunk-batcher.ts). */
  z.object({ t: z.literal('chunks'), data: z.array(z.unknown()) }),
  /** Sent while waiting for a slow first token: port traffic keeps an MV3 service worker alive. */
  z.object({ t: z.literal('ping') }),
  z.object({ t: z.literal('done') }),
  z.object({ t: z.literal('error'), error: MessagingErrorShape }),
]);
type ServerFrame = z.infer<typeof ServerFrame>;
type OneFrame = Exclude<ServerFrame, { t: 'chunks' }>;

/**
 * Opens a stream over a fresh port. Iterating yields validated chunks; breaking out of
 * the loop or aborting the signal tells the other side to stop and closes the port.
 */
export function openStream<C extends StreamContract, K extends keyof C & string>(
  contract: C,
  connect: () => PortLike,
  type: K,
  input: StreamInput<C[K]>,
  options: { signal?: AbortSignal } = {},
): AsyncIterable<StreamChunk<C[K]>> {
  const spec = contract[type];
  if (!spec) throw new MessagingError('unknown_type', `Unknown stream type "${type}".`);
  const payload = spec.input.parse(input);

  return {
    [Symbol.asyncIterator]() {
      const port = connect();
      const frames: OneFrame[] = [];
      let wake: (() => void) | undefined;
      let closed = false;
      let finished = false;
      const notify = () => {
        wake?.();
        wake = undefined;
      };
      port.onMessage.addListener((message) => {
        const frame = ServerFrame.safeParse(message);
        if (!frame.success) frames.push({ t: 'error', error: { code: 'invalid_message', message: 'Malformed stream frame.' } });
        else if (frame.data.t === 'chunks') for (const data of frame.data.data) frames.push({ t: 'chunk', data });
        else frames.push(frame.data);
        notify();
      });
      port.onDisconnect.addListener(() => {
        closed = true;
        notify();
      });
      const stop = () => {
        if (finished) return;
        finished = true;
        try {
          port.postMessage({ t: 'abort' });
          port.disconnect();
        } catch {
          // the port is already gone
        }
        notify();
      };
      options.signal?.addEventListener('abort', stop, { once: true });
      port.postMessage({ t: 'start', type, payload });

      const end = (): IteratorReturnResult<undefined> => {
        finished = true;
        options.signal?.removeEventListener('abort', stop);
        try {
          port.disconnect();
        } catch {
          // already disconnected
        }
        return { done: true, value: undefined };
      };

      return {
        async next(): Promise<IteratorResult<StreamChunk<C[K]>>> {
          for (;;) {
            if (options.signal?.aborted) {
              stop();
              throw new MessagingError('aborted', 'The stream was stopped.');
            }
            if (finished) return { done: true, value: undefined };
            const frame = frames.shift();
            if (frame?.t === 'ping') continue;
            if (frame) {
              if (frame.t === 'chunk') return { done: false, value: spec.chunk.parse(frame.data) as StreamChunk<C[K]> };
              if (frame.t === 'done') return end();
              end();
              throw new MessagingError(frame.error.code, frame.error.message);
            }
            if (closed) {
              end();
              throw new MessagingError('disconnected', 'The connection closed before the stream ended.');
            }
            await new Promise<void>((resolve) => (wake = resolve));
          }
        },
        async return(): Promise<IteratorResult<StreamChunk<C[K]>>> {
          stop();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

export type StreamHandlers<C extends StreamContract, Ctx> = {
  [K in keyof C]: (input: z.output<C[K]['input']>, options: { signal: AbortSignal; ctx: Ctx }) => AsyncIterable<StreamChunk<C[K]>>;
};

/**
 * Serves streams on ports: waits for the start frame, runs the handler and forwards its
 * chunks. The handler's signal aborts when the caller stops or the port closes.
 */
export function createStreamReceiver<C extends StreamContract, Ctx>(contract: C, handlers: StreamHandlers<C, Ctx>) {
  return function serve(port: PortLike, ctx: Ctx): Promise<void> {
    const controller = new AbortController();
    let connected = true;
    const post = (frame: ServerFrame) => {
      if (!connected) return;
      try {
        port.postMessage(frame);
      } catch {
        connected = false;
        controller.abort();
      }
    };
    port.onDisconnect.addListener(() => {
      connected = false;
      controller.abort();
    });

    return new Promise<void>((resolve) => {
      let started = false;
      port.onMessage.addListener((message) => {
        const frame = ClientFrame.safeParse(message);
        if (!frame.success) return;
        if (frame.data.t === 'abort') {
          controller.abort();
          return;
        }
        if (started) return;
        started = true;
        void run(frame.data.type, frame.data.payload).finally(resolve);
      });
    });

    async function run(type: string, payload: unknown) {
      const keepAlive = setInterval(() => post({ t: 'ping' }), KEEP_ALIVE_MS);
      try {
        if (!Object.hasOwn(contract, type)) {
          throw new MessagingError('unknown_type', `Unknown stream type "${type}".`);
        }
        const spec = contract[type]!;
        const input = spec.input.parse(payload);
        const handler = handlers[type as keyof C] as (input: unknown, options: { signal: AbortSignal; ctx: Ctx }) => AsyncIterable<unknown>;
        const batcher = chunkBatcher(post, (chunk) => spec.shown?.(chunk) ?? true);
        try {
          for await (const chunk of handler(input, { signal: controller.signal, ctx })) {
            if (controller.signal.aborted) break;
            batcher.add(spec.chunk.parse(chunk));
          }
        } finally {
          batcher.flush();
        }
        post({ t: 'done' });
      } catch (error) {
        const { code, message } = toMessagingError(error);
        post({ t: 'error', error: { code, message } });
      } finally {
        clearInterval(keepAlive);
      }
    }
  };
}
