import { errorResponse, GatewayError } from '../../lib/gateway/errors';

/** An error answered in OpenAI's shape, as the gateway answers its own. */
export const fail = (...args: ConstructorParameters<typeof GatewayError>): Response => errorResponse(new GatewayError(...args));
