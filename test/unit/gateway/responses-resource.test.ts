import { describe, expect, it } from 'vitest';
import { FORMAT_CASES, useHarness } from '../../support/gateway-harness';

const h = useHarness();

/**
 * The fields Open Responses' ResponseResource requires (openresponses/openresponses,
 * public/openapi/openapi.json, version 2026-04-24), with the types its properties give them.
 */
const REQUIRED: Record<string, (v: unknown) => boolean> = {
  id: (v) => typeof v === 'string',
  object: (v) => v === 'response',
  created_at: Number.isInteger,
  completed_at: (v) => v === null || Number.isInteger(v),
  status: (v) => typeof v === 'string',
  incomplete_details: (v) => v === null || typeof v === 'object',
  model: (v) => typeof v === 'string',
  previous_response_id: (v) => v === null || typeof v === 'string',
  instructions: (v) => v === null || typeof v === 'string',
  output: Array.isArray,
  error: (v) => v === null || typeof v === 'object',
  tools: Array.isArray,
  tool_choice: (v) => typeof v === 'string' || typeof v === 'object',
  truncation: (v) => v === 'auto' || v === 'disabled',
  parallel_tool_calls: (v) => typeof v === 'boolean',
  text: (v) => typeof v === 'object' && v !== null,
  top_p: (v) => typeof v === 'number',
  presence_penalty: (v) => typeof v === 'number',
  frequency_penalty: (v) => typeof v === 'number',
  top_logprobs: Number.isInteger,
  temperature: (v) => typeof v === 'number',
  reasoning: (v) => v === null || typeof v === 'object',
  usage: (v) => v === null || typeof v === 'object',
  max_output_tokens: (v) => v === null || Number.isInteger(v),
  max_tool_calls: (v) => v === null || Number.isInteger(v),
  store: (v) => typeof v === 'boolean',
  background: (v) => typeof v === 'boolean',
  service_tier: (v) => typeof v === 'string',
  metadata: (v) => typeof v === 'object' && v !== null,
  safety_identifier: (v) => v === null || typeof v === 'string',
  prompt_cache_key: (v) => v === null || typeof v === 'string',
};

function missing(response: Record<string, unknown>): string[] {
  return Object.entries(REQUIRED).flatMap(([key, ok]) => (key in response && ok(response[key]) ? [] : [`${key}: ${JSON.stringify(response[key])}`]));
}

const tool = { type: 'function', name: 'lookup', description: 'Look a thing up', parameters: { type: 'object', properties: { q: { type: 'string' } } } };

describe("every Responses answer holds the fields Open Responses' ResponseResource requires", () => {
  for (const { format, model } of FORMAT_CASES) {
    it(`whole and in every streamed snapshot, with ${model}`, async () => {
      const gateway = h.gatewayFor();
      const post = (body: Record<string, unknown>) =>
        gateway.fetch(new Request('http://switchyard.local/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
      h.mock.script(format, { text: 'An answer.' });
      const whole = (await (await post({ model, input: 'Hi', tools: [tool], prompt_cache_key: 'cache-1' })).json()) as Record<string, unknown>;
      expect(missing(whole)).toEqual([]);
      expect(whole).toMatchObject({ status: 'completed', prompt_cache_key: 'cache-1', tools: [{ ...tool, strict: false }] });
      const content = ((whole.output as { content?: Record<string, unknown>[] }[]).at(-1)!.content ?? [])[0]!;
      expect(content).toMatchObject({ type: 'output_text', annotations: [], logprobs: [] });

      h.mock.script(format, { text: 'A streamed answer.', chunks: 3 });
      const text = await (await post({ model, input: 'Hi', stream: true })).text();
      const snapshots = text
        .split('\n\n')
        .filter((e) => e.includes('data: '))
        .map((e) => JSON.parse(e.slice(e.indexOf('data: ') + 6)) as { type: string; response?: Record<string, unknown> })
        .filter((e) => e.response);
      expect(snapshots.map((e) => e.type)).toEqual(expect.arrayContaining(['response.created', 'response.completed']));
      for (const event of snapshots) expect(missing(event.response!), event.type).toEqual([]);
      expect(snapshots.at(-1)!.response!.completed_at).toEqual(expect.any(Number));
    });
  }
});
