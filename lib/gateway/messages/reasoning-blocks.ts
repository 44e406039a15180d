import { REASONING_FORMATS, type ReasoningDetail } from '../reasoning';
import { decodeReasoning, encodeReasoning } from '../responses/reasoning-items';

/**
 * Reasoning as the Messages API carries it. Claude's own thinking travels as it came: a thinking
 * block with its signature, a redacted_thinking block with its data. Any other provider's details
 * a turn needs back (Gemini's thought signatures) ride in a redacted_thinking block whose data
 * Switchyard wrote, since a client sends redacted thinking back unread.
 */
export type ThinkingBlock = { type: 'thinking'; thinking: string; signature: string } | { type: 'redacted_thinking'; data: string };

const isClaudes = (detail: ReasoningDetail) => detail.format === REASONING_FORMATS.anthropic;

export function blockOf(detail: ReasoningDetail): ThinkingBlock {
  if (isClaudes(detail) && detail.type === 'reasoning.text') return { type: 'thinking', thinking: detail.text ?? '', signature: detail.signature ?? '' };
  if (isClaudes(detail) && detail.type === 'reasoning.encrypted' && detail.data) return { type: 'redacted_thinking', data: detail.data };
  return { type: 'redacted_thinking', data: encodeReasoning([detail]) };
}

/** The details a client's thinking blocks stand for; a thinking block without a signature proves nothing and is dropped. */
export function detailsOf(block: ThinkingBlock): ReasoningDetail[] {
  if (block.type === 'thinking') {
    return block.signature ? [{ type: 'reasoning.text', text: block.thinking, signature: block.signature, format: REASONING_FORMATS.anthropic }] : [];
  }
  const ours = decodeReasoning(block.data);
  return ours.length ? ours : [{ type: 'reasoning.encrypted', data: block.data, format: REASONING_FORMATS.anthropic }];
}
