import type { Answer } from './behavior';

/**
 * Web search in the mock: when a request asks for search in its provider's own shape and the
 * script gives results, the answer carries that provider's search calls and citations. Each
 * source cites the first span of the answer's text equal to its `cites`.
 */
export interface MockSearch {
  queries: string[];
  sources: { url: string; title: string; cites: string }[];
}

export interface Segment {
  text: string;
  source?: MockSearch['sources'][number];
  /** Character offsets in the whole text. */
  start: number;
  end: number;
}

/** The answer's text cut at the spans its sources cite, in order. */
export function segments(answer: Answer): Segment[] {
  const spans = (answer.search?.sources ?? [])
    .map((source) => ({ source, start: answer.text.indexOf(source.cites) }))
    .filter((s) => s.start >= 0)
    .sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let at = 0;
  for (const { source, start } of spans) {
    if (start < at) continue;
    if (start > at) out.push({ text: answer.text.slice(at, start), start: at, end: start });
    out.push({ text: source.cites, source, start, end: start + source.cites.length });
    at = start + source.cites.length;
  }
  if (at < answer.text.length) out.push({ text: answer.text.slice(at), start: at, end: answer.text.length });
  return out;
}

/** UTF-8 byte length of a string (Gemini's grounding offsets count bytes). */
export const bytes = (text: string) => new TextEncoder().encode(text).length;
