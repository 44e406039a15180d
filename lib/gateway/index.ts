import { createCatalog, type Catalog } from '../catalog/catalog';
import { BUNDLED_CATALOG } from '../catalog/snapshot';
import { createGatewayWith, type Gateway, type GatewayOptions } from './gateway';
import { checkGatewayOptions } from './options';
import { responsesEndpoint } from './responses/endpoint';
import { messagesEndpoint } from './messages/endpoint';

export { createGatewayWith, type CostEstimate, type Gateway, type GatewayOptions, type ResponsesEndpoint } from './gateway';
export { responsesEndpoint, responsesEndpointWith } from './responses/endpoint';
export { openSocketSession, type SocketSession } from './responses/socket';
export { memoryResponseStore, type ResponseStore, type ResponsesStorage, type StoredResponse } from './responses/store';
export { messagesEndpoint } from './messages/endpoint';

let bundled: Catalog | undefined;

/**
 * Switchyard's gateway (see ./gateway.ts), serving every endpoint: options are checked first, and an
 * invalid one is named ("createGateway: providers[1].kind: …"); without a catalog it uses the one
 * shipped with Switchyard.
 */
export function createGateway(options: GatewayOptions): Gateway {
  checkGatewayOptions(options);
  return createGatewayWith({ ...options, catalog: options.catalog ?? (bundled ??= createCatalog(BUNDLED_CATALOG)), responses: responsesEndpoint, messages: messagesEndpoint });
}
export { HealthTracker, HealthSnapshot, type HealthStats } from './health';
export { type AutoTiers, type Tier } from './auto-router';
export { autoTiersFrom, type TierCandidate } from './auto-tiers';
export { approximateCounter, lazyCounter, tiktokenCounter, type TokenCounter } from './tokenizer';
export type { RetryPolicy } from './retry';
export type { BeforeRequestHook, BeforeRequestInfo } from './chat';
export { GatewayError } from './errors';
export type { ChatRequest, ChatCompletion, ChatCompletionChunk, Usage } from './openai-schema';
export type { ProviderConfig, ProviderKind } from './providers/types';
export { PROVIDER_PRESETS, findPreset, type ProviderPreset } from './providers/presets';
export { loadAdapter, type WireFormat } from './providers';
export type { UsageRecord, AttemptRecord, RecordStatus } from './record';
export type { RequestDetails } from './details';
export type { Timeouts } from './upstream';
