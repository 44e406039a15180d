import type { ResponsesEndpoint } from '../gateway';

/** POST …/responses, its code loaded when a request first asks for it. */
export const responsesEndpoint: ResponsesEndpoint = async (request, deps) => (await import('./handler')).handleResponses(request, deps);
