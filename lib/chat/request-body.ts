import type { ReasoningDetail } from '../gateway/reasoning';

/** The thinking control of the side panel and compare. */
export const THINKING_CHOICES = ['default', 'off', 'low', 'medium', 'high'] as const;
export type ThinkingChoice = (typeof THINKING_CHOICES)[number];

export interface HistoryMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** Images sent with a question (data URLs). */
  images?: string[];
  /** The model that wrote an answer. */
  model?: string;
  reasoningDetails?: ReasoningDetail[];
}

export interface ChatBodyInput {
  model: string;
  /** Whether the model reasons; the thinking control applies only then. */
  reasons: boolean;
  thinking: ThinkingChoice;
  /** The page the conversation is about, as a system prompt. */
  pageSystem?: string;
  history: HistoryMessage[];
  /** Ask the model to search the web (its provider's own search), citing what it finds. */
  webSearch?: boolean;
}

const CACHE = { type: 'ephemeral' } as const;
const cached = (text: string) => [{ type: 'text', text, cache_control: CACHE }];

/**
 * The chat request the side panel sends. The page and the conversation so far are marked as cache
 * breakpoints, so a follow-up question reads them from the provider's cache: Claude caches only
 * what is marked (directly or through OpenRouter); other adapters drop the marks, and OpenAI and
 * Gemini cache long prefixes on their own. Answers carry their reasoning entries back to the model
 * that wrote them (a signature means nothing to another model).
 */
export function chatRequestBody({ model, reasons, thinking, pageSystem, history, webSearch }: ChatBodyInput): { model: string; messages: Record<string, unknown>[]; [key: string]: unknown } {
  const messages: Record<string, unknown>[] = [];
  if (pageSystem) messages.push({ role: 'system', content: cached(pageSystem) });
  // The breakpoint goes on the last message before the new question: everything up to it repeats.
  const prefixEnd = history.length - 2;
  history.forEach((m, i) => {
    const text = i === prefixEnd && m.content ? cached(m.content) : m.content;
    const content = m.images?.length ? [...(typeof text === 'string' ? (text ? [{ type: 'text', text }] : []) : text), ...m.images.map((url) => ({ type: 'image_url', image_url: { url } }))] : text;
    const message: Record<string, unknown> = { role: m.role, content };
    if (m.role === 'assistant' && m.model === model && m.reasoningDetails?.length) message.reasoning_details = m.reasoningDetails;
    messages.push(message);
  });
  const body: { model: string; messages: Record<string, unknown>[]; [key: string]: unknown } = { model, messages };
  if (reasons && thinking !== 'default') body.reasoning = thinking === 'off' ? { enabled: false } : { effort: thinking };
  if (webSearch) body.web_search_options = {};
  return body;
}

/** Joins streamed reasoning entries by index, as OpenRouter's clients do: text grows, the rest is replaced. */
export function mergeReasoningDetails(into: ReasoningDetail[], incoming: readonly ReasoningDetail[]): void {
  for (const detail of incoming) {
    const at = detail.index == null ? -1 : into.findIndex((d) => d.index === detail.index && d.type === detail.type);
    if (at < 0) {
      into.push({ ...detail });
      continue;
    }
    const current = into[at]!;
    into[at] = { ...current, ...detail, ...(current.text != null && detail.text != null ? { text: current.text + detail.text } : {}) };
  }
}
