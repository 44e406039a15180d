import { sseEvents } from '../gateway/providers/shared/streams';
import type { ChatChunk } from '../messaging/contracts';
import { MessagingError } from '../messaging/rpc';
import { withRoutingDefaults, type RoutingSettings } from '../settings/routing';
import type { GatewayHolder } from './gateway-holder';
import { SITE_HEADER } from '../gateway/request-steps';

/** Streams a chat completion through the gateway, with the user's routing defaults; each chunk is an OpenAI chunk object. */
export async function* runChat(
  gateways: GatewayHolder,
  loadRouting: () => Promise<RoutingSettings>,
  body: Record<string, unknown>,
  source: string,
  signal: AbortSignal,
  site?: string,
): AsyncIterable<ChatChunk> {
  const [gateway, routing] = await Promise.all([gateways.for(body), loadRouting()]);
  const response = await gateway.fetch(
    new Request('http://switchyard.local/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ ...withRoutingDefaults(body, routing), stream: true }),
      headers: { 'content-type': 'application/json', 'x-switchyard-source': source, ...(site ? { [SITE_HEADER]: site } : {}) },
      signal,
    }),
  );
  if (!response.ok || !response.body) {
    const json = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new MessagingError(json.error?.code ?? `http_${response.status}`, json.error?.message ?? `The gateway answered ${response.status}.`);
  }
  for await (const event of sseEvents(response.body)) {
    if (event.data === '[DONE]') return;
    const json = JSON.parse(event.data) as ChatChunk & { error?: { code: string; message: string } };
    if (json.error) throw new MessagingError(json.error.code, json.error.message);
    yield json;
  }
  throw signal.aborted ? new MessagingError('aborted', 'The request was stopped.') : new MessagingError('stream_truncated', 'The answer ended before it was complete.');
}
