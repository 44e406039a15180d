import { lazy, memo, Suspense, useEffect, useState } from 'react';
import type { RehypePlugins } from './MarkdownRenderer';

let renderer: Promise<typeof import('./MarkdownRenderer')> | undefined;
const loadRenderer = () => (renderer ??= import('./MarkdownRenderer'));
const MarkdownRenderer = lazy(loadRenderer);

/** Whether a text uses markdown at all: most short answers are plain prose and need no parser. */
const MARKDOWN = /[*_`#|~[\]<>]|^\s*([-+]|\d+[.)])\s|^\s*(={3,}|-{3,})\s*$|https?:\/\//m;
const CODE_FENCE = /^\s*(```|~~~)/m;

let highlighter: Promise<RehypePlugins> | undefined;
const loadHighlighter = () => (highlighter ??= import('./highlight').then((m) => m.default));

/** The highlighter, once the text has fenced code and it has loaded. */
function useHighlighter(wanted: boolean): RehypePlugins | undefined {
  const [plugins, setPlugins] = useState<RehypePlugins | undefined>();
  useEffect(() => {
    if (!wanted || plugins) return;
    let live = true;
    void loadHighlighter().then((loaded) => live && setPlugins(loaded));
    return () => {
      live = false;
    };
  }, [wanted, plugins]);
  return plugins;
}

export function PlainText({ text }: { text: string }) {
  return (
    <div className="sy-markdown">
      {text.split(/\n{2,}/).map((paragraph, i) => (
        <p key={i} className="sy-plain">
          {paragraph}
        </p>
      ))}
    </div>
  );
}

/**
 * Model output: plain prose as it is, markdown through the renderer and code highlighting, each
 * loaded the first time an answer needs it, so the side panel starts without them.
 */
export const Markdown = memo(function Markdown({ text, live = false }: { text: string; live?: boolean }) {
  const hasMarkdown = MARKDOWN.test(text);
  const highlight = useHighlighter(hasMarkdown && CODE_FENCE.test(text));
  if (!hasMarkdown) return <PlainText text={text} />;
  return (
    <Suspense fallback={<PlainText text={text} />}>
      <MarkdownRenderer text={text} rehypePlugins={highlight} live={live} />
    </Suspense>
  );
});

/**
 * Loads the renderer and the highlighter, and runs the renderer's warm-up, while the page is idle
 * after it opened, so that the first answer with markdown does not stop the page to compile them
 * in the middle of a stream.
 */
export function preloadMarkdown(): void {
  const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 500));
  const runInTurn = (steps: Array<() => void>, then: () => void) => {
    const [step, ...rest] = steps;
    if (!step) return then();
    idle(() => {
      step();
      runInTurn(rest, then);
    });
  };
  idle(() => void loadRenderer().then((renderer) => runInTurn(renderer.warmUpSteps(), () => idle(() => void loadHighlighter()))));
}

