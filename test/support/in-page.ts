/**
 * Code that runs inside an extension page (Chromium's via Playwright, Firefox's via puppeteer):
 * self-contained, since the test runners send it to the page as source text.
 */

/** Streams one chat through the background's port, as the side panel does, and returns the text. */
export function streamChatInPage(body: unknown): Promise<string> {
  const scope = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
  const api = scope.browser?.runtime?.id ? scope.browser : scope.chrome;
  return new Promise<string>((resolve, reject) => {
    const port = api.runtime.connect({ name: 'switchyard-stream' });
    let text = '';
    port.onMessage.addListener((message: unknown) => {
      type Chunk = { choices: { delta: { content?: string } }[] };
      const frame = message as { t: string; data?: Chunk | Chunk[]; error?: { message: string } };
      // After the first text, chunks arrive batched: one 'chunks' frame per frame's worth.
      const chunks = frame.t === 'chunk' ? [frame.data as Chunk] : frame.t === 'chunks' ? (frame.data as Chunk[]) : [];
      for (const chunk of chunks) text += chunk.choices[0]?.delta.content ?? '';
      if (frame.t === 'done') resolve(text);
      if (frame.t === 'error') reject(new Error(frame.error?.message));
    });
    port.postMessage({ t: 'start', type: 'chat.completions', payload: { source: 'options', body } });
  });
}
