import type { Rates } from '../catalog/pricing';
import type { ToolCall } from './openai-schema';
import type { StreamPart, UpstreamRequest } from './providers/types';

/** A request as a provider received it, after mapping: no key, in a header or in the address. */
export interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** One attempt's exchange with its provider: what was sent, and what came back when it failed. */
export interface AttemptExchange {
  sent: SentRequest;
  /** The provider's HTTP status, when it answered. */
  status?: number;
  /** The provider's error body, as it came (cut at MAX_ERROR_BODY characters). */
  errorBody?: string;
}

export interface AnswerDetails {
  text: string;
  reasoning?: string;
  toolCalls?: { id?: string; name?: string; arguments: string }[];
}

/** What was asked, sent and answered, kept beside a request's record when the gateway keeps details. */
export interface RequestDetails {
  /** The request's body as the gateway received it. */
  received: unknown;
  /** A Responses or Messages request: the chat completion request it was answered as. */
  asChat?: unknown;
  /** Per attempt of the record (same order): its exchange, or null for a candidate passed over unsent. */
  exchanges: (AttemptExchange | null)[];
  answer?: AnswerDetails;
  /** The prices per million tokens the answer was charged at (long-context and peak-hour prices applied). */
  rates?: Rates;
}

const MAX_ERROR_BODY = 64 * 1024;
/** Header names that carry credentials: never kept, whatever the provider calls them. */
const SECRET_HEADER = /auth|key|token|secret|signature|cookie|credential/i;
const SECRET_PARAM = /^(key|api[-_]?key|token|access[-_]?token|sig|signature|x-amz-.*)$/i;

export const REDACTED = '(hidden)';

export function sentRequestOf(upstream: UpstreamRequest): SentRequest {
  const url = new URL(upstream.url);
  for (const name of [...url.searchParams.keys()]) if (SECRET_PARAM.test(name)) url.searchParams.set(name, REDACTED);
  const headers = Object.fromEntries(Object.entries(upstream.init.headers).map(([name, value]) => [name, SECRET_HEADER.test(name) ? REDACTED : value]));
  return { url: url.href, method: upstream.init.method, headers, ...(upstream.init.body === undefined ? {} : { body: upstream.init.body }) };
}

export const errorBodyOf = (text: string) => (text.length > MAX_ERROR_BODY ? `${text.slice(0, MAX_ERROR_BODY)}…` : text);

/** Gathers a streamed answer's text, reasoning and tool calls from its parts, for the details. */
export class AnswerCollector {
  private text = '';
  private reasoning = '';
  private readonly calls = new Map<number, { id?: string; name?: string; arguments: string }>();

  add(part: StreamPart): void {
    if (part.type === 'text') this.text += part.text;
    else if (part.type === 'reasoning') this.reasoning += part.text;
    else if (part.type === 'tool-call') {
      const call = this.calls.get(part.index) ?? { arguments: '' };
      if (part.id) call.id = part.id;
      if (part.name) call.name = (call.name ?? '') + part.name;
      call.arguments += part.arguments ?? '';
      this.calls.set(part.index, call);
    }
  }

  answer(): AnswerDetails {
    return answerOf(this.text, this.reasoning, [...this.calls.values()]);
  }
}

export function answerOf(text: string, reasoning: string | undefined, toolCalls: { id?: string; name?: string; arguments: string }[]): AnswerDetails {
  return { text, ...(reasoning ? { reasoning } : {}), ...(toolCalls.length ? { toolCalls } : {}) };
}

export const toolCallsOf = (calls: ToolCall[]) => calls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments }));
