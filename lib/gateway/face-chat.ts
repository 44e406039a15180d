import { handleChatCompletions, type ChatDeps } from './chat';
import type { Endpoint } from './record';
import { SITE_HEADER } from './request-steps';

/** Headers of the gateway's chat answer that every face passes on: who answered. */
const ANSWER_HEADERS = ['x-switchyard-provider', 'x-switchyard-model', 'x-switchyard-tools-left-out'];

export function answerHeaders(response: Response): Record<string, string> {
  return Object.fromEntries(ANSWER_HEADERS.flatMap((name) => (response.headers.has(name) ? [[name, response.headers.get(name)!]] : [])));
}

/**
 * A face's request (Responses, Messages) answered as the chat completion it maps to: routed,
 * priced, budgeted and booked once, under the face's endpoint, at the same host and prefix.
 */
export function answerAsChat(httpRequest: Request, deps: ChatDeps, body: Record<string, unknown>, endpoint: Endpoint, received?: unknown): Promise<Response> {
  const url = new URL(httpRequest.url);
  url.pathname = url.pathname.replace(/\/(responses(\/compact)?|messages)\/?$/, '/chat/completions');
  return handleChatCompletions(
    new Request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-switchyard-source': httpRequest.headers.get('x-switchyard-source') ?? 'api',
        ...(httpRequest.headers.get(SITE_HEADER) ? { [SITE_HEADER]: httpRequest.headers.get(SITE_HEADER)! } : {}),
      },
      body: JSON.stringify(body),
      signal: httpRequest.signal,
    }),
    deps,
    { endpoint, received },
  );
}
