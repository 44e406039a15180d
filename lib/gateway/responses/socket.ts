import { chatEvents } from '../chat-events';
import { memoryResponseStore, type ResponseStore } from './store';

/**
 * Responses over a WebSocket (the Responses spec's WebSocket mode): each `response.create` message
 * is answered as POST /responses with `stream: true` would be, its events sent as messages, one
 * response at a time. Responses made on a socket, `store: false` ones too, can be continued on it
 * by previous_response_id; a new socket knows only stored ones. The gateway reaches the socket's
 * own responses by the connection id it sends with each request (see SOCKET_HEADER).
 */
export const SOCKET_HEADER = 'x-switchyard-socket';

/** The responses each open socket has made, by connection id (per isolate: a socket lives in one). */
const sockets = new Map<string, ResponseStore>();

export const socketStore = (id: string | null): ResponseStore | undefined => (id ? sockets.get(id) : undefined);

export interface SocketSession {
  /** Answers one client message; messages are answered in the order they came. */
  receive(text: string): void;
  close(): void;
}

const DISALLOWED = ['stream', 'stream_options', 'background'] as const;

/**
 * A socket's session. `answer` is the gateway's fetch for POST …/responses, `send` writes one
 * message to the client.
 */
export function openSocketSession(answer: (request: Request) => Promise<Response>, url: string, headers: Headers, send: (text: string) => void): SocketSession {
  const id = crypto.randomUUID();
  sockets.set(id, memoryResponseStore(100));
  let queue = Promise.resolve();
  const error = (status: number, code: string, message: string, param: string | null = null, type = 'invalid_request_error') =>
    send(JSON.stringify({ type: 'error', status, error: { type, code, message, param } }));

  async function respond(text: string): Promise<void> {
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return error(400, 'invalid_json', 'A WebSocket message must be a JSON object.');
    }
    if (event?.type !== 'response.create') return error(400, 'unknown_event', `Send "response.create" messages; "${String(event?.type)}" is not one.`, 'type');
    const present = DISALLOWED.find((key) => key in event);
    if (present) return error(400, 'invalid_request_error', `"${present}" is an HTTP field and must not be sent over the WebSocket.`, present);
    const { type: _type, ...body } = event;
    const requestHeaders = new Headers(headers);
    requestHeaders.set('content-type', 'application/json');
    requestHeaders.set(SOCKET_HEADER, id);
    requestHeaders.delete('upgrade');
    const response = await answer(new Request(url, { method: 'POST', headers: requestHeaders, body: JSON.stringify({ ...body, stream: true }) }));
    if (!response.ok || !response.body) {
      const json = (await response.json().catch(() => ({}))) as { error?: { type?: string; code?: string; message?: string; param?: string | null } };
      return error(response.status, json.error?.code ?? 'error', json.error?.message ?? `The request failed (${response.status}).`, json.error?.param ?? null, json.error?.type);
    }
    // The gateway's Responses stream, as messages: each event's data is the message.
    for await (const data of chatEvents(response.body)) if (data) send(JSON.stringify(data));
  }

  return {
    receive(text) {
      queue = queue.then(() => respond(text)).catch((caught: unknown) => error(500, 'api_error', caught instanceof Error ? caught.message : String(caught), null, 'api_error'));
    },
    close() {
      sockets.delete(id);
    },
  };
}
