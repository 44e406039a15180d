export { createGateway, type Gateway, type GatewayOptions } from './gateway';
export type { BeforeRequestHook, BeforeRequestInfo } from './chat';
export { GatewayError } from './errors';
export type { ChatRequest, ChatCompletion, ChatCompletionChunk, Usage } from './openai-schema';
export type { ProviderConfig, ProviderKind } from './providers/types';
export { PROVIDER_PRESETS, findPreset, type ProviderPreset } from './providers/presets';
export { ADAPTERS } from './providers';
export type { UsageRecord, AttemptRecord, RecordStatus } from './record';
export type { Timeouts } from './upstream';
