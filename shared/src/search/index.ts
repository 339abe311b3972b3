// Hybrid search (Orama BM25 + typed-array vectors) over knowledge, contacts, leads and messages.
export * from './tokenizer';
export * from './docs';
export * from './filters';
export * from './fusion';
export * from './hash';
export * from './snippet';
export * from './vector-store';
export * from './search-types';
export * from './search-index';
export * from './change-feed';
export * from './knowledge-search';
export * from './retrieval-eval';
export { percentile } from './stats';
export { createBm25Index } from './bm25-index';
