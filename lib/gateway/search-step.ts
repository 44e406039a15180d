import { adapterFor } from './attempts';
import { abortedError } from './errors';
import { withFoundSources } from './found-sources';
import type { ChatRequest } from './openai-schema';
import { contentText } from './providers/shared/content';
import type { ProviderAdapter } from './providers/types';
import type { Recorder } from './recorder';
import type { Candidate } from './resolve';
import { searchTheWeb, type FoundPage, type SearchProviderConfig } from './search-providers';
import { searchesOnItsOwn, searchWish } from './web-search';

/**
 * A search asked of models that cannot search on their own: run once at the user's search service
 * (its fee priced for the candidates that use it); a failed search leaves them without, and the
 * answer says so (x-switchyard-tools-left-out: web_search).
 */
export async function searchForModels(request: ChatRequest, candidates: Candidate[], recorder: Recorder, deps: { search?: SearchProviderConfig; fetch: typeof fetch }, signal: AbortSignal): Promise<FoundPage[] | undefined> {
  const wish = searchWish(request);
  if (!wish || !deps.search || candidates.every(searchesOnItsOwn)) return undefined;
  const query = lastUserText(request);
  if (!query) return undefined;
  try {
    const { pages, costUsd } = await searchTheWeb(deps.search, query, deps.fetch, signal);
    if (!pages.length) return undefined;
    const ownSearch = recorder.priceSearches;
    recorder.priceSearches = (candidate, searches) => (searchesOnItsOwn(candidate) ? (ownSearch?.(candidate, searches) ?? 0) : costUsd);
    return pages;
  } catch (error) {
    if (signal.aborted) throw abortedError();
    console.warn('Switchyard: the web search failed; answering without it.', error);
    return undefined;
  }
}

/** The last user message's words: what the search service is asked. */
function lastUserText(request: ChatRequest): string {
  const last = [...request.messages].reverse().find((m) => m.role === 'user');
  return last ? contentText(last.content).trim().slice(0, 400) : '';
}

/** A candidate's adapter; for one without search of its own, given what the search service found. */
export async function adapterWithSearch(candidate: Candidate, request: ChatRequest, found: FoundPage[] | undefined): Promise<ProviderAdapter> {
  const adapter = await adapterFor(candidate, request);
  return found && !searchesOnItsOwn(candidate) ? withFoundSources(adapter, found) : adapter;
}
