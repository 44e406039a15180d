import type { FinishReason } from '../../openai-schema';

const OPENAI_REASONS: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  content_filter: 'content_filter',
};

export function openAiFinishReason(reason: string | null | undefined): FinishReason {
  return (reason && OPENAI_REASONS[reason]) || 'stop';
}
