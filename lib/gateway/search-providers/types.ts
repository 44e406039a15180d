import type { PageReader } from './read-pages';

/** A web search service the user added (key in the vault) for models that cannot search on their own. */
export interface SearchProviderConfig {
  kind: SearchKind;
  apiKey: string;
  /** The service's API root; its preset's by default (a test points it at the mock). */
  baseUrl?: string;
  /** Reads the found pages' HTML into their main words (a DOM the host has); without it the model gets the service's snippets. */
  readPage?: PageReader;
}

export type SearchKind = 'brave' | 'tavily' | 'exa';

/** A page a search found: its address, title and what the service gives of its words. */
export interface FoundPage {
  url: string;
  title: string;
  text: string;
  /** The words were read from the page itself, not the service's snippet. */
  read?: boolean;
}

export interface SearchRequest {
  url: string;
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string };
}

/** One search service's wire format: the request for a query, and its answer as pages. */
export interface SearchAdapter {
  defaultBaseUrl: string;
  buildRequest(query: string, count: number, config: SearchProviderConfig): SearchRequest;
  parseResponse(json: unknown): FoundPage[];
  /** What one search costs (USD), from the service's price for the plan a key most likely has. */
  costOf(json: unknown): number;
}
