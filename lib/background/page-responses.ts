import * as z from 'zod/mini';
import type { Gateway } from '../gateway/gateway';
import { chatEvents } from '../gateway/chat-events';
import { conversationSoFar } from '../gateway/responses/handler';
import { toChatRequest } from '../gateway/responses/request';
import { ResponsesRequest, type InputItem } from '../gateway/responses/schema';
import type { ResponseStore } from '../gateway/responses/store';
import { MessagingError } from '../messaging/rpc';
import type { PageFrame } from '../page-api/protocol';
import { SITE_HEADER } from '../gateway/request-steps';

/**
 * The Responses API for web pages (`window.switchyard.responses`, and its fetch): each site's
 * responses are its own, kept in the extension's IndexedDB (see lib/ledger/responses-store.ts),
 * continued and read only by the origin that made them, within the model and the per-request
 * cost the user allowed the site.
 */
export const PageResponsesCall = z.discriminatedUnion('op', [
  z.object({ op: z.literal('create'), body: z.record(z.string(), z.unknown()) }),
  z.object({ op: z.literal('compact'), body: z.record(z.string(), z.unknown()) }),
  z.object({ op: z.literal('retrieve'), id: z.string().check(z.minLength(1), z.maxLength(200)) }),
  z.object({ op: z.literal('delete'), id: z.string().check(z.minLength(1), z.maxLength(200)) }),
  z.object({ op: z.literal('input_items'), id: z.string().check(z.minLength(1), z.maxLength(200)), query: z.optional(z.record(z.string(), z.string())) }),
]);

/** The header the background sets (pages never reach the gateway directly) naming whose responses a request uses. */
export const OWNER_HEADER = 'x-switchyard-owner';

export interface PageResponsesDeps {
  gateway(): Promise<Gateway>;
  store: ResponseStore;
}

interface Access {
  model: string | null;
  costCap: number | null;
}

const API = 'http://switchyard.local/v1/responses';

export async function* pageResponses(deps: PageResponsesDeps, origin: string, access: Access, body: unknown, signal: AbortSignal): AsyncIterable<PageFrame> {
  const parsed = PageResponsesCall.safeParse(body);
  if (!parsed.success) throw new MessagingError('invalid_request', 'Call responses.create, retrieve, delete, inputItems.list or compact.');
  const call = parsed.data;
  const gateway = await deps.gateway();
  const headers = { 'content-type': 'application/json', 'x-switchyard-source': 'page-api', [OWNER_HEADER]: origin, [SITE_HEADER]: origin };
  if (call.op === 'create' || call.op === 'compact') {
    if (access.model && call.body.model !== access.model) throw new MessagingError('model_not_allowed', `This site may use only ${access.model}, as you allowed it.`);
    if (access.costCap !== null) await withinCostCap(gateway, deps.store, origin, call.body, access.costCap);
    const response = await gateway.fetch(new Request(call.op === 'compact' ? `${API}/compact` : API, { method: 'POST', headers, body: JSON.stringify(call.body), signal }));
    if (call.op === 'create' && call.body.stream && response.ok && response.body) {
      for await (const event of chatEvents(response.body)) if (event) yield { t: 'chunk', data: event };
      return;
    }
    yield { t: 'result', data: await answered(response) };
    return;
  }
  const path = `${API}/${encodeURIComponent(call.id)}${call.op === 'input_items' ? `/input_items?${new URLSearchParams(call.query ?? {})}` : ''}`;
  yield { t: 'result', data: await answered(await gateway.fetch(new Request(path, { method: call.op === 'delete' ? 'DELETE' : 'GET', headers, signal }))) };
}

async function answered(response: Response): Promise<unknown> {
  const json = (await response.json()) as { error?: { code?: string; message?: string } };
  if (!response.ok || json.error) throw new MessagingError(json.error?.code ?? `http_${response.status}`, json.error?.message ?? 'The request failed.');
  return json;
}

/** The worst the request can cost, the stored turn it continues included, against the site's cap. */
async function withinCostCap(gateway: Gateway, store: ResponseStore, origin: string, body: Record<string, unknown>, costCap: number): Promise<void> {
  const request = ResponsesRequest.safeParse(body);
  // A malformed request is refused by the gateway itself, with the reason.
  if (!request.success) return;
  const input = await conversationSoFar(request.data, { store, owner: origin }).catch(() => undefined);
  if (!input) return;
  const { body: chat } = toChatRequest({ ...request.data, input: input as InputItem[], previous_response_id: null });
  const { maxCost } = gateway.estimate({ ...chat, stream: false });
  if (maxCost > costCap) {
    throw new MessagingError('cost_cap', `This request could cost up to $${maxCost.toFixed(4)}, more than the $${costCap} you allowed this site per request. Ask for fewer tokens (max_output_tokens).`);
  }
}
