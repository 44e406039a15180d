import * as z from 'zod/mini';
import { getProviderJson } from '../shared/http';
import type { ProviderConfig, ProviderModel } from '../types';
import { ollamaBase, ollamaHeaders } from './request';

const Tags = z.looseObject({ models: z.array(z.looseObject({ name: z.string(), model: z.nullish(z.string()) })) });

/** What /api/show tells of a model: its trained window (model_info) and the Modelfile's parameters. */
const Show = z.looseObject({
  parameters: z.nullish(z.string()),
  model_info: z.nullish(z.record(z.string(), z.unknown())),
});

/** /api/show is asked about this many models at once: a server with dozens installed answers each from disk. */
const SHOW_AT_ONCE = 4;

/**
 * The window a model runs with: the Modelfile's `num_ctx` when it sets one (the owner's choice,
 * which Switchyard keeps to), else the window it was trained for (`<architecture>.context_length`).
 */
export function windowFromShow(json: unknown): number | undefined {
  const show = Show.safeParse(json);
  if (!show.success) return undefined;
  const numCtx = /^num_ctx\s+(\d+)\s*$/m.exec(show.data.parameters ?? '')?.[1];
  if (numCtx && Number(numCtx) > 0) return Number(numCtx);
  const info = show.data.model_info ?? {};
  const architecture = info['general.architecture'];
  const trained = typeof architecture === 'string' ? info[`${architecture}.context_length`] : Object.entries(info).find(([key]) => key.endsWith('.context_length'))?.[1];
  return typeof trained === 'number' && Number.isInteger(trained) && trained > 0 ? trained : undefined;
}

async function showWindow(provider: ProviderConfig, model: string, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<number | undefined> {
  try {
    const response = await fetchImpl(`${ollamaBase(provider)}/api/show`, {
      method: 'POST',
      headers: ollamaHeaders(provider),
      body: JSON.stringify({ model }),
      signal,
    });
    return response.ok ? windowFromShow(await response.json()) : undefined;
  } catch {
    return undefined; // an older server, or one that dropped the model meanwhile: its window stays unknown
  }
}

/** The installed models (/api/tags), each with its context window from /api/show where the server tells it. */
export async function listOllamaModels(provider: ProviderConfig, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<ProviderModel[]> {
  const { 'content-type': _json, ...headers } = ollamaHeaders(provider);
  const json = await getProviderJson(fetchImpl, `${ollamaBase(provider)}/api/tags`, headers, provider.id, signal);
  const models: ProviderModel[] = Tags.parse(json).models.map((m) => ({ id: m.model ?? m.name, name: m.name }));
  for (let i = 0; i < models.length; i += SHOW_AT_ONCE) {
    await Promise.all(
      models.slice(i, i + SHOW_AT_ONCE).map(async (m) => {
        const window = await showWindow(provider, m.id, fetchImpl, signal);
        if (window) m.contextLength = window;
      }),
    );
  }
  return models;
}
