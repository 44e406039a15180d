import type { MockSearch } from './search';
/** What the mock provider should do with the next matching request. */
export type Fault =
  /** Answer with this status and the provider's own error body. */
  | { type: 'status'; status: number; message?: string; retryAfter?: string }
  /** Destroy the socket after this many stream chunks. */
  | { type: 'cut'; afterChunks: number }
  /** Send a line that is not valid SSE JSON after this many chunks. */
  | { type: 'malformed'; afterChunks?: number }
  /** Send the provider's own mid-stream error event after this many chunks. */
  | { type: 'stream-error'; afterChunks: number; message?: string }
  /** Pause this long after this many stream chunks, then go on. */
  | { type: 'stall'; afterChunks: number; ms: number }
  /** Wait before answering at all. */
  | { type: 'delay'; ms: number }
  /** Never answer (until the client gives up). */
  | { type: 'hang' }
  /** Reset the connection without answering. */
  | { type: 'refuse' };

export interface MockBehavior {
  /** Only requests to this target (the /t/<target>/ path prefix) match. */
  target?: string;
  /** Only requests for this model match. */
  model?: string;
  /** Only requests that offer the model tools match (a model calls a tool only when it has one). */
  whenToolsOffered?: boolean;
  /** How many requests this script answers; default 1. */
  times?: number;
  text?: string;
  reasoning?: string;
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
  /** Answer this value as JSON text. */
  json?: unknown;
  /** Split the answer into this many stream chunks (default: one per word). */
  chunks?: number;
  chunkDelayMs?: number;
  usage?: { prompt?: number; completion?: number; cached?: number; cacheWrite?: number; reasoning?: number };
  finish?: 'stop' | 'length' | 'tool_calls' | 'content_filter';
  fault?: Fault;
  /** Web search results, used when the request asks for search in its provider's own shape. */
  search?: MockSearch;
}

/** What the mock answers, after defaults are filled in. */
export interface Answer {
  model: string;
  text: string;
  reasoning: string;
  toolCalls: { id: string; name: string; arguments: Record<string, unknown> }[];
  pieces: string[];
  chunkDelayMs: number;
  usage: { prompt: number; completion: number; cached: number; cacheWrite: number; reasoning: number };
  finish: 'stop' | 'length' | 'tool_calls' | 'content_filter';
  fault?: Fault;
  search?: MockSearch;
}

export const tokensOf = (text: string) => Math.max(1, Math.ceil(text.length / 4));

export function splitPieces(text: string, chunks?: number): string[] {
  if (!text) return [];
  if (chunks && chunks > 0) {
    const size = Math.ceil(text.length / chunks);
    const out: string[] = [];
    for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
    return out;
  }
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

let callCounter = 0;

export function buildAnswer(behavior: MockBehavior, model: string, promptText: string, lastUserText: string, format: string): Answer {
  const toolCalls = (behavior.toolCalls ?? []).map((call) => ({ id: `call_mock_${++callCounter}`, ...call }));
  const text =
    behavior.json !== undefined
      ? JSON.stringify(behavior.json)
      : (behavior.text ?? (toolCalls.length > 0 ? '' : `Mock ${format} answer to: ${lastUserText.slice(0, 80)}`));
  const reasoning = behavior.reasoning ?? '';
  const completionDefault = tokensOf(text + reasoning) + toolCalls.reduce((n, c) => n + tokensOf(JSON.stringify(c.arguments)), 0);
  return {
    model,
    text,
    reasoning,
    toolCalls,
    pieces: splitPieces(text, behavior.chunks),
    chunkDelayMs: behavior.chunkDelayMs ?? 0,
    usage: {
      prompt: behavior.usage?.prompt ?? tokensOf(promptText),
      completion: behavior.usage?.completion ?? completionDefault,
      cached: behavior.usage?.cached ?? 0,
      cacheWrite: behavior.usage?.cacheWrite ?? 0,
      reasoning: behavior.usage?.reasoning ?? (reasoning ? tokensOf(reasoning) : 0),
    },
    finish: behavior.finish ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    fault: behavior.fault,
    ...(behavior.search ? { search: behavior.search } : {}),
  };
}
