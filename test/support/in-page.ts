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
      const frame = message as { t: string; data?: { choices: { delta: { content?: string } }[] }; error?: { message: string } };
      if (frame.t === 'chunk') text += frame.data?.choices[0]?.delta.content ?? '';
      if (frame.t === 'done') resolve(text);
      if (frame.t === 'error') reject(new Error(frame.error?.message));
    });
    port.postMessage({ t: 'start', type: 'chat.completions', payload: { source: 'options', body } });
  });
}
