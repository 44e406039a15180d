import { memo, useState, type ReactElement, type ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { markdownBlocks } from '@/lib/chat/markdown-blocks';
import { safeUrl } from '@/lib/chat/safe-url';
import { Icon } from '../ui/Icon';

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (node && typeof node === 'object' && 'props' in node) return textOf((node as { props: { children?: ReactNode } }).props.children);
  return '';
}

function CodeBlock({ children }: { children?: ReactNode }) {
  const [copied, setCopied] = useState(false);
  const language = /language-([\w-]+)/.exec(
    (children as { props?: { className?: string } } | undefined)?.props?.className ?? '',
  )?.[1];
  return (
    <div className="sy-code">
      <div className="sy-code-bar">
        <span>{language ?? 'code'}</span>
        <button
          type="button"
          className="sy-link-button"
          onClick={() => {
            void navigator.clipboard.writeText(textOf(children).replace(/\n$/, '')).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            });
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <pre>{children}</pre>
    </div>
  );
}

const components: Components = {
  pre: ({ children }) => <CodeBlock>{children}</CodeBlock>,
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // Remote images would load as soon as an answer renders, and could carry page data to a
  // third party (a prompt-injection favourite): show them as links instead.
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? (
      <a href={src} target="_blank" rel="noopener noreferrer nofollow" className="sy-image-link">
        <Icon name="image" />
        {alt || 'image'}
      </a>
    ) : null,
};

export type RehypePlugins = NonNullable<Parameters<typeof ReactMarkdown>[0]['rehypePlugins']>;

const remarkPlugins = [remarkGfm];
const none: RehypePlugins = [];

/** Blocks already rendered, by highlighter and text: a long conversation reopened is not parsed again. */
const rendered = new WeakMap<RehypePlugins, Map<string, ReactElement>>();
const CACHED_BLOCKS = 2000;

function renderBlock(text: string, rehypePlugins: RehypePlugins, keep: boolean): ReactElement {
  if (!keep) return ReactMarkdown({ children: text, remarkPlugins, rehypePlugins, urlTransform: safeUrl, components });
  let cache = rendered.get(rehypePlugins);
  if (!cache) rendered.set(rehypePlugins, (cache = new Map()));
  let element = cache.get(text);
  if (element) {
    // Most recently used last, so the oldest is dropped first.
    cache.delete(text);
  } else {
    // ReactMarkdown is a plain function (no hooks): called here, its parse is kept.
    element = ReactMarkdown({ children: text, remarkPlugins, rehypePlugins, urlTransform: safeUrl, components });
    if (cache.size >= CACHED_BLOCKS) cache.delete(cache.keys().next().value!);
  }
  cache.set(text, element);
  return element;
}

/** One of each kind of block and inline an answer has, for warmUpSteps. */
const WARM_UP_SAMPLE = [
  '# A heading',
  'Prose with **bold**, *emphasis*, ~~struck~~, `code`, a [link](https://example.com), https://example.com and a note[^1].',
  '- an item\n- [x] a task\n  - nested',
  '1. first\n2. second',
  '> a quote',
  '| a | b |\n| - | :-: |\n| 1 | 2 |',
  '```ts\nconst answer = 42;\n```',
  '---',
  '[^1]: The note.',
].join('\n\n');

/**
 * Parses a sample of every kind of markdown, a block per step, for the page to run while idle:
 * the parser's code is compiled on its first use, and a first answer streaming in three compare
 * columns at once otherwise pays that inside the render (20–30 ms tasks on a 2-core machine).
 */
export function warmUpSteps(): Array<() => void> {
  return markdownBlocks(WARM_UP_SAMPLE).map((block) => () => void renderBlock(block, none, false));
}

const Block = memo(function Block({ text, rehypePlugins, keep }: { text: string; rehypePlugins: RehypePlugins; keep: boolean }) {
  return renderBlock(text, rehypePlugins, keep);
});

/**
 * Model output as GitHub-flavoured markdown: no raw HTML, no script, code with copy buttons
 * (highlighted when the highlighter is passed in). Rendered block by block, so a streaming
 * answer re-parses only its last block. Loaded only when an answer has markdown (Markdown.tsx).
 */
export default memo(function MarkdownRenderer({ text, rehypePlugins = none, live = false }: { text: string; rehypePlugins?: RehypePlugins; live?: boolean }) {
  const blocks = markdownBlocks(text);
  return (
    <div className="sy-markdown">
      {blocks.map((block, i) => (
        // The block still growing in a live answer is parsed again next frame: not worth keeping.
        <Block key={i} text={block} rehypePlugins={rehypePlugins} keep={!live || i < blocks.length - 1} />
      ))}
    </div>
  );
});
