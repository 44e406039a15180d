/** Data files written into the extension at build time (see wxt.config.ts), kept out of the code bundles. */
export const TOKENIZER_FILE = '/tokenizer/cl100k_base.json';
export const CATALOG_FILE = '/catalog/bundled.json';

/** A packaged JSON file, given its URL inside the extension. */
export async function readPackagedJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The extension's file ${new URL(url).pathname} is missing (${response.status}).`);
  return response.json();
}
