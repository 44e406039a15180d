/** What the panels say about how much of a page goes to a model. */

/** The background's account of a page fitted to a model (context.fit). */
export interface PageFitResult {
  text: string;
  trimmed: boolean;
  tokens: number;
  originalTokens: number;
  window: number;
  windowAssumed: boolean;
  noRoom: boolean;
  roomier?: { id: string; name: string; contextLength: number };
  /** With several tabs: each one's fit, in order. */
  parts?: { text: string; trimmed: boolean; tokens: number; originalTokens: number }[];
}

export const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
const n = (value: number) => value.toLocaleString('en-US');

/** How much of the page a chip shows: "4,200 words", or "first 1,830 of 4,200 words" when it is cut. */
export function pageAmount(pageText: string, fit: PageFitResult | undefined): string {
  const total = wordCount(pageText);
  if (!fit?.trimmed || fit.noRoom) return `${n(total)} words`;
  return `first ${n(wordCount(fit.text))} of ${n(total)} words`;
}

function windowPhrase(fit: PageFitResult): string {
  return fit.windowAssumed ? `an assumed ${n(fit.window)} tokens (no window is known for it: set one in Options → Providers)` : `${n(fit.window)} tokens`;
}

/** The line under a chip when the page is cut to fit a model. */
export function cutNote(model: string, fit: PageFitResult): string {
  return `Cut to fit ${model}: ${n(fit.tokens)} of ${n(fit.originalTokens)} tokens go; its window is ${windowPhrase(fit)}.`;
}

/** Why a page cannot go with a question to a model, and what to do instead. */
export function noRoomMessage(model: string, fit: PageFitResult): string {
  const offer = fit.roomier
    ? ` ${fit.roomier.name} (${n(fit.roomier.contextLength)} tokens) holds it whole.`
    : ' Pick a model with a larger window, start a new chat, or ask without the page.';
  return `${model}'s context window (${windowPhrase(fit)}) leaves no room for this page beside the conversation.${offer}`;
}
