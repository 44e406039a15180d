import * as z from 'zod/mini';
import { citationOf } from '../../web-search';
import { openAiFinishReason } from '../shared/finish';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { sseEventText } from '../shared/sse-text';
import { firstTokenFirst, mergeDeltas, parseEventJson, type PartHandler } from '../shared/streams';
import { nextTask } from '../../next-task';
import type { StreamPart } from '../types';
import { mapOpenAiUsage, OpenAiUsage } from './response';
import { envelopeOf, plainTextRun } from './text-run';
import { ReasoningDetail } from '../../reasoning';

// Built when a stream first has a chunk the plain-text path below does not take (its end, usage,
// tools, errors): after the first token, so a cold worker's first answer does not wait for it.
const OpenAiChunk = z.lazy(() =>
  z.looseObject({
    model: z.nullish(z.string()),
    error: z.optional(z.unknown()),
    choices: z.nullish(
      z.array(
        z.looseObject({
          delta: z.nullish(
            z.looseObject({
              content: z.nullish(z.string()),
              reasoning_content: z.nullish(z.string()),
              reasoning: z.nullish(z.string()),
              reasoning_details: z.nullish(z.array(ReasoningDetail)),
              annotations: z.nullish(z.array(z.looseObject({ type: z.string(), url_citation: z.optional(z.looseObject({})) }))),
              tool_calls: z.nullish(
                z.array(
                  z.looseObject({
                    index: z.optional(z.int().check(z.nonnegative())),
                    id: z.nullish(z.string()),
                    function: z.nullish(z.looseObject({ name: z.nullish(z.string()), arguments: z.nullish(z.string()) })),
                  }),
                ),
              ),
            }),
          ),
          finish_reason: z.nullish(z.string()),
        }),
      ),
    ),
    usage: z.nullish(OpenAiUsage),
  }),
);

function streamError(error: unknown): StreamPart {
  if (error && typeof error === 'object') {
    const e = error as { message?: unknown; code?: unknown; type?: unknown };
    return {
      type: 'error',
      message: typeof e.message === 'string' ? e.message : JSON.stringify(error),
      code: typeof e.code === 'string' ? e.code : typeof e.type === 'string' ? e.type : undefined,
      status: typeof e.code === 'number' ? e.code : undefined,
    };
  }
  return { type: 'error', message: String(error) };
}

/**
 * The text of the commonest chunk, `{choices:[{delta:{content}}]}` with nothing else that
 * matters, checked by hand; anything else (tools, usage, errors, odd shapes) goes through zod.
 * Most of a stream's chunks take this path, and zod costs more than the rest of the work.
 */
function plainText(json: unknown): { text: string; model: unknown } | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const chunk = json as { choices?: unknown; usage?: unknown; error?: unknown; model?: unknown };
  if (chunk.error !== undefined || (chunk.usage !== undefined && chunk.usage !== null)) return undefined;
  const choices = chunk.choices;
  if (!Array.isArray(choices) || choices.length !== 1) return undefined;
  const choice = choices[0] as { delta?: unknown; finish_reason?: unknown } | null;
  if (typeof choice !== 'object' || choice === null || (choice.finish_reason !== null && choice.finish_reason !== undefined)) return undefined;
  const delta = choice.delta as Record<string, unknown> | null | undefined;
  if (typeof delta !== 'object' || delta === null) return undefined;
  for (const key in delta) {
    const value = delta[key];
    if (key === 'content') {
      if (typeof value !== 'string') return undefined;
    } else if (key === 'role' ? typeof value !== 'string' : value !== null && value !== undefined && value !== '') return undefined;
  }
  return typeof delta.content === 'string' ? { text: delta.content, model: chunk.model } : undefined;
}

const DELTA_CONTENT = '"delta":{"content":"';
const CHOICE_START = '"choices":[{"index":0,';
const CHOICE_END = /^,("logprobs":null,"finish_reason":null|"finish_reason":null(,"logprobs":null)?)\}\]/;

/**
 * The text of a plain text chunk read straight from the event's text, without parsing it:
 * one choice, a delta with only content, no finish, no usage, no error. Anything that does not
 * match this exact shape returns undefined and is parsed in full.
 */
export function textWithoutParsing(data: string): string | undefined {
  const at = data.indexOf(DELTA_CONTENT);
  if (at < 0) return undefined;
  const start = at + DELTA_CONTENT.length;
  let end = start;
  let escaped = false;
  for (; end < data.length; end++) {
    const c = data.charCodeAt(end);
    if (c === 92) {
      escaped = true;
      end++;
    } else if (c === 34) break;
  }
  if (end >= data.length || data.charCodeAt(end + 1) !== 125) return undefined;
  const head = data.slice(0, at);
  const tail = data.slice(end + 2);
  if (!head.endsWith(CHOICE_START) || head.includes('"error"') || !CHOICE_END.test(tail) || tail.includes('"usage":{') || tail.includes('"error"'))
    return undefined;
  if (!escaped) return data.slice(start, end);
  try {
    return JSON.parse(data.slice(start - 1, end + 1)) as string;
  } catch {
    return undefined; // the full parser names the fault
  }
}

