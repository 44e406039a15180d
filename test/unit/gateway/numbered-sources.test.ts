import { describe, expect, it } from 'vitest';
import { citeNumbered } from '@/lib/gateway/numbered-sources';
import { sourcesOf, withCitationMarks } from '@/lib/chat/citations';

const tabs = [
  { url: 'http://127.0.0.1/a', title: 'Alpha' },
  { url: 'http://127.0.0.1/b', title: 'Beta' },
  { url: 'http://127.0.0.1/c', title: 'Gamma' },
];

describe('citeNumbered', () => {
  it('turns [n] marks into citations of the sentence they close, and takes them out of the text', () => {
    const { text, citations } = citeNumbered('Alpha is red [1]. Beta and Gamma are blue [2][3].\nAll agree [1, 3].', tabs);
    expect(text).toBe('Alpha is red. Beta and Gamma are blue.\nAll agree.');
    expect(citations).toEqual([
      { url: 'http://127.0.0.1/a', title: 'Alpha', start: 0, end: 12 },
      { url: 'http://127.0.0.1/b', title: 'Beta', start: 14, end: 37 },
      { url: 'http://127.0.0.1/c', title: 'Gamma', start: 14, end: 37 },
      { url: 'http://127.0.0.1/a', title: 'Alpha', start: 39, end: 48 },
      { url: 'http://127.0.0.1/c', title: 'Gamma', start: 39, end: 48 },
    ]);
    // Shown as search answers are: each source's number a link after what it backs, and a list.
    expect(withCitationMarks(text, citations)).toBe('Alpha is red [1](http://127.0.0.1/a). Beta and Gamma are blue [2](http://127.0.0.1/b) [3](http://127.0.0.1/c).\nAll agree [1](http://127.0.0.1/a) [3](http://127.0.0.1/c).');
    expect(sourcesOf(citations).map((s) => s.title)).toEqual(['Alpha', 'Beta', 'Gamma']);
  });

  it('leaves marks of numbers with no source, and text with none, as written', () => {
    expect(citeNumbered('See [7] and the array a[0].', tabs)).toEqual({ text: 'See [7] and the array a[0].', citations: [] });
    expect(citeNumbered('Nothing cited.', tabs)).toEqual({ text: 'Nothing cited.', citations: [] });
    expect(citeNumbered('Use `list[1]` here:\n```\nx = rows[2]\n```', tabs).citations).toEqual([]);
  });
});
