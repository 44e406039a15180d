import { build } from 'esbuild';

/**
 * Bundles the Worker as `wrangler deploy` would (one ES module for workerd), for the tests, which
 * run it in Miniflare without wrangler.
 */
export async function bundleWorker(outfile: string): Promise<void> {
  await build({
    entryPoints: [new URL('./src/index.ts', import.meta.url).pathname],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    logLevel: 'warning',
  });
}
