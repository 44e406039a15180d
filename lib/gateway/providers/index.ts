import { anthropicAdapter } from './anthropic';
import { azureAdapter } from './azure';
import { bedrockAdapter } from './bedrock';
import { geminiAdapter } from './gemini';
import { ollamaAdapter } from './ollama';
import { openAiAdapter } from './openai';
import type { ProviderAdapter, ProviderKind } from './types';

export const ADAPTERS: Record<ProviderKind, ProviderAdapter> = {
  openai: openAiAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
  ollama: ollamaAdapter,
  azure: azureAdapter,
  bedrock: bedrockAdapter,
};
