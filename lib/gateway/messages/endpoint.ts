import type { MessagesEndpoint } from '../gateway';

/** POST …/messages and …/messages/count_tokens, their code loaded when a request first asks for them. */
export const messagesEndpoint: MessagesEndpoint = async (request, deps) => {
  const { handleCountTokens, handleMessages } = await import('./handler');
  return new URL(request.url).pathname.replace(/\/+$/, '').endsWith('/count_tokens') ? handleCountTokens(request, deps) : handleMessages(request, deps);
};
