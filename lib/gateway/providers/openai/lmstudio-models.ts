import * as z from 'zod/mini';
import type { ProviderConfig } from '../types';
import { openAiHeaders, trimSlash } from './request';

/** LM Studio 0.4's REST API: each model's largest window, and the window each loaded copy runs with. */
const V1Models = z.looseObject({
  models: z.array(
    z.looseObject({
      key: z.string(),
      max_context_length: z.nullish(z.number()),
      loaded_instances: z.nullish(z.array(z.looseObject({ config: z.nullish(z.looseObject({ context_length: z.nullish(z.number()) })) }))),
    }),
  ),
});

/** The REST API of LM Studio 0.3.6 to 0.3.x (still served by 0.4). */
const V0Models = z.looseObject({
  data: z.array(z.looseObject({ id: z.string(), max_context_length: z.nullish(z.number()), loaded_context_length: z.nullish(z.number()) })),
});

async function getJson(url: string, provider: ProviderConfig, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<unknown> {
  const { 'content-type': _json, ...headers } = openAiHeaders(provider);
  const response = await fetchImpl(url, { headers, signal });
  if (!response.ok) throw new Error(`LM Studio answered ${response.status}`);
  return response.json();
}

/**
 * LM Studio's OpenAI-compatible /v1/models carries no window; its own REST API does. A loaded
 * model is held to the window it was loaded with; one not loaded yet, to the model's largest.
 * An empty map when neither API answers (an older LM Studio, or another server on its port).
 */
export async function lmStudioWindows(provider: ProviderConfig, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<Map<string, number>> {
  const root = trimSlash(provider.baseUrl).replace(/\/v1$/, '');
  const windows = new Map<string, number>();
  const v1 = await getJson(`${root}/api/v1/models`, provider, fetchImpl, signal).then((json) => V1Models.safeParse(json), () => undefined);
  if (v1?.success) {
    for (const m of v1.data.models) {
      const loaded = m.loaded_instances?.map((i) => i.config?.context_length).find((n): n is number => typeof n === 'number' && n > 0);
      const window = loaded ?? m.max_context_length;
      if (window && window > 0) windows.set(m.key, Math.floor(window));
    }
    return windows;
  }
  const v0 = await getJson(`${root}/api/v0/models`, provider, fetchImpl, signal).then((json) => V0Models.safeParse(json), () => undefined);
  if (v0?.success) {
    for (const m of v0.data.data) {
      const window = m.loaded_context_length ?? m.max_context_length;
      if (window && window > 0) windows.set(m.id, Math.floor(window));
    }
  }
  return windows;
}
