import { errorResponse, GatewayError } from '../errors';
import type { ResponsesStorage } from './store';

const notFound = (id: string) => new GatewayError(404, 'not_found_error', 'response_not_found', `No response with id '${id}' is stored for this key.`, { param: 'response_id' });

/**
 * GET /responses/{id}, DELETE /responses/{id} and GET /responses/{id}/input_items: the stored
 * responses of the key that asks, as OpenAI serves its own.
 */
export async function handleStoredResponse(request: Request, path: string, storage: ResponsesStorage | undefined): Promise<Response> {
  const match = /\/responses\/([^/]+)(\/input_items)?$/.exec(path);
  if (!match) return errorResponse(new GatewayError(404, 'not_found_error', 'unknown_route', `No route ${request.method} ${path}.`));
  const id = decodeURIComponent(match[1]!);
  if (!storage) return errorResponse(notFound(id));
  if (request.method === 'DELETE' && !match[2]) {
    return (await storage.store.delete(id, storage.owner)) ? Response.json({ id, object: 'response', deleted: true }) : errorResponse(notFound(id));
  }
  if (request.method !== 'GET') return errorResponse(new GatewayError(405, 'invalid_request_error', 'method_not_allowed', 'Use GET (or DELETE for the response itself) here.'), { allow: 'GET, DELETE' });
  const record = await storage.store.get(id, storage.owner);
  if (!record) return errorResponse(notFound(id));
  if (!match[2]) return Response.json(record.response);
  const url = new URL(request.url);
  const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 20) || 20));
  // Newest first, as OpenAI lists them, unless asked for ascending order; `after` pages on.
  const items = url.searchParams.get('order') === 'asc' ? record.input : [...record.input].reverse();
  const after = url.searchParams.get('after');
  const start = after ? items.findIndex((item) => item.id === after) + 1 : 0;
  const data = items.slice(start, start + limit);
  return Response.json({ object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + limit < items.length });
}
