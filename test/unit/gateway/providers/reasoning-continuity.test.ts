import { describe, expect, it } from 'vitest';
import { ChatRequest } from '../../../../lib/gateway/openai-schema';
import { anthropicAdapter } from '../../../../lib/gateway/providers/anthropic';
import { geminiAdapter } from '../../../../lib/gateway/providers/gemini';
import { DUMMY_THOUGHT_SIGNATURE } from '../../../../lib/gateway/providers/gemini/request';
import type { ProviderConfig, StreamPart } from '../../../../lib/gateway/providers/types';
import { collectParts, context, fixtureJson, fixtureStream } from '../../../support/fixtures';

const claude: ProviderConfig = { kind: 'anthropic', id: 'anthropic', baseUrl: 'https://api.anthropic.com' };
const gemini: ProviderConfig = { kind: 'gemini', id: 'google', baseUrl: 'https://generativelanguage.googleapis.com' };
const details = (parts: StreamPart[]) => parts.flatMap((p) => (p.type === 'reasoning-detail' ? [p.detail] : []));

async function body(provider: ProviderConfig, model: string, request: Record<string, unknown>) {
  const adapter = provider.kind === 'anthropic' ? anthropicAdapter : geminiAdapter;
  const upstream = await adapter.buildRequest(ChatRequest.parse({ model: 'x', ...request }), context(provider, model, false));
  return JSON.parse(upstream.init.body!);
}

const tools = [{ type: 'function', function: { name: 'checkSandboxErrors', parameters: { type: 'object', properties: {} } } }];

