import type { ResponsesEndpoint } from '../gateway';
import type { ResponsesStorage } from './store';

/**
 * POST …/responses, its code loaded when a request first asks for it. With storage, responses are
 * kept (store: true, OpenAI's default), continued by previous_response_id and read back by
 * GET/DELETE …/responses/{id} and …/input_items; without, every request carries its conversation.
 */
export function responsesEndpointWith(storageFor?: ResponsesStorage | ((request: Request) => ResponsesStorage | undefined)): ResponsesEndpoint {
  return async (request, deps) => {
    // One store with an owner per request (the extension: each site its own), or one owner throughout.
    const storage = typeof storageFor === 'function' ? storageFor(request) : storageFor;
    const path = new URL(request.url).pathname.replace(/\/+$/, '');
    if (path.endsWith('/responses/compact') && request.method === 'POST') return (await import('./compact')).handleCompact(request, deps, storage);
    if (!path.endsWith('/responses')) return (await import('./stored-routes')).handleStoredResponse(request, path, storage);
    if (request.method !== 'POST') return new Response(JSON.stringify({ error: { message: 'Use POST here.', type: 'invalid_request_error', code: 'method_not_allowed', param: null } }), { status: 405, headers: { allow: 'POST', 'content-type': 'application/json' } });
    return (await import('./handler')).handleResponses(request, deps, storage);
  };
}

/** POST …/responses without storage. */
export const responsesEndpoint: ResponsesEndpoint = responsesEndpointWith();
