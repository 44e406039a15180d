import { diffWords } from 'diff';

export interface DiffPart {
  text: string;
  /** Only in the first answer, only in the second, or in both. */
  kind: 'removed' | 'added' | 'same';
}

/** Two answers compared word by word (jsdiff): what the second dropped, added and kept. */
export function wordDiff(first: string, second: string): DiffPart[] {
  return diffWords(first, second).map((change) => ({ text: change.value, kind: change.added ? 'added' : change.removed ? 'removed' : 'same' }));
}

/** How much of the two answers is the same, by characters (0–1). */
export function sameShare(parts: DiffPart[]): number {
  let same = 0;
  let all = 0;
  for (const part of parts) {
    all += part.text.length;
    if (part.kind === 'same') same += part.text.length;
  }
  return all ? same / all : 1;
}
