// Node-only helpers of the shared package (never loaded by the renderer); see ARCHITECTURE.md.
// Agents: MCP over stdio, the webhook SSRF check (DNS lookup, pinned fetch), ONNX embedding models.
// What only tests and benchmarks use (fake model servers, hostile files, data-set loaders) is in
// `@app/shared/testing`.
export { connectMcpStdio, type McpStdioConfig } from './mcp-stdio';
export { checkedLookup, lookupAll, ownAddresses, resolveChecked, serverSsrfPolicy } from './dns-lookup';
export { pinnedFetch, type PinnedFetchOptions } from './pinned-fetch';
export {
  createOnnxEmbedder,
  modelFolderProblem,
  type ModelFolder,
  type OnnxFolderOptions,
} from './onnx-model-folder';
export { OnnxEmbedder, type OnnxEmbedderOptions } from '../embeddings/onnx-embedder';
