import * as z from 'zod/mini';
import { readErrorBody } from '../shared/errors';
import { getProviderJson } from '../shared/http';
import type { ProviderAdapter } from '../types';
import { anthropicHeaders, buildAnthropicRequest } from './request';
import { parseAnthropicResponse } from './response';
import { parseAnthropicStream } from './stream';

const ModelList = z.looseObject({
  data: z.array(z.looseObject({ id: z.string(), display_name: z.nullish(z.string()) })),
});

/** Anthropic's Messages API. */
export const anthropicAdapter: ProviderAdapter = {
  kind: 'anthropic',
  buildRequest: buildAnthropicRequest,
  parseResponse: (json) => parseAnthropicResponse(json),
  parseStream: (body) => parseAnthropicStream(body),
  parseError: readErrorBody,
  async listModels(provider, fetchImpl, signal) {
    const { 'content-type': _json, ...headers } = anthropicHeaders(provider);
    const url = `${provider.baseUrl.replace(/\/+$/, '')}/v1/models?limit=1000`;
    const json = await getProviderJson(fetchImpl, url, headers, provider.id, signal);
    return ModelList.parse(json).data.map((m) => ({ id: m.id, name: m.display_name ?? undefined }));
  },
};
