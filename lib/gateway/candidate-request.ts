import type { ChatRequest } from './openai-schema';
import type { Candidate } from './resolve';

/**
 * A request as one candidate can take it, where the catalog knows the model well enough: an output
 * limit past the model's own is lowered to it, and reasoning parameters are left out for a model
 * that does not reason (providers refuse both with a 400). Clients of the Messages API send
 * Claude's limits and thinking settings (Claude Code asks for 32,000 tokens, adaptive thinking) to
 * whatever model they are pointed at. Models the catalog only guesses at (listed by a local server
 * or a custom host) are sent the request as it is.
 */
export function requestForCandidate(request: ChatRequest, candidate: Candidate): ChatRequest {
  const model = candidate.entry?.model;
  if (!model || model.local || model.unpriced || model.contextAssumed) return request;
  let fitted = request;
  const limit = model.maxOutput;
  if (request.max_tokens && request.max_tokens > limit) fitted = { ...fitted, max_tokens: limit };
  if (request.max_completion_tokens && request.max_completion_tokens > limit) fitted = { ...fitted, max_completion_tokens: limit };
  if (!model.capabilities.reasoning && (request.reasoning || request.reasoning_effort)) {
    const { reasoning: _reasoning, reasoning_effort: _effort, ...rest } = fitted;
    fitted = rest as ChatRequest;
  }
  return fitted;
}
