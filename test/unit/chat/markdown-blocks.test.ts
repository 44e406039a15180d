import { describe, expect, it } from 'vitest';
import { markdownBlocks } from '../../../lib/chat/markdown-blocks';

describe('markdownBlocks', () => {
  it('splits at blank lines', () => {
    expect(markdownBlocks('# Title\n\nFirst paragraph\nstill first.\n\n\n- a\n- b')).toEqual(['# Title', 'First paragraph\nstill first.', '- a\n- b']);
  });
  it('keeps a code fence with blank lines in one block, even while it is still open', () => {
    const code = 'Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter';
    expect(markdownBlocks(code)).toEqual(['Intro', '```js\nconst a = 1;\n\nconst b = 2;\n```', 'After']);
    expect(markdownBlocks('```py\nx = 1\n\ny')).toEqual(['```py\nx = 1\n\ny']);
    expect(markdownBlocks('~~~\na\n\n```\nb\n~~~\n\nc')).toEqual(['~~~\na\n\n```\nb\n~~~', 'c']);
  });
});
