import { ANSWER_RESERVE, ANSWER_SHARE, answerReserve } from '../catalog/window';

/** A page never takes more than this, even in a million-token window: it is paid for on every turn. */
export const MAX_PAGE_TOKENS = 100_000;
/** Less of a page than this is a scrap, not something to ask about: the panel says there is no room instead. */
export const MIN_USEFUL_PAGE_TOKENS = 500;
/** Room for the page's wrapping and the instructions around it, at most; a twentieth of a small window. */
const PROMPT_MARGIN = 1_000;
const MARGIN_SHARE = 0.05;

export interface WindowShare {
  /** The model's context window in tokens. */
  window: number;
  /** The model's own output limit, when known. */
  maxOutput?: number;
  /** What the conversation already takes (earlier messages and the question). */
  conversationTokens: number;
}

/**
 * How many tokens of a page go with a question: the window less room for the answer (a share of
 * the window, never all of it), the conversation and a margin. Above zero whenever the window has
 * room beyond the answer's share and the conversation.
 */
export function pageTokenLimit({ window, maxOutput, conversationTokens }: WindowShare): number {
  const margin = Math.min(PROMPT_MARGIN, Math.floor(window * MARGIN_SHARE));
  const room = window - answerReserve(window, maxOutput) - margin - conversationTokens;
  return Math.max(0, Math.min(room, MAX_PAGE_TOKENS));
}

/** Whether a limit leaves too little of a page to send: a model with more room is the answer. */
export function leavesNoRoom(limit: number, pageTokens: number): boolean {
  return pageTokens > 0 && limit < Math.min(pageTokens, MIN_USEFUL_PAGE_TOKENS);
}

/** The window a page and a conversation need whole: the inverse of pageTokenLimit. */
export function windowNeeded(pageTokens: number, conversationTokens: number): number {
  const page = Math.min(pageTokens, MAX_PAGE_TOKENS);
  // The answer and the margin take their shares of a small window, and at most their caps of a large one.
  const beside = page + conversationTokens;
  return Math.max(beside + ANSWER_RESERVE + PROMPT_MARGIN, Math.ceil(beside / (1 - ANSWER_SHARE - MARGIN_SHARE)));
}
