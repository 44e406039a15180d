import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mockBaseUrl, type MockProvider } from './server';

export type MockEndpoints = Pick<MockProvider, 'url' | 'baseUrl' | 'close'>;

/**
 * The mock provider in a Node process of its own. A load test's client and an in-process mock
 * share one event loop, so at a hundred requests in flight the mock stalls behind the client and
 * the baseline measures the client; apart, each has its own core.
 */
export async function startMockProcess(): Promise<MockEndpoints> {
  const tsx = new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url).pathname;
  const child = spawn(process.execPath, [tsx, new URL('./main.ts', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the mock provider exited (${code}) before it listened`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  return {
    url,
    baseUrl: (format, target) => mockBaseUrl(url, format, target),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}
