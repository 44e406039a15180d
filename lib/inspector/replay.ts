/** Fields that pin a request to its first route: a replay goes to the one model asked for. */
const ROUTE_FIELDS = ['models', 'route', 'provider', 'fallbacks'];

/** Whether what was kept is a chat request a replay can send again. */
export const canReplay = (received: unknown): boolean => Array.isArray((received as { messages?: unknown } | null)?.messages);

/**
 * The request a replay sends: the one the gateway received, word for word (messages, tools,
 * sampling), on another model, streamed; undefined when what was kept is not a chat request.
 */
export function replayBody(received: unknown, model: string): ({ model: string; messages: unknown[] } & Record<string, unknown>) | undefined {
  if (!canReplay(received)) return undefined;
  const kept = Object.fromEntries(Object.entries(received as object).filter(([key]) => !ROUTE_FIELDS.includes(key)));
  return { ...kept, model, messages: (received as { messages: unknown[] }).messages, stream: true };
}

/** The words of the last user message of a chat request (its text parts joined), for a comparison; '' when none. */
export function lastQuestionOf(request: unknown): string {
  const messages = (request as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return '';
  const last = [...messages].reverse().find((m) => (m as { role?: unknown } | null)?.role === 'user') as { content?: unknown } | undefined;
  const content = last?.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => ((part as { type?: unknown }).type === 'text' ? String((part as { text?: unknown }).text ?? '') : ''))
    .filter(Boolean)
    .join('\n');
}