/** Parts of OpenAI-format events; `envelope` is learnt from the first plain text event. */
export function openAiParts(): PartHandler<EventSourceMessage> & { envelope?: string } {
  let modelSent = false;
  let sawToolCall = false;
  let finished = false;
  return {
    envelope: undefined,
    event(event, out) {
      if (event.data === '[DONE]') {
        if (!finished) out.push({ type: 'finish', reason: sawToolCall ? 'tool_calls' : 'stop' });
        return true;
      }
      if (event.event === 'error') {
        out.push(streamError(parseEventJson(event.data)));
        return true;
      }
      const quick = modelSent ? textWithoutParsing(event.data) : undefined;
      if (quick !== undefined) {
        if (quick) out.push({ type: 'text', text: quick });
        this.envelope ??= envelopeOf(event.data);
        return false;
      }
      const json = parseEventJson(event.data);
      // A stream's first event (its role, and the model) takes this path too: it comes before the first token.
      const plain = plainText(json);
      if (plain && (modelSent || plain.model === undefined || plain.model === null || typeof plain.model === 'string')) {
        if (!modelSent && typeof plain.model === 'string' && plain.model) {
          modelSent = true;
          out.push({ type: 'model', model: plain.model });
        }
        if (plain.text) out.push({ type: 'text', text: plain.text });
        return false;
      }
      const chunk = OpenAiChunk.parse(json);
      if (chunk.error) {
        out.push(streamError(chunk.error));
        return true;
      }
      if (!modelSent && chunk.model) {
        modelSent = true;
        out.push({ type: 'model', model: chunk.model });
      }
      for (const choice of chunk.choices ?? []) {
        const delta = choice.delta;
        const reasoning = delta?.reasoning_content ?? delta?.reasoning;
        if (reasoning) out.push({ type: 'reasoning', text: reasoning });
        // OpenRouter's entries pass through as they come; clients join them by index.
        for (const detail of delta?.reasoning_details ?? []) out.push({ type: 'reasoning-detail', detail });
        if (delta?.content) out.push({ type: 'text', text: delta.content });
        for (const annotation of delta?.annotations ?? []) {
          const citation = annotation.type === 'url_citation' ? citationOf(annotation) : undefined;
          if (citation) out.push({ type: 'citation', citation });
        }
        for (const [position, call] of (delta?.tool_calls ?? []).entries()) {
          sawToolCall = true;
          out.push({
            type: 'tool-call',
            index: call.index ?? position,
            id: call.id ?? undefined,
            name: call.function?.name ?? undefined,
            arguments: call.function?.arguments ?? undefined,
          });
        }
        if (choice.finish_reason) {
          finished = true;
          const reason = openAiFinishReason(choice.finish_reason);
          out.push({ type: 'finish', reason: sawToolCall && reason === 'stop' ? 'tool_calls' : reason });
        }
      }
      if (chunk.usage) out.push({ type: 'usage', usage: mapOpenAiUsage(chunk.usage) });
      return false;
    },
  };
}

/**
 * Parts of an OpenAI-format stream, one batch per network read. A run of plain text events is
 * read in place (see text-run.ts); every other event goes through the parser, one at a time.
 */
export async function* parseOpenAiStream(body: ReadableStream<Uint8Array>): AsyncIterable<StreamPart[]> {
  const handler = openAiParts();
  const first = firstTokenFirst();
  let events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  for await (const text of sseEventText(body)) {
    let out: StreamPart[] = [];
    let at = 0;
    while (at < text.length) {
      if (first.splits(out, true)) {
        yield mergeDeltas(out);
        out = [];
        await nextTask();
      }
      const envelope = handler.envelope;
      if (envelope) {
        const run = plainTextRun(text, at, envelope);
        if (run.end > at) {
          if (run.text) out.push({ type: 'text', text: run.text });
          at = run.end;
          continue;
        }
      }
      const cut = text.indexOf('\n\n', at);
      const end = cut < 0 ? text.length : cut + 2;
      parser.feed(end - at === text.length ? text : text.slice(at, end));
      at = end;
      for (const event of events) {
        if (handler.event(event, out)) {
          yield mergeDeltas(out);
          return;
        }
      }
      events = [];
    }
    if (out.length) yield mergeDeltas(out);
  }
}
