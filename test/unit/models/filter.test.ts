import { describe, expect, it } from 'vitest';
import type { ModelSummary } from '../../../lib/messaging/contracts';
import { filterModels, formatContext, formatPrice, priceConditions } from '../../../lib/models/filter';

const model = (id: string, name: string, over: Partial<ModelSummary> = {}): ModelSummary => ({
  id,
  name,
  author: id.split('/')[0]!,
  contextLength: 128_000,
  maxOutput: 8_192,
  pricing: { input: 1, output: 2 },
  capabilities: { tools: true, vision: false, json: true, reasoning: false },
  local: false,
  providers: ['openrouter'],
  ...over,
});

const MODELS = [
  model('anthropic/claude-sonnet-4-5', 'Claude Sonnet 4.5', { pricing: { input: 3, output: 15 }, contextLength: 200_000, capabilities: { tools: true, vision: true, json: true, reasoning: true }, providers: ['anthropic'] }),
  model('openai/gpt-4o-mini', 'GPT-4o mini', { pricing: { input: 0.15, output: 0.6 }, capabilities: { tools: true, vision: true, json: true, reasoning: false } }),
  model('meta-llama/llama-3.2-3b-instruct', 'Llama 3.2 3B', { pricing: { input: 0, output: 0 }, providers: ['ollama'], local: true }),
  model('x-ai/grok-4', 'Grok 4', { providers: [], contextLength: 256_000 }),
];
const q = (over: Partial<Parameters<typeof filterModels>[1]>) => filterModels(MODELS, { text: '', capabilities: [], usableOnly: true, freeOnly: false, sort: 'name', ...over }).map((m) => m.id);

describe('filterModels', () => {
  it('matches every word against name, id, maker and provider', () => {
    expect(q({ text: 'claude sonnet' })).toEqual(['anthropic/claude-sonnet-4-5']);
    expect(q({ text: 'ollama' })).toEqual(['meta-llama/llama-3.2-3b-instruct']);
    expect(q({ text: 'openai mini' })).toEqual(['openai/gpt-4o-mini']);
  });
  it('filters by capability, usability and price, and sorts', () => {
    expect(q({ capabilities: ['vision'] })).toEqual(['anthropic/claude-sonnet-4-5', 'openai/gpt-4o-mini']);
    expect(q({ capabilities: ['reasoning', 'vision'] })).toEqual(['anthropic/claude-sonnet-4-5']);
    expect(q({ usableOnly: false, text: 'grok' })).toEqual(['x-ai/grok-4']);
    expect(q({ text: 'grok' })).toEqual([]);
    expect(q({ freeOnly: true })).toEqual(['meta-llama/llama-3.2-3b-instruct']);
    expect(q({ sort: 'price' })).toEqual(['meta-llama/llama-3.2-3b-instruct', 'openai/gpt-4o-mini', 'anthropic/claude-sonnet-4-5']);
    expect(q({ sort: 'context', usableOnly: false })[0]).toBe('x-ai/grok-4');
  });
  it('formats prices and windows for people', () => {
    expect(formatPrice(MODELS[0]!)).toBe('$3 / $15 per M');
    expect(formatPrice(MODELS[1]!)).toBe('$0.15 / $0.6 per M');
    expect(formatPrice(MODELS[2]!)).toBe('free');
    expect(formatPrice({ ...MODELS[3]!, pricing: null })).toBe('price unknown');
    expect(formatPrice({ ...MODELS[3]!, pricing: { input: 0.435, output: 0.87 } })).toBe('$0.435 / $0.87 per M');
    expect(formatPrice({ ...MODELS[3]!, pricing: { input: 0.0028, output: 0.05 } })).toBe('$0.0028 / $0.05 per M');
    expect(formatContext(200_000)).toBe('200k');
    expect(priceConditions(MODELS[0]!)).toEqual([]);
    const pricing = { input: 2, output: 12, longContext: { above: 200_000, input: 4, output: 18 }, peak: { hoursUtc: [[1, 4], [6, 10]] as [number, number][], multiplier: 2 } };
    expect(priceConditions({ ...MODELS[0]!, pricing })).toEqual(['$4 / $18 for prompts over 200k tokens', '×2 from 01:00–04:00 and 06:00–10:00 UTC']);
    expect(formatContext(1_048_576)).toBe('1M');
    expect(formatContext(512)).toBe('512');
  });
});
