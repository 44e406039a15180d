/** Fields that pin a request to its first route: a replay goes to the one model asked for. */
const ROUTE_FIELDS = ['models', 'route', 'provider', 'fallbacks'];

/**
 * The request a replay sends: the one the gateway received, word for word (messages, tools,
 * sampling), on another model, streamed; undefined when what was kept is not a chat request.
 */
export function replayBody(received: unknown, model: string): ({ model: string; messages: unknown[] } & Record<string, unknown>) | undefined {
  if (!received || typeof received !== 'object' || !Array.isArray((received as { messages?: unknown }).messages)) return undefined;
  const kept = Object.fromEntries(Object.entries(received).filter(([key]) => !ROUTE_FIELDS.includes(key)));
  return { ...kept, model, messages: (received as { messages: unknown[] }).messages, stream: true };
}
