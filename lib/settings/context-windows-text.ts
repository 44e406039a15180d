import { MAX_SET_WINDOW, MIN_SET_WINDOW } from '../vault/schema';

/** A provider's set windows as its form shows them: one "model = tokens" per line. */
export function windowsToText(windows: Record<string, number> | undefined): string {
  return Object.entries(windows ?? {})
    .map(([model, tokens]) => `${model} = ${tokens}`)
    .join('\n');
}

/** Reads the form's lines back; "128k" and "1M" are understood, and a line that is neither says which it is. */
export function textToWindows(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [n, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const at = line.lastIndexOf('=');
    const model = at > 0 ? line.slice(0, at).trim() : '';
    const size = /^(\d+(?:\.\d+)?)\s*([kKmM]?)$/.exec(at > 0 ? line.slice(at + 1).replace(/[,_\s]/g, '') : '');
    if (!model || !size) throw new Error(`Context windows, line ${n + 1}: write it as “llama3.2:1b = 131072” (or 128k).`);
    const unit = size[2]!.toLowerCase();
    const tokens = Math.round(Number(size[1]) * (unit === 'k' ? 1_024 : unit === 'm' ? 1_048_576 : 1));
    if (tokens < MIN_SET_WINDOW || tokens > MAX_SET_WINDOW) {
      throw new Error(`Context windows, line ${n + 1}: a window is between ${MIN_SET_WINDOW.toLocaleString('en-US')} and ${MAX_SET_WINDOW.toLocaleString('en-US')} tokens.`);
    }
    out[model] = tokens;
  }
  return out;
}
