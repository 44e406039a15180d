import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Answer } from './behavior';

export interface MockRequest {
  format: string;
  target?: string;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  /** The body as sent and the path as sent (still percent-encoded), for signature checks. */
  raw?: string;
  rawPath?: string;
}

/** A provider's answer problem: the status and the body that provider would send. */
export class WireError {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

/** How one provider format checks, answers and streams. */
export interface WireFormat {
  /** The model a request asks for, or a WireError when the request is one the real API refuses. */
  check(req: MockRequest): { model: string } | WireError;
  /** All text in the prompt (for token counts) and the last user text (for the default answer). */
  promptText(req: MockRequest): { all: string; lastUser: string };
  isStream(req: MockRequest): boolean;
  errorBody(status: number, message: string): unknown;
  /** Provider behaviour that changes the answer's figures (Claude's prompt cache), with state kept per mock server. */
  adjust?(answer: Answer, req: MockRequest, cache: Set<string>): Answer;
  complete(answer: Answer, req: MockRequest): unknown;
  /** The stream as raw frames (text, or bytes for binary framing), in order; the server writes them with delays and faults. */
  streamFrames(answer: Answer, req: MockRequest): (string | Uint8Array)[];
  streamError(message: string): string | Uint8Array;
  malformed: string | Uint8Array;
  contentType: string;
  listModels(req: MockRequest): unknown | WireError;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, raw?: string) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(raw ?? JSON.stringify(body));
}

export const sse = (data: unknown, event?: string) => `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: { type?: string; text?: string; content?: unknown }) =>
        typeof part?.text === 'string' ? part.text : part?.type === 'tool_result' ? textOf(part.content) : '',
      )
      .join('\n');
  }
  return '';
}
