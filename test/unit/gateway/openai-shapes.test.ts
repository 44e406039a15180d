import { describe, expect, it } from 'vitest';
import { FORMAT_CASES, useHarness } from '../../support/gateway-harness';

const h = useHarness();

/**
 * Fields OpenAI's OpenAPI document (openai/openai-openapi) requires of a chat completion, a stream
 * chunk and an error: CreateChatCompletionResponse, CreateChatCompletionStreamResponse and
 * ErrorResponse, each with its nested required fields.
 */
const has = (value: Record<string, unknown>, keys: string[]) => keys.filter((key) => !(key in value));

function completionGaps(body: Record<string, unknown>): string[] {
  const gaps = has(body, ['id', 'object', 'created', 'model', 'choices']);
  for (const choice of (body.choices ?? []) as Record<string, unknown>[]) {
    gaps.push(...has(choice, ['index', 'message', 'finish_reason', 'logprobs']).map((k) => `choices[].${k}`));
    gaps.push(...has((choice.message ?? {}) as Record<string, unknown>, ['role', 'content', 'refusal']).map((k) => `message.${k}`));
  }
  if (body.usage) gaps.push(...has(body.usage as Record<string, unknown>, ['prompt_tokens', 'completion_tokens', 'total_tokens']).map((k) => `usage.${k}`));
  return gaps;
}

function chunkGaps(chunk: Record<string, unknown>): string[] {
  const gaps = has(chunk, ['id', 'object', 'created', 'model', 'choices']);
  for (const choice of (chunk.choices ?? []) as Record<string, unknown>[]) gaps.push(...has(choice, ['index', 'delta', 'finish_reason']).map((k) => `choices[].${k}`));
  return gaps;
}

const errorGaps = (body: Record<string, unknown>) => has((body.error ?? {}) as Record<string, unknown>, ['message', 'type', 'param', 'code']).map((k) => `error.${k}`);

const post = (gateway: ReturnType<typeof h.gatewayFor>, body: Record<string, unknown>) =>
  gateway.fetch(new Request('http://switchyard.local/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

describe("chat completions hold the fields OpenAI's OpenAPI document requires", () => {
  for (const { format, model } of FORMAT_CASES) {
    it(`answers, stream chunks and errors, with ${model}`, async () => {
      const gateway = h.gatewayFor({ retry: { maxRetries: 0 } });
      h.mock.script(format, { text: 'An answer.' });
      const whole = (await (await post(gateway, { model, messages: [{ role: 'user', content: 'Hi' }] })).json()) as Record<string, unknown>;
      expect(completionGaps(whole)).toEqual([]);

      h.mock.script(format, { text: 'A streamed answer.', chunks: 3 });
      const text = await (await post(gateway, { model, stream: true, messages: [{ role: 'user', content: 'Hi' }] })).text();
      const chunks = text
        .split('\n\n')
        .filter((e) => e.startsWith('data: ') && !e.includes('[DONE]'))
        .map((e) => JSON.parse(e.slice(6)) as Record<string, unknown>);
      expect(chunks.length).toBeGreaterThan(1);
      for (const chunk of chunks) expect(chunkGaps(chunk)).toEqual([]);

      // An upstream's refusal passed on, and one of the gateway's own, both with param and code.
      h.mock.script(format, { fault: { type: 'status', status: 401, message: 'bad key' } });
      const passedOn = await post(gateway, { model, messages: [{ role: 'user', content: 'Hi' }] });
      expect(passedOn.status).toBe(401);
      expect(errorGaps((await passedOn.json()) as Record<string, unknown>)).toEqual([]);
      const own = await post(gateway, { model, messages: [] });
      expect(own.status).toBe(400);
      expect(errorGaps((await own.json()) as Record<string, unknown>)).toEqual([]);
    });
  }
});
