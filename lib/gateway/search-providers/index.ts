import { braveSearch } from './brave';
import { exaSearch } from './exa';
import { tavilySearch } from './tavily';
import type { FoundPage, SearchAdapter, SearchKind, SearchProviderConfig } from './types';

export type { FoundPage, SearchKind, SearchProviderConfig } from './types';
export { readFoundPages, type PageReader } from './read-pages';
export { isPrivateAddress } from './private-host';

const ADAPTERS: Record<SearchKind, SearchAdapter> = { brave: braveSearch, tavily: tavilySearch, exa: exaSearch };

/** How many pages go to the model: enough sources to cite, few enough to leave room for the question. */
export const SEARCH_RESULTS = 5;
/** Each page's words are cut here, so five of them stay a few thousand tokens. */
const MAX_PAGE_CHARS = 3_000;

export interface WebSearch {
  pages: FoundPage[];
  costUsd: number;
}

/** Runs one search at the user's search service; throws with the service's answer when it refuses. */
export async function searchTheWeb(config: SearchProviderConfig, query: string, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<WebSearch> {
  const adapter = ADAPTERS[config.kind];
  const request = adapter.buildRequest(query, SEARCH_RESULTS, config);
  const response = await fetchImpl(request.url, { ...request.init, ...(signal ? { signal } : {}) });
  if (!response.ok) throw new Error(`${config.kind} answered HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
  const json = (await response.json()) as unknown;
  const pages = adapter
    .parseResponse(json)
    .slice(0, SEARCH_RESULTS)
    .map((p) => ({ ...p, text: p.text.length > MAX_PAGE_CHARS ? `${p.text.slice(0, MAX_PAGE_CHARS)}…` : p.text }));
  return { pages, costUsd: adapter.costOf(json) };
}

/** The service's address, as the search asks it. */
export const searchBaseUrl = (config: SearchProviderConfig) => config.baseUrl ?? ADAPTERS[config.kind].defaultBaseUrl;
