import type { Citation } from './providers/types';

/** "[1]", "[2][3]", "[1, 3]": an answer's marks of numbered sources. */
const MARK = /\s?\[(\d{1,2}(?:\s*,\s*\d{1,2})*)\](?:\[(\d{1,2}(?:\s*,\s*\d{1,2})*)\])*/g;
const NUMBERS = /\d{1,2}/g;

/**
 * An answer about numbered sources (tabs, search results) with its "[n]" marks taken out and made
 * citations of the sentence they close, so it shows the way search answers do: numbered links and
 * a sources list. A mark of a number with no source stays as it was written.
 */
type Source = { url: string; title: string };

export function citeNumbered(text: string, sources: readonly Source[] | ((n: number) => Source | undefined)): { text: string; citations: Citation[] } {
  const sourceOf = typeof sources === 'function' ? sources : (n: number) => sources[n - 1];
  const citations: Citation[] = [];
  let out = '';
  let from = 0;
  for (const match of text.matchAll(MARK)) {
    const numbers = [...match[0].matchAll(NUMBERS)].map((m) => Number(m[0]));
    if (!numbers.every((n) => sourceOf(n)) || inCode(text, match.index)) continue;
    out += text.slice(from, match.index);
    from = match.index + match[0].length;
    const end = out.length;
    const start = sentenceStart(out, end);
    for (const n of new Set(numbers)) citations.push({ url: sourceOf(n)!.url, title: sourceOf(n)!.title, start, end });
  }
  return { text: out + text.slice(from), citations };
}

/** Whether a place is inside code (`a[1]` is an index, not a citation): an odd count of backticks before it. */
function inCode(text: string, at: number): boolean {
  return (text.slice(0, at).match(/`/g)?.length ?? 0) % 2 === 1;
}

/** Where the sentence that ends at `end` begins. */
function sentenceStart(text: string, end: number): number {
  const before = text.slice(0, end);
  const stop = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('! '), before.lastIndexOf('? '));
  return stop < 0 ? 0 : stop + (before[stop] === '\n' ? 1 : 2);
}

/**
 * Citations of an answer's "[n]" marks left in its text (a stream's text has gone out with them):
 * each spans its mark, as OpenAI's search models annotate their inline links.
 */
export function markCitations(text: string, sources: readonly { url: string; title: string }[]): Citation[] {
  const citations: Citation[] = [];
  for (const match of text.matchAll(/\[(\d{1,2})\]/g)) {
    const source = sources[Number(match[1]) - 1];
    if (source && !inCode(text, match.index)) citations.push({ url: source.url, title: source.title, start: match.index, end: match.index + match[0].length });
  }
  return citations;
}
