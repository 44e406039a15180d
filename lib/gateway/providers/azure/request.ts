import type { ChatRequest } from '../../openai-schema';
import { buildOpenAiRequest, trimSlash } from '../openai/request';
import { AZURE_API_VERSION } from '../presets';
import type { CallContext, ProviderConfig, UpstreamRequest } from '../types';


/** Azure authenticates with an `api-key` header, not a bearer token. */
export function azureHeaders(provider: ProviderConfig): Record<string, string> {
  return { 'content-type': 'application/json', ...(provider.apiKey ? { 'api-key': provider.apiKey } : {}), ...provider.headers };
}

/** A deployment's URL on the resource: …/openai/deployments/{deployment}/{path}?api-version=… */
export function deploymentUrl(provider: ProviderConfig, deployment: string, path: string): string {
  const version = encodeURIComponent(provider.apiVersion ?? AZURE_API_VERSION);
  return `${trimSlash(provider.baseUrl)}/openai/deployments/${encodeURIComponent(deployment)}/${path}?api-version=${version}`;
}

/** The OpenAI body, sent to the deployment the model is mapped to (ctx.model is the deployment name). */
export async function buildAzureRequest(request: ChatRequest, ctx: CallContext): Promise<UpstreamRequest> {
  const openAi = await buildOpenAiRequest(request, ctx);
  return { url: deploymentUrl(ctx.provider, ctx.model, 'chat/completions'), init: { ...openAi.init, headers: azureHeaders(ctx.provider) } };
}
