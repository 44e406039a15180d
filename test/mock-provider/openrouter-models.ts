/** A small answer in the shape of OpenRouter's public GET /api/v1/models. */
export const OPENROUTER_MODEL_LIST = {
  data: [
    {
      id: 'openai/gpt-4o-mini',
      canonical_slug: 'openai/gpt-4o-mini',
      name: 'OpenAI: GPT-4o-mini',
      created: 1721260800,
      context_length: 128000,
      architecture: { modality: 'text+image->text', input_modalities: ['text', 'image', 'file'], output_modalities: ['text'] },
      pricing: { prompt: '0.00000015', completion: '0.0000006', request: '0', image: '0.000217', input_cache_read: '0.000000075' },
      top_provider: { context_length: 128000, max_completion_tokens: 16384, is_moderated: true },
      supported_parameters: ['max_tokens', 'temperature', 'tools', 'tool_choice', 'response_format', 'structured_outputs', 'seed'],
    },
    {
      id: 'mocklab/mock-large-2',
      canonical_slug: 'mocklab/mock-large-2',
      name: 'MockLab: Mock Large 2',
      created: 1760000000,
      context_length: 262144,
      architecture: { modality: 'text->text', input_modalities: ['text'], output_modalities: ['text'] },
      pricing: { prompt: '0.000001', completion: '0.000004' },
      top_provider: { context_length: 262144, max_completion_tokens: 32768, is_moderated: false },
      supported_parameters: ['max_tokens', 'tools', 'reasoning', 'include_reasoning'],
    },
  ],
};
