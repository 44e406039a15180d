/**
 * `window.switchyard`, as pages see it. Runs in the page's own world with no extension APIs:
 * it talks to Switchyard's content script by window messages, and never sees a key.
 */
const CHANNEL = 'switchyard-page-api';

interface Frame {
  t: 'chunk' | 'chunks' | 'result' | 'done' | 'error';
  data?: unknown;
  error?: { code: string; message: string };
}

export class SwitchyardError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SwitchyardError';
  }
}

const STATUS: Record<string, number> = {
  permission_required: 403,
  permission_denied: 403,
  model_not_allowed: 403,
  budget_exceeded: 402,
  cost_cap: 402,
  locked: 423,
  model_not_found: 404,
  rate_limited: 429,
};

/** One request to Switchyard: frames arrive through `onFrame`; the returned function aborts it. */
function send(kind: 'chat' | 'embeddings' | 'models' | 'access', body: unknown, onFrame: (frame: Frame) => void): () => void {
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const listener = (event: MessageEvent) => {
    const data = event.data as { channel?: string; dir?: string; id?: string; frame?: Frame };
    if (event.source !== window || data?.channel !== CHANNEL || data.dir !== 'to-page' || data.id !== id || !data.frame) return;
    if (data.frame.t === 'done' || data.frame.t === 'error') window.removeEventListener('message', listener);
    onFrame(data.frame);
  };
  window.addEventListener('message', listener);
  window.postMessage({ channel: CHANNEL, dir: 'to-extension', id, kind, body }, '*');
  return () => {
    window.removeEventListener('message', listener);
    window.postMessage({ channel: CHANNEL, dir: 'to-extension', id, kind: 'abort' }, '*');
  };
}

function single<T>(kind: 'models' | 'access' | 'chat' | 'embeddings', body?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    send(kind, body, (frame) => {
      if (frame.t === 'result') resolve(frame.data as T);
      else if (frame.t === 'error') reject(new SwitchyardError(frame.error!.code, frame.error!.message));
    });
  });
}

/** A streamed answer: an async iterator of OpenAI chunks; the promise settles at the first chunk or error. */
function streamed(body: Record<string, unknown>, signal?: AbortSignal): Promise<AsyncIterable<unknown>> {
  return new Promise((resolve, reject) => {
    const queue: Frame[] = [];
    let wake: (() => void) | undefined;
    let started = false;
    const abort = send('chat', body, (frame) => {
      if (!started) {
        started = true;
        if (frame.t === 'error') return reject(new SwitchyardError(frame.error!.code, frame.error!.message));
        resolve(iterable);
      }
      queue.push(frame);
      wake?.();
    });
    signal?.addEventListener('abort', () => {
      abort();
      queue.push({ t: 'error', error: { code: 'aborted', message: 'The request was aborted.' } });
      wake?.();
      if (!started) reject(new SwitchyardError('aborted', 'The request was aborted.'));
    });
    const iterable: AsyncIterable<unknown> = {
      async *[Symbol.asyncIterator]() {
        try {
          for (;;) {
            const frame = queue.shift();
            if (!frame) {
              await new Promise<void>((r) => (wake = r));
              continue;
            }
            if (frame.t === 'chunk') yield frame.data;
            else if (frame.t === 'chunks') yield* frame.data as unknown[];
            else if (frame.t === 'done') return;
            else if (frame.t === 'error') throw new SwitchyardError(frame.error!.code, frame.error!.message);
          }
        } finally {
          abort();
        }
      },
    };
  });
}

const encoder = new TextEncoder();
const jsonResponse = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
const errorBody = (e: SwitchyardError) => ({ error: { message: e.message, type: 'switchyard_error', code: e.code } });

/** A fetch the `openai` SDK can use: POST …/chat/completions, POST …/embeddings and GET …/models, answered by Switchyard. */
async function switchyardFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const path = new URL(request.url).pathname.replace(/\/+$/, '');
  try {
    if (request.method === 'GET' && path.endsWith('/models')) return jsonResponse(200, await single('models'));
    if (request.method === 'POST' && path.endsWith('/embeddings')) return jsonResponse(200, await single('embeddings', await request.json()));
    if (request.method !== 'POST' || !path.endsWith('/chat/completions')) {
      const routes = 'POST /chat/completions, POST /embeddings and GET /models';
      return jsonResponse(404, { error: { message: `Switchyard answers ${routes}, not ${request.method} ${path}.`, type: 'switchyard_error', code: 'unknown_route' } });
    }
    const body = (await request.json()) as Record<string, unknown>;
    if (!body.stream) return jsonResponse(200, await single('chat', body));
    const chunks = await streamed(body, init?.signal ?? undefined);
    const iterator = chunks[Symbol.asyncIterator]();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done) {
            controller.enqueue(encoder.encode('data: [DONE]\n\n'));
            controller.close();
          } else controller.enqueue(encoder.encode(`data: ${JSON.stringify(next.value)}\n\n`));
        } catch (error) {
          const e = error instanceof SwitchyardError ? error : new SwitchyardError('internal_error', String(error));
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(errorBody(e))}\n\n`));
          controller.close();
        }
      },
      cancel: () => void iterator.return?.(),
    });
    return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
  } catch (error) {
    const e = error instanceof SwitchyardError ? error : new SwitchyardError('internal_error', String(error));
    return jsonResponse(STATUS[e.code] ?? 400, errorBody(e));
  }
}

export function createWindowApi() {
  return Object.freeze({
    version: 1,
    /** Asks the user to let this site use their models; resolves to where that stands. */
    requestAccess: () => single<{ status: 'allowed' | 'pending' | 'denied' }>('access').then((r) => r.status),
    listModels: () => single<{ data: { id: string }[] }>('models').then((r) => r.data),
    chat: Object.freeze({
      completions: Object.freeze({
        create(body: Record<string, unknown>, options: { signal?: AbortSignal } = {}) {
          return body.stream ? streamed(body, options.signal) : single('chat', body);
        },
      }),
    }),
    embeddings: Object.freeze({
      /** Vectors for texts, as OpenAI's embeddings.create answers (floats unless encoding_format is "base64"). */
      create: (body: Record<string, unknown>) => single('embeddings', body),
    }),
    fetch: switchyardFetch,
  });
}
