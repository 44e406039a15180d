import type { ProviderKind } from './types';

/** The GA api-version Switchyard speaks to Azure unless the provider names another (https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle). */
export const AZURE_API_VERSION = '2024-10-21';

/** Bedrock's control plane beside its runtime endpoint (bedrock-runtime.<region> → bedrock.<region>); a test server serves both. */
export function bedrockControlPlane(runtimeUrl: string): string {
  return runtimeUrl.replace(/\/+$/, '').replace(/\/\/bedrock-runtime(-fips)?\./, '//bedrock$1.');
}

/** A provider a user can add in one click: a wire format we speak plus where it lives. */
export interface ProviderPreset {
  id: string;
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  needsKey: boolean;
  headers?: Record<string, string>;
  local?: boolean;
  /**
   * A Switchyard team gateway (worker/): it serves every catalog model under its catalog id, billed
   * to the member at the catalog's price, with the team's provider keys.
   */
  servesCatalog?: boolean;
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  { id: 'openai', name: 'OpenAI', kind: 'openai', baseUrl: 'https://api.openai.com/v1', needsKey: true },
  { id: 'anthropic', name: 'Anthropic', kind: 'anthropic', baseUrl: 'https://api.anthropic.com', needsKey: true },
  { id: 'google', name: 'Google Gemini', kind: 'gemini', baseUrl: 'https://generativelanguage.googleapis.com', needsKey: true },
  { id: 'mistral', name: 'Mistral', kind: 'openai', baseUrl: 'https://api.mistral.ai/v1', needsKey: true },
  {
    id: 'openrouter',
    name: 'OpenRouter',
    kind: 'openai',
    baseUrl: 'https://openrouter.ai/api/v1',
    needsKey: true,
    headers: { 'HTTP-Referer': 'https://switchyard.dev', 'X-Title': 'Switchyard' },
  },
  { id: 'groq', name: 'Groq', kind: 'openai', baseUrl: 'https://api.groq.com/openai/v1', needsKey: true },
  { id: 'deepseek', name: 'DeepSeek', kind: 'openai', baseUrl: 'https://api.deepseek.com/v1', needsKey: true },
  { id: 'xai', name: 'xAI', kind: 'openai', baseUrl: 'https://api.x.ai/v1', needsKey: true },
  { id: 'together', name: 'Together AI', kind: 'openai', baseUrl: 'https://api.together.xyz/v1', needsKey: true },
  { id: 'fireworks', name: 'Fireworks AI', kind: 'openai', baseUrl: 'https://api.fireworks.ai/inference/v1', needsKey: true },
  // Its Agent API (POST /v1/agent), where Sonar answers since its chat completions were retired.
  { id: 'perplexity', name: 'Perplexity', kind: 'openai', baseUrl: 'https://api.perplexity.ai/v1', needsKey: true },
  { id: 'cerebras', name: 'Cerebras', kind: 'openai', baseUrl: 'https://api.cerebras.ai/v1', needsKey: true },
  {
    id: 'azure',
    name: 'Azure OpenAI',
    kind: 'azure',
    // The resource's own endpoint, e.g. https://contoso.openai.azure.com: the user fills it in.
    baseUrl: 'https://YOUR-RESOURCE.openai.azure.com',
    needsKey: true,
  },
  {
    id: 'bedrock',
    name: 'Amazon Bedrock',
    kind: 'bedrock',
    baseUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com',
    needsKey: true,
  },
  {
    id: 'team',
    name: 'Team gateway (Switchyard)',
    kind: 'openai',
    // The team's Worker, e.g. https://switchyard-team.example.workers.dev/v1: the admin gives it out with a member key.
    baseUrl: 'https://YOUR-TEAM-GATEWAY.workers.dev/v1',
    needsKey: true,
    servesCatalog: true,
  },
  { id: 'ollama', name: 'Ollama', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', needsKey: false, local: true },
  { id: 'lmstudio', name: 'LM Studio', kind: 'openai', baseUrl: 'http://127.0.0.1:1234/v1', needsKey: false, local: true },
  { id: 'chrome-ai', name: "Chrome's built-in model", kind: 'openai', baseUrl: 'chrome-ai://local/v1', needsKey: false, local: true },
  { id: 'custom', name: 'Custom OpenAI-compatible', kind: 'openai', baseUrl: '', needsKey: false },
];

export function findPreset(id: string): ProviderPreset | undefined {
  return PROVIDER_PRESETS.find((preset) => preset.id === id);
}

/** Whether a provider is a Switchyard team gateway, which serves every catalog model under its catalog id. */
export const servesCatalog = (provider: { id: string; preset?: string }) => findPreset(provider.preset ?? provider.id)?.servesCatalog === true;
