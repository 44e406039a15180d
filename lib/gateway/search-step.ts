import { adapterFor } from './attempts';
import { abortedError } from './errors';
import { sourcesForWindow, withFoundSources } from './found-sources';
import type { ChatRequest } from './openai-schema';
import { contentText } from './providers/shared/content';
import type { ProviderAdapter } from './providers/types';
import type { Recorder } from './recorder';
import type { Candidate } from './resolve';
import { isPrivateAddress, readFoundPages, searchBaseUrl, searchTheWeb, type FoundPage, type SearchProviderConfig } from './search-providers';
import { searchesOnItsOwn, searchWish } from './web-search';

/** The user's search service, asked once, and only when a candidate without search of its own is tried. */
export interface ServiceSearch {
  pages(): Promise<FoundPage[] | undefined>;
  /** What it found, once asked and answered. */
  readonly found: FoundPage[] | undefined;
}

/**
 * A search asked of models that cannot search on their own, at the user's search service: none
 * when every candidate searches on its own. Run when first needed (a first candidate with its own
 * search that answers spends nothing there), its fee priced for the candidates that use it; a
 * failed search leaves them without, and the answer says so (x-switchyard-tools-left-out).
 */
export function serviceSearchFor(request: ChatRequest, candidates: Candidate[], recorder: Recorder, deps: { search?: SearchProviderConfig; fetch: typeof fetch }, signal: AbortSignal): ServiceSearch | undefined {
  const config = deps.search;
  if (!searchWish(request) || !config || candidates.every(searchesOnItsOwn)) return undefined;
  let running: Promise<FoundPage[] | undefined> | undefined;
  let found: FoundPage[] | undefined;
  const run = async () => {
    const query = lastUserText(request);
    if (!query) return undefined;
    try {
      const { pages: listed, costUsd } = await searchTheWeb(config, query, deps.fetch, signal);
      if (!listed.length) return undefined;
      const pages = config.readPage ? await readFoundPages(listed, { read: config.readPage, fetch: deps.fetch, privateAllowed: isPrivateAddress(searchBaseUrl(config)) }, signal) : listed;
      const ownSearch = recorder.priceSearches;
      recorder.priceSearches = (candidate, searches) => (searchesOnItsOwn(candidate) ? (ownSearch?.(candidate, searches) ?? 0) : costUsd);
      found = pages;
      return pages;
    } catch (error) {
      if (signal.aborted) throw abortedError();
      console.warn('Switchyard: the web search failed; answering without it.', error);
      return undefined;
    }
  };
  return {
    pages: () => (running ??= run()),
    get found() {
      return found;
    },
  };
}

/** The last user message's words: what the search service is asked. */
function lastUserText(request: ChatRequest): string {
  const last = [...request.messages].reverse().find((m) => m.role === 'user');
  return last ? contentText(last.content).trim().slice(0, 400) : '';
}

/** A candidate's adapter; for one without search of its own, given what the search service found. */
export async function adapterWithSearch(candidate: Candidate, request: ChatRequest, search: ServiceSearch | undefined): Promise<ProviderAdapter> {
  const adapter = await adapterFor(candidate, request);
  if (!search || searchesOnItsOwn(candidate)) return adapter;
  const pages = await search.pages();
  return pages ? withFoundSources(adapter, sourcesForWindow(pages, candidate.entry?.model.contextLength)) : adapter;
}
