/**
 * The window Ollama gives a request that names none: 4,096 tokens unless the machine has a large
 * GPU (docs/context-length in ollama/ollama). A longer prompt is cut from its start without a
 * word, which drops the page a question is about.
 */
export const OLLAMA_DEFAULT_WINDOW = 4_096;
/** Room for the answer when the request sets no limit. */
const ANSWER_ROOM = 2_048;
/** Sizes go up in powers of two from here, so a conversation that grows reloads the model rarely. */
const SMALLEST = 8_192;

/**
 * The `num_ctx` a request needs, or undefined when Ollama's default holds it. Never more than the
 * model's window (a Modelfile's own num_ctx, or the window it was trained for).
 */
export function numCtxFor(promptTokens: number, maxOutput: number | undefined, contextLength: number | undefined): number | undefined {
  const needed = promptTokens + (maxOutput ?? ANSWER_ROOM);
  if (needed <= OLLAMA_DEFAULT_WINDOW) return undefined;
  let size = SMALLEST;
  while (size < needed) size *= 2;
  return contextLength ? Math.min(size, contextLength) : size;
}
