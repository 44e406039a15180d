import { openSocketSession, type Gateway } from '../../lib/gateway';
import type { ServerWebSocket } from './env';

declare const WebSocketPair: { new (): Record<0 | 1, ServerWebSocket> };

/**
 * GET /v1/responses with Upgrade: websocket: the Responses API's WebSocket mode, each
 * `response.create` message answered through the member's gateway (admitted, budgeted and booked
 * like a POST) with its events as messages.
 */
export function acceptResponsesSocket(request: Request, gateway: Gateway): Response {
  const pair = new WebSocketPair();
  const [client, server] = [pair[0], pair[1]];
  server.accept();
  const session = openSocketSession((r) => gateway.fetch(r), request.url, request.headers, (text) => server.send(text));
  server.addEventListener('message', (event) => session.receive(typeof event.data === 'string' ? event.data : new TextDecoder().decode(event.data)));
  // The runtime waits for the Worker's side to close too; until it does, the request counts as hung.
  const end = () => {
    session.close();
    try {
      server.close(1000, 'closed');
    } catch {
      // already closed
    }
  };
  server.addEventListener('close', end);
  server.addEventListener('error', end);
  return new Response(null, { status: 101, webSocket: client } as ResponseInit);
}
