import { setDefaultOpenAIClient, setOpenAIAPI, setTracingDisabled, tool } from '@openai/agents';
import type OpenAI from 'openai';

/** Points the Agents SDK at a client of ours, on the Responses API, without tracing (it would call OpenAI). */
export function useAgentsClient(client: OpenAI): void {
  setDefaultOpenAIClient(client);
  setOpenAIAPI('responses');
  setTracingDisabled(true);
}

/** A function tool an agent runs; `asked` lists the trains it was asked about. */
export function trackTool(asked: string[]) {
  return tool({
    name: 'get_track',
    description: 'Which track a train leaves from',
    parameters: { type: 'object', properties: { train: { type: 'string' } }, required: ['train'], additionalProperties: false },
    strict: true,
    execute: async (input) => {
      asked.push((input as { train: string }).train);
      return 'track 7';
    },
  });
}
