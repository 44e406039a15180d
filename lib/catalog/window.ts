/**
 * A model's context window, and how it is shared between the prompt and the answer.
 */

/** The window taken for a model nobody gave a length for: what nearly every model served today holds. */
export const ASSUMED_WINDOW = 8_192;
/** The most room an answer is kept in a window, however large. */
export const ANSWER_RESERVE = 8_192;
/** The share of a window an answer may take: never all of it, so a small window still has room for the prompt. */
export const ANSWER_SHARE = 0.25;

/** Room kept for the answer in a window: at most a quarter of it, 8,192 tokens or the model's own output limit. */
export function answerReserve(window: number, maxOutput?: number): number {
  return Math.max(1, Math.min(maxOutput ?? ANSWER_RESERVE, ANSWER_RESERVE, Math.floor(window * ANSWER_SHARE)));
}
