// Embedding providers: the local default (no model download) and any OpenAI-compatible endpoint.
export * from './types';
export * from './local-embedder';
export * from './openai-embedder';
