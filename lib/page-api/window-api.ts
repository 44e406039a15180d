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
  response_not_found: 404,
  rate_limited: 429,
};

/** One request to Switchyard: frames arrive through `onFrame`; the returned function aborts it. */
type Kind = 'chat' | 'embeddings' | 'responses' | 'models' | 'access';

function send(kind: Kind, body: unknown, onFrame: (frame: Frame) => void): () => void {
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

function single<T>(kind: Kind, body?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    send(kind, body, (frame) => {
      if (frame.t === 'result') resolve(frame.data as T);
      else if (frame.t === 'error') reject(new SwitchyardError(frame.error!.code, frame.error!.message));
    });
  });
}

/** A streamed answer: an async iterator of OpenAI chunks (or Responses events); the promise settles at the first one or an error. */
function streamed(kind: 'chat' | 'responses', body: unknown, signal?: AbortSignal): Promise<AsyncIterable<unknown>> {
  return new Promise((resolve, reject) => {
    const queue: Frame[] = [];
    let wake: (() => void) | undefined;
    let started = false;
    const abort = send(kind, body, (frame) => {
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

/** Chunks as server-sent events: chat's `data:` lines ending with [DONE], or Responses events named by their type. */
function eventStream(chunks: AsyncIterable<unknown>, named: boolean): Response {
  const iterator = chunks[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) {
          if (!named) controller.enqueue(encoder.encode('data: [DONE]\n\n'));
          controller.close();
        } else {
          const type = named ? `event: ${String((next.value as { type?: unknown }).type)}\n` : '';
          controller.enqueue(encoder.encode(`${type}data: ${JSON.stringify(next.value)}\n\n`));
        }
      } catch (error) {
        const e = error instanceof SwitchyardError ? error : new SwitchyardError('internal_error', String(error));
        controller.enqueue(encoder.encode(`${named ? 'event: error\n' : ''}data: ${JSON.stringify(named ? { type: 'error', ...errorBody(e) } : errorBody(e))}\n\n`));
        controller.close();
      }
    },
    cancel: () => void iterator.return?.(),
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
}

const ROUTES = 'POST /chat/completions, POST /responses (and GET/DELETE /responses/{id}, GET /responses/{id}/input_items, POST /responses/compact), POST /embeddings and GET /models';

/** The Responses routes: a site's own stored responses, and new ones. */
async function responsesRoute(request: Request, path: string, signal: AbortSignal | undefined): Promise<Response | undefined> {
  const stored = /\/responses\/([^/]+)(\/input_items)?$/.exec(path);
  if (request.method === 'POST' && path.endsWith('/responses/compact')) return jsonResponse(200, await single('responses', { op: 'compact', body: await request.json() }));
  if (request.method === 'POST' && path.endsWith('/responses')) {
    const body = (await request.json()) as Record<string, unknown>;
    if (!body.stream) return jsonResponse(200, await single('responses', { op: 'create', body }));
    return eventStream(await streamed('responses', { op: 'create', body }, signal), true);
  }
  if (!stored) return undefined;
  const id = decodeURIComponent(stored[1]!);
  if (stored[2] && request.method === 'GET') return jsonResponse(200, await single('responses', { op: 'input_items', id, query: Object.fromEntries(new URL(request.url).searchParams) }));
  if (request.method === 'GET') return jsonResponse(200, await single('responses', { op: 'retrieve', id }));
  if (request.method === 'DELETE') return jsonResponse(200, await single('responses', { op: 'delete', id }));
  return undefined;
}

/** A fetch the `openai` SDK can use: chat completions, responses, embeddings and models, answered by Switchyard. */
async function switchyardFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const path = new URL(request.url).pathname.replace(/\/+$/, '');
  try {
    if (request.method === 'GET' && path.endsWith('/models')) return jsonResponse(200, await single('models'));
    if (request.method === 'POST' && path.endsWith('/embeddings')) return jsonResponse(200, await single('embeddings', await request.json()));
    if (/\/responses(\/|$)/.test(path)) {
      const answered = await responsesRoute(request, path, init?.signal ?? undefined);
      if (answered) return answered;
    }
    if (request.method !== 'POST' || !path.endsWith('/chat/completions')) {
      return jsonResponse(404, { error: { message: `Switchyard answers ${ROUTES}, not ${request.method} ${path}.`, type: 'switchyard_error', code: 'unknown_route' } });
    }
    const body = (await request.json()) as Record<string, unknown>;
    if (!body.stream) return jsonResponse(200, await single('chat', body));
    return eventStream(await streamed('chat', body, init?.signal ?? undefined), false);
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
          return body.stream ? streamed('chat', body, options.signal) : single('chat', body);
        },
      }),
    }),
    /** OpenAI's Responses API: this site's responses are kept for it alone (store: true), for previous_response_id. */
    responses: Object.freeze({
      create(body: Record<string, unknown>, options: { signal?: AbortSignal } = {}) {
        return body.stream ? streamed('responses', { op: 'create', body }, options.signal) : single('responses', { op: 'create', body });
      },
      retrieve: (id: string) => single('responses', { op: 'retrieve', id }),
      delete: (id: string) => single('responses', { op: 'delete', id }),
      compact: (body: Record<string, unknown>) => single('responses', { op: 'compact', body }),
      inputItems: Object.freeze({ list: (id: string, query: Record<string, string> = {}) => single('responses', { op: 'input_items', id, query }) }),
    }),
    embeddings: Object.freeze({
      /** Vectors for texts, as OpenAI's embeddings.create answers (floats unless encoding_format is "base64"). */
      create: (body: Record<string, unknown>) => single('embeddings', body),
    }),
    fetch: switchyardFetch,
  });
}
