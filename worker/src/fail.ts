import { errorResponse, GatewayError } from '../../lib/gateway/errors';
import { anthropicError } from '../../lib/gateway/messages/errors';

/** An error answered in OpenAI's shape, as the gateway answers its own. */
export const fail = (...args: ConstructorParameters<typeof GatewayError>): Response => errorResponse(new GatewayError(...args));

/** An error answered in the shape the path's API uses: Anthropic's for /v1/messages, OpenAI's elsewhere. */
export function failFor(path: string, ...args: ConstructorParameters<typeof GatewayError>): Response {
  if (!/^\/v1\/messages(\/|$)/.test(path)) return fail(...args);
  const [status, , , message] = args;
  return Response.json(anthropicError(status, message), { status });
}
