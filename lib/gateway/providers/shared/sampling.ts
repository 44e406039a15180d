import type { ChatRequest } from '../../openai-schema';
import { maxTokens, stopList } from './content';

/** A provider's names for OpenAI's sampling parameters. */
export interface SamplingNames {
  temperature: string;
  top_p: string;
  max_tokens: string;
  stop: string;
  seed: string;
  presence_penalty: string;
  frequency_penalty: string;
}

/** The request's sampling parameters under the provider's names, leaving out the ones not set. */
export function samplingOptions(request: ChatRequest, names: SamplingNames): Record<string, unknown> {
  const values: Record<keyof SamplingNames, unknown> = {
    temperature: request.temperature,
    top_p: request.top_p,
    max_tokens: maxTokens(request),
    stop: stopList(request.stop),
    seed: request.seed,
    presence_penalty: request.presence_penalty,
    frequency_penalty: request.frequency_penalty,
  };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(names) as (keyof SamplingNames)[]) {
    if (values[key] != null) out[names[key]] = values[key];
  }
  return out;
}