describe('Claude: signed thinking kept across a tool loop', () => {
  it('gives the thinking block of a recorded answer back as a signed entry, with its reasoning tokens', () => {
    const completion = anthropicAdapter.parseResponse(fixtureJson('anthropic/thinking-tool-use.json'), context(claude, 'claude-sonnet-4-6', false));
    const recorded = (fixtureJson('anthropic/thinking-tool-use.json') as { content: { signature?: string }[] }).content[0]!;
    expect(completion.reasoningDetails).toEqual([
      { type: 'reasoning.text', text: 'The user wants me to call checkSandboxErrors immediately.', signature: recorded.signature, format: 'anthropic-claude-v1', index: 0 },
    ]);
    expect(completion.toolCalls[0]).toMatchObject({ id: 'toolu_017R7ACrx7NF7sLDDtvdQ1u9', function: { name: 'checkSandboxErrors', arguments: '{}' } });
    expect(completion.usage.reasoning).toBe(18);
  });

  it('puts the thinking block back first in the assistant turn, signature unchanged', async () => {
    const completion = anthropicAdapter.parseResponse(fixtureJson('anthropic/thinking-tool-use.json'), context(claude, 'claude-sonnet-4-6', false));
    const sent = await body(claude, 'claude-sonnet-4-6', {
      reasoning: { effort: 'low' },
      tools,
      messages: [
        { role: 'user', content: 'Check the sandbox.' },
        { role: 'assistant', content: null, tool_calls: completion.toolCalls, reasoning_details: completion.reasoningDetails },
        { role: 'tool', tool_call_id: 'toolu_017R7ACrx7NF7sLDDtvdQ1u9', content: 'no errors' },
      ],
    });
    expect(sent.thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
    expect(sent.messages[1].content).toEqual([
      { type: 'thinking', thinking: completion.reasoningDetails![0]!.text, signature: completion.reasoningDetails![0]!.signature },
      { type: 'tool_use', id: 'toolu_017R7ACrx7NF7sLDDtvdQ1u9', name: 'checkSandboxErrors', input: {} },
    ]);
  });

  it('a client that dropped the thinking gets that step without thinking, which Claude allows, instead of a 400', async () => {
    const sent = await body(claude, 'claude-sonnet-4-6', {
      reasoning: { effort: 'low' },
      tools,
      messages: [
        { role: 'user', content: 'Check the sandbox.' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'checkSandboxErrors', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'toolu_1', content: 'no errors' },
      ],
    });
    expect(sent.thinking).toBeUndefined();
    expect(sent.messages[1].content[0].type).toBe('tool_use');
  });

  it('sends redacted thinking back as it came, and no thinking at all when thinking is off', async () => {
    const messages = [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello', reasoning_details: [{ type: 'reasoning.encrypted', data: 'EmwKAhgB', format: 'anthropic-claude-v1', index: 0 }] },
      { role: 'user', content: 'and?' },
    ];
    expect((await body(claude, 'claude-sonnet-4-5', { reasoning: { effort: 'high' }, messages })).messages[1].content[0]).toEqual({ type: 'redacted_thinking', data: 'EmwKAhgB' });
    expect((await body(claude, 'claude-sonnet-4-5', { messages })).messages[1].content).toEqual([{ type: 'text', text: 'hello' }]);
  });

  it('streams the thinking text as it comes and the signed block once it ends', async () => {
    const parts = await collectParts(anthropicAdapter.parseStream(fixtureStream('anthropic/thinking.chunks.txt', 19), context(claude, 'claude-sonnet-4-5', true)));
    const text = parts.flatMap((p) => (p.type === 'reasoning' ? [p.text] : [])).join('');
    expect(details(parts)).toEqual([{ type: 'reasoning.text', text, signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds', format: 'anthropic-claude-v1', index: 0 }]);
  });
});

describe('Gemini 3: thought signatures tied to their function calls', () => {
  it('ties the signature of a recorded function call to the call id the client sees', () => {
    const completion = geminiAdapter.parseResponse(fixtureJson('gemini/gemini3-function-call.json'), context(gemini, 'gemini-3-pro-preview', false));
    const call = completion.toolCalls[0]!;
    expect(completion.reasoningDetails).toEqual([
      { type: 'reasoning.encrypted', data: expect.stringMatching(/^Eqo\+Cqc\+/), id: call.id, format: 'google-gemini-v1', index: 0 },
    ]);
    expect(completion.usage.reasoning).toBe(1801);
  });

  it('streams the signature beside its call, and puts it back on the same functionCall part', async () => {
    const parts = await collectParts(geminiAdapter.parseStream(fixtureStream('gemini/gemini3-function-call.chunks.txt', 97), context(gemini, 'gemini-3-pro-preview', true)));
    const call = parts.find((p) => p.type === 'tool-call') as Extract<StreamPart, { type: 'tool-call' }>;
    const [detail] = details(parts);
    expect(detail).toMatchObject({ type: 'reasoning.encrypted', id: call.id, format: 'google-gemini-v1' });
    const sent = await body(gemini, 'gemini-3-pro-preview', {
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }],
      messages: [
        { role: 'user', content: 'Weather in San Francisco?' },
        { role: 'assistant', content: null, tool_calls: [{ id: call.id!, type: 'function', function: { name: 'weather', arguments: call.arguments! } }], reasoning_details: [detail] },
        { role: 'tool', tool_call_id: call.id, content: '{"celsius":14}' },
      ],
    });
    expect(sent.contents[1].parts).toEqual([{ functionCall: { name: 'weather', args: { location: 'San Francisco' } }, thoughtSignature: detail!.data }]);
  });

  it('gives each step of the current turn that lacks a signature the documented stand-in, and leaves earlier turns alone', async () => {
    const call = (id: string) => ({ role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name: 'weather', arguments: '{}' } }] });
    const result = (id: string) => ({ role: 'tool', tool_call_id: id, content: '{}' });
    const messages = [{ role: 'user', content: 'first' }, call('a'), result('a'), { role: 'assistant', content: 'done' }, { role: 'user', content: 'second' }, call('b'), result('b'), call('c'), result('c')];
    const sent = await body(gemini, 'gemini-3-pro-preview', { messages });
    const signatures = sent.contents.filter((c: { role: string }) => c.role === 'model').map((c: { parts: { thoughtSignature?: string }[] }) => c.parts[0]!.thoughtSignature);
    expect(signatures).toEqual([undefined, undefined, DUMMY_THOUGHT_SIGNATURE, DUMMY_THOUGHT_SIGNATURE]);
    // Gemini 2.5 validates nothing: it gets no stand-in.
    const older = await body(gemini, 'gemini-2.5-pro', { messages });
    expect(JSON.stringify(older)).not.toContain(DUMMY_THOUGHT_SIGNATURE);
  });
});
