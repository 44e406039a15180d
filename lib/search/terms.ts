/** Words as the browser segments them (any script, CJK included), lower-cased and without accents. */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
const MARKS = /\p{M}/gu;
/** A message contributes at most this many distinct words to the index (long pastes stay searchable by their start). */
const MAX_TERMS = 4000;

export function normalize(word: string): string {
  return word.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** The words of a text, in order of first appearance, each once. */
export function wordsOf(text: string, limit = MAX_TERMS): string[] {
  const seen = new Set<string>();
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    if (!isWordLike) continue;
    const word = normalize(segment);
    if (word) seen.add(word);
    if (seen.size >= limit) break;
  }
  return [...seen];
}
