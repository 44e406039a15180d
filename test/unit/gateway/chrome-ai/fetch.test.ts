import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createChromeAiFetch, toPromptInput, withChromeAi } from '../../../../lib/gateway/chrome-ai/fetch';
import type { Availability, PromptApi, PromptMessage, PromptSession } from '../../../../lib/gateway/chrome-ai/prompt-api';
import { ChatRequest } from '../../../../lib/gateway/openai-schema';
import { createGateway, type UsageRecord } from '../../../../lib/gateway';
import { shippedCatalog } from '../../../support/fixtures';

/** A scripted stand-in for Chrome's LanguageModel. */
function fakePromptApi(state: Availability, reply: string[]) {
  const log: { initialPrompts?: PromptMessage[]; input?: string; options?: unknown; destroyed: boolean }[] = [];
  const api: PromptApi = {
    availability: async () => state,
    create: async (options) => {
      const entry: (typeof log)[number] = { initialPrompts: options?.initialPrompts, destroyed: false };
      log.push(entry);
      const session: PromptSession = {
        prompt: async (input, o) => {
          entry.input = input;
          entry.options = o;
          return reply.join('');
        },
        promptStreaming(input, o) {
          entry.input = input;
          entry.options = o;
          let i = 0;
          return new ReadableStream<string>({
            pull(controller) {
              if (o?.signal?.aborted) return controller.error(new DOMException('aborted', 'AbortError'));
              if (i < reply.length) controller.enqueue(reply[i++]!);
              else controller.close();
            },
          });
        },
        measureInputUsage: async (input) => Math.ceil(input.length / 4) + 10,
        destroy: () => void (entry.destroyed = true),
      };
      return session;
    },
  };
  return { api, log };
}

function client(api: PromptApi, records: UsageRecord[] = []) {
  const gateway = createGateway({
    providers: [{ id: 'chrome-ai', kind: 'openai', preset: 'chrome-ai', baseUrl: 'chrome-ai://local/v1' }],
    catalog: shippedCatalog(),
    fetch: withChromeAi(fetch, createChromeAiFetch(api)),
    onRecord: (r) => records.push(r),
  });
  return new OpenAI({ baseURL: 'http://switchyard.local/v1', apiKey: 'unused', maxRetries: 0, fetch: (u, i) => gateway.fetch(new Request(u, i)) });
}

describe('the chrome-ai provider', () => {
  it('maps system prompts and earlier turns to initial prompts, the last user turn to the input', () => {
    const request = ChatRequest.parse({
      model: 'x',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'system', content: 'Page text: …' },
        { role: 'user', content: 'Summarize' },
      ],
    });
    expect(toPromptInput(request)).toEqual({
      initialPrompts: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Page text: …' },
      ],
      input: 'Summarize',
    });
  });

  it('streams through the gateway and the openai client, free, with estimated usage', async () => {
    const { api, log } = fakePromptApi('available', ['On-device ', 'answers ', 'work.']);
    const records: UsageRecord[] = [];
    const stream = await client(api, records).chat.completions.create({ model: 'chrome/gemini-nano', stream: true, messages: [{ role: 'user', content: 'Does it work offline?' }] });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe('On-device answers work.');
    expect(usage).toMatchObject({ prompt_tokens: 16, completion_tokens: 6 });
    expect((usage as unknown as { cost: number }).cost).toBe(0);
    expect(records[0]).toMatchObject({ status: 'ok', provider: 'chrome-ai', model: 'chrome/gemini-nano', cost: 0, priced: true });
    expect(log[0]).toMatchObject({ input: 'Does it work offline?', destroyed: true });
  });

  it('answers without streaming and passes a JSON schema as the response constraint', async () => {
    const { api, log } = fakePromptApi('available', ['{"ok":true}']);
    const completion = await client(api).chat.completions.create({
      model: 'chrome/gemini-nano',
      messages: [{ role: 'user', content: 'JSON please' }],
      response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } },
    });
    expect(completion.choices[0]!.message.content).toBe('{"ok":true}');
    expect(log[0]!.options).toMatchObject({ responseConstraint: { type: 'object' } });
  });

  it('says honestly when the model is missing or still downloading', async () => {
    for (const [state, pattern] of [
      ['unavailable', /not available/],
      ['downloadable', /being downloaded/],
    ] as const) {
      const error = await client(fakePromptApi(state, []).api).chat.completions.create({ model: 'chrome/gemini-nano', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 503 });
      expect((error as Error).message).toMatch(pattern);
    }
  });

  it('refuses images and tools with a clear 400', async () => {
    const { api } = fakePromptApi('available', ['x']);
    const error = await client(api)
      .chat.completions.create({ model: 'chrome/gemini-nano', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x.test/a.png' } }] }] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect((error as Error).message).toContain('does not take images');
  });
});
