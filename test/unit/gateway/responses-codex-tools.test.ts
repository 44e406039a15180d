import { describe, expect, it } from 'vitest';
import { useHarness } from '../../support/gateway-harness';

const h = useHarness();

/** Codex CLI's tool kinds, as its first request sends them (namespace, custom with a grammar, function, hosted web search). */
const TOOLS = [
  { type: 'function', name: 'exec_command', description: 'Runs a command.', strict: false, parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] } },
  {
    type: 'namespace',
    name: 'multi_agent_v1',
    description: 'Tools for sub-agents.',
    tools: [{ type: 'function', name: 'close_agent', description: 'Close an agent.', strict: false, parameters: { type: 'object', properties: { id: { type: 'string' } } } }],
  },
  { type: 'custom', name: 'apply_patch', description: 'Edit files with a patch.', format: { type: 'grammar', syntax: 'lark', definition: 'start: "*** Begin Patch" /.+/s' } },
  { type: 'web_search', external_web_access: false },
];

async function post(body: Record<string, unknown>) {
  const response = await h.gatewayFor().fetch(new Request('http://switchyard.local/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
  return response;
}

describe("Codex's tool kinds on any provider", () => {
  it('flattens namespace tools and makes custom tools functions of one string; hosted web search is left out and named', async () => {
    h.mock.script('openai', {
      toolCalls: [
        { name: 'multi_agent_v1__close_agent', arguments: { id: 'agent-1' } },
        { name: 'apply_patch', arguments: { input: '*** Begin Patch\n*** End Patch' } },
      ],
    });
    const response = await post({ model: 'openai/gpt-4o-mini', input: 'Tidy up.', tools: TOOLS, store: false, include: ['reasoning.encrypted_content'], prompt_cache_key: 'k', client_metadata: { a: 'b' }, parallel_tool_calls: true, reasoning: { summary: 'auto' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-switchyard-tools-left-out')).toBe('web_search');
    const body = (await response.json()) as { output: Record<string, unknown>[] };
    expect(body.output).toEqual([
      expect.objectContaining({ type: 'function_call', name: 'close_agent', namespace: 'multi_agent_v1', arguments: '{"id":"agent-1"}', status: 'completed' }),
      expect.objectContaining({ type: 'custom_tool_call', name: 'apply_patch', input: '*** Begin Patch\n*** End Patch', status: 'completed' }),
    ]);
    const sent = h.mock.requests.at(-1)!.body as { tools: { function: { name: string; parameters: { properties: Record<string, unknown> } } }[] };
    expect(sent.tools.map((t) => t.function.name)).toEqual(['exec_command', 'multi_agent_v1__close_agent', 'apply_patch']);
    expect(Object.keys(sent.tools[2]!.function.parameters.properties)).toEqual(['input']);
    expect(JSON.stringify(sent.tools[2])).toContain('*** Begin Patch');
  });

  it('takes the calls and their outputs back as input, in the namespace and custom shapes Codex sends', async () => {
    h.mock.script('openai', { text: 'Done.' });
    const response = await post({
      model: 'openai/gpt-4o-mini',
      tools: TOOLS,
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Tidy up.' }] },
        { type: 'function_call', call_id: 'c1', name: 'close_agent', namespace: 'multi_agent_v1', arguments: '{"id":"agent-1"}' },
        { type: 'custom_tool_call', call_id: 'c2', name: 'apply_patch', input: '*** Begin Patch\n*** End Patch' },
        { type: 'function_call_output', call_id: 'c1', output: 'closed' },
        { type: 'custom_tool_call_output', call_id: 'c2', output: 'patched' },
      ],
    });
    expect(response.status).toBe(200);
    const messages = (h.mock.requests.at(-1)!.body as { messages: Record<string, unknown>[] }).messages;
    expect(messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'multi_agent_v1__close_agent', arguments: '{"id":"agent-1"}' } },
          { id: 'c2', type: 'function', function: { name: 'apply_patch', arguments: JSON.stringify({ input: '*** Begin Patch\n*** End Patch' }) } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'closed' },
      { role: 'tool', tool_call_id: 'c2', content: 'patched' },
    ]);
  });

  it('streams a custom tool call as its own item, with its input events', async () => {
    h.mock.script('gemini', { toolCalls: [{ name: 'apply_patch', arguments: { input: '*** Begin Patch' } }, { name: 'multi_agent_v1__close_agent', arguments: { id: 'x' } }] });
    const response = await post({ model: 'google/gemini-2.5-flash', input: 'Patch it.', tools: TOOLS, stream: true });
    const events = (await response.text())
      .split('\n\n')
      .filter((e) => e.startsWith('event:'))
      .map((e) => JSON.parse(e.slice(e.indexOf('data: ') + 6)) as { type: string; item?: Record<string, unknown>; input?: string; response?: { output: Record<string, unknown>[] } });
    expect(events.find((e) => e.type === 'response.custom_tool_call_input.done')?.input).toBe('*** Begin Patch');
    const done = events.find((e) => e.type === 'response.completed')!.response!.output;
    expect(done).toEqual([
      expect.objectContaining({ type: 'custom_tool_call', name: 'apply_patch', input: '*** Begin Patch' }),
      expect.objectContaining({ type: 'function_call', name: 'close_agent', namespace: 'multi_agent_v1' }),
    ]);
  });
});
