// Node-only helpers of the shared package (never loaded by the renderer); see ARCHITECTURE.md.
// Agents: MCP over stdio, the webhook SSRF check (DNS lookup, pinned fetch), the fake OpenAI server
// for tests and benchmarks, and the banking77 evaluation of the offline intent classifier.
export { connectMcpStdio, type McpStdioConfig } from './mcp-stdio';
export { createDemoMcpServer, demoMcpHttpHandler } from './mcp-demo-server';
export { checkedLookup, lookupAll, ownAddresses, resolveChecked, serverSsrfPolicy } from './dns-lookup';
export { pinnedFetch, type PinnedFetchOptions } from './pinned-fetch';
export {
  fakeCompletion,
  fakeStream,
  startFakeOpenAi,
  type FakeHandler,
  type FakeOpenAi,
  type FakeReply,
  type FakeRequest,
} from './fake-openai-server';
export { evaluateBanking77, loadBanking77, parseCsv, type Banking77Result } from './banking77';
export { docxFile, pdfFile, zipFile, type ZipInput } from './hostile-files';
export {
  gigachatCompletion,
  startFakeGigaChat,
  type FakeGigaChat,
  type FakeGigaChatOptions,
  type FakeGigaChatRequest,
} from './fake-gigachat-server';
export {
  createOnnxEmbedder,
  modelFolderProblem,
  type ModelFolder,
  type OnnxFolderOptions,
} from './onnx-model-folder';
export { tinyTopics, writeTinyOnnxModel, type TinyModelOptions } from './tiny-onnx-model';
export { OnnxEmbedder, type OnnxEmbedderOptions } from '../embeddings/onnx-embedder';
