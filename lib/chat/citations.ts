/**
 * Web sources an answer cites (url_citation annotations, by character span of the answer): the
 * numbered list shown under it, and the answer's text with each cited span followed by its
 * numbers as links, the way search answers are read.
 */
import type { Citation } from '../gateway/providers/types';

export type { Citation };
export { citationOf } from '../gateway/web-search';

export interface Source {
  number: number;
  url: string;
  title: string;
}

/** One numbered source per page, in the order the answer first cites them. */
export function sourcesOf(citations: readonly Citation[]): Source[] {
  const sources: Source[] = [];
  for (const c of [...citations].sort((a, b) => a.start - b.start)) {
    if (!sources.some((s) => s.url === c.url)) sources.push({ number: sources.length + 1, url: c.url, title: c.title || c.url });
  }
  return sources;
}

/** The answer's text with `[n](url)` after each cited span (several sources of one span side by side). */
export function withCitationMarks(text: string, citations: readonly Citation[]): string {
  const sources = sourcesOf(citations);
  const numberOf = new Map(sources.map((s) => [s.url, s.number]));
  const marks = new Map<number, Source[]>();
  for (const c of citations) {
    const end = Math.min(Math.max(c.end, 0), text.length);
    const at = marks.get(end) ?? [];
    if (!at.some((s) => s.url === c.url)) at.push({ number: numberOf.get(c.url)!, url: c.url, title: c.title });
    marks.set(end, at);
  }
  let out = '';
  let from = 0;
  for (const end of [...marks.keys()].sort((a, b) => a - b)) {
    out += text.slice(from, end);
    out += marks.get(end)!.sort((a, b) => a.number - b.number).map((s) => ` [${s.number}](${encodeURI(decodeURI(s.url))})`).join('');
    from = end;
  }
  return out + text.slice(from);
}
