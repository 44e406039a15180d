/**
 * Where each provider hands out API keys, for the options page's key field. Kept apart from the
 * presets so the service worker, which never shows them, does not carry them.
 */
export const PROVIDER_KEY_PAGES: Readonly<Record<string, string>> = {
  openai: 'https://platform.openai.com/api-keys',
  anthropic: 'https://console.anthropic.com/settings/keys',
  google: 'https://aistudio.google.com/app/apikey',
  mistral: 'https://console.mistral.ai/api-keys',
  openrouter: 'https://openrouter.ai/keys',
  groq: 'https://console.groq.com/keys',
  deepseek: 'https://platform.deepseek.com/api_keys',
  xai: 'https://console.x.ai',
  together: 'https://api.together.ai/settings/api-keys',
  fireworks: 'https://fireworks.ai/account/api-keys',
  perplexity: 'https://www.perplexity.ai/settings/api',
  cerebras: 'https://cloud.cerebras.ai',
  azure: 'https://portal.azure.com/#view/Microsoft_Azure_ProjectOxford/CognitiveServicesHub/~/OpenAI',
  bedrock: 'https://console.aws.amazon.com/iam/home#/security_credentials',
};
