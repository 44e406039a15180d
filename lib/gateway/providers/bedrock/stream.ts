import { EventStreamCodec, getChunkedStream } from '@smithy/core/event-streams';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import * as z from 'zod/mini';
import { chunksOf, MalformedStreamError } from '../shared/streams';
import type { StreamPart } from '../types';
import { REASONING_FORMATS } from '../../reasoning';
import { bedrockFinishReason, BedrockUsage, mapBedrockUsage } from './response';

/** The payloads of ConverseStream's events (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html). */
const Payload = z.looseObject({
  contentBlockIndex: z.nullish(z.number()),
  start: z.nullish(z.looseObject({ toolUse: z.nullish(z.looseObject({ toolUseId: z.string(), name: z.string() })) })),
  delta: z.nullish(
    z.looseObject({
      text: z.nullish(z.string()),
      toolUse: z.nullish(z.looseObject({ input: z.nullish(z.string()) })),
      reasoningContent: z.nullish(z.looseObject({ text: z.nullish(z.string()), signature: z.nullish(z.string()) })),
    }),
  ),
  stopReason: z.nullish(z.string()),
  usage: z.nullish(BedrockUsage),
  message: z.nullish(z.string()),
});

/**
 * The parts of a ConverseStream answer. The binary event-stream framing (prelude, headers, CRCs)
 * is split and decoded by Smithy's codec, the one the AWS SDKs use; each event's JSON is mapped here.
 */
export async function* parseBedrockStream(body: ReadableStream<Uint8Array>): AsyncIterable<StreamPart[]> {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const calls = new Map<number, number>();
  let thinking = '';
  let details = 0;
  try {
    for await (const frame of getChunkedStream(chunksOf(body))) {
      const message = codec.decode(frame);
      const messageType = message.headers[':message-type']?.value;
      const eventType = String(message.headers[':event-type']?.value ?? message.headers[':exception-type']?.value ?? '');
      const payload = Payload.parse(JSON.parse(toUtf8(message.body) || '{}'));
      const out: StreamPart[] = [];
      if (messageType === 'exception' || messageType === 'error') {
        yield [{ type: 'error', message: payload.message ?? eventType, code: eventType, ...(/throttl/i.test(eventType) ? { status: 429 } : {}) }];
        return;
      }
      const index = payload.contentBlockIndex ?? 0;
      if (eventType === 'contentBlockStart' && payload.start?.toolUse) {
        calls.set(index, calls.size);
        out.push({ type: 'tool-call', index: calls.get(index)!, id: payload.start.toolUse.toolUseId, name: payload.start.toolUse.name, arguments: '' });
      } else if (eventType === 'contentBlockDelta' && payload.delta) {
        const delta = payload.delta;
        if (delta.text) out.push({ type: 'text', text: delta.text });
        if (delta.toolUse?.input && calls.has(index)) out.push({ type: 'tool-call', index: calls.get(index)!, arguments: delta.toolUse.input });
        if (delta.reasoningContent?.text) {
          thinking += delta.reasoningContent.text;
          out.push({ type: 'reasoning', text: delta.reasoningContent.text });
        }
        if (delta.reasoningContent?.signature) {
          out.push({ type: 'reasoning-detail', detail: { type: 'reasoning.text', text: thinking, signature: delta.reasoningContent.signature, format: REASONING_FORMATS.anthropic, index: details++ } });
          thinking = '';
        }
      } else if (eventType === 'messageStop') {
        out.push({ type: 'finish', reason: bedrockFinishReason(payload.stopReason) });
      } else if (eventType === 'metadata' && payload.usage) {
        out.push({ type: 'usage', usage: mapBedrockUsage(payload.usage) });
      }
      if (out.length) yield out;
    }
  } catch (error) {
    if (error instanceof z.core.$ZodError || error instanceof SyntaxError || (error instanceof Error && /checksum|prelude|message length/i.test(error.message))) {
      throw new MalformedStreamError(`its event-stream framing is broken (${error.message})`);
    }
    throw error;
  }
}
