import { Agent, run } from '@openai/agents';
import OpenAI from 'openai';
import { beforeEach, describe, expect, it } from 'vitest';
import { memoryResponseStore, responsesEndpointWith } from '../../../lib/gateway';
import { createGatewayWith } from '../../../lib/gateway/gateway';
import { shippedCatalog } from '../../support/fixtures';
import { trackTool, useAgentsClient } from '../../support/agents';
import { useHarness } from '../../support/gateway-harness';

const h = useHarness();

beforeEach(() => {
  const gateway = createGatewayWith({ providers: h.providers, catalog: shippedCatalog(), responses: responsesEndpointWith({ store: memoryResponseStore(), owner: 'dev' }) });
  useAgentsClient(new OpenAI({ baseURL: 'http://switchyard.local/v1', apiKey: 'unused', maxRetries: 0, fetch: (url, init) => gateway.fetch(new Request(url, init)) }));
});

const asked: string[] = [];
const getTrack = trackTool(asked);

describe('the OpenAI Agents SDK on any provider', () => {
  for (const [format, model] of [
    ['anthropic', 'anthropic/claude-sonnet-4-5'],
    ['gemini', 'google/gemini-2.5-flash'],
  ] as const) {
    it(`runs an agent with a function tool on ${model}, then goes on from its last response by previous_response_id`, async () => {
      asked.length = 0;
      const agent = new Agent({ name: 'Yard clerk', instructions: 'Answer with the tools you have.', model, tools: [getTrack] });
      h.mock.script(format, { toolCalls: [{ name: 'get_track', arguments: { train: 'IC 42' } }] }, { text: 'IC 42 leaves from track 7.' });
      const first = await run(agent, 'Where does IC 42 leave from?');
      expect(first.finalOutput).toBe('IC 42 leaves from track 7.');
      expect(asked).toEqual(['IC 42']);
      // The tool's output went back to the model in the second request of the run.
      expect(JSON.stringify(h.mock.requests.at(-1)!.body)).toContain('track 7');

      h.mock.script(format, { text: 'At 08:15.' });
      const second = await run(agent, 'And when?', { previousResponseId: first.lastResponseId });
      expect(second.finalOutput).toBe('At 08:15.');
      const sent = JSON.stringify(h.mock.requests.at(-1)!.body);
      expect(sent).toContain('Where does IC 42 leave from?');
      expect(sent).toContain('IC 42 leaves from track 7.');
      expect(sent).toContain('And when?');
    });
  }
});
