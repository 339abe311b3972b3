// What tests and benchmarks run against, never production (lint keeps src/ from importing it): fake
// OpenAI-compatible and GigaChat servers, a demo MCP server, hostile knowledge files, a tiny ONNX
// embedding model written on the spot, an in-memory StorePort and a delivery simulation for the agents'
// engine, the banking77 data-set loader and evaluation, and data folders
// made once and copied into each test's (data-template.ts).
export { createDemoMcpServer, demoMcpHttpHandler } from './mcp-demo-server';
export {
  fakeCompletion,
  fakeStream,
  startFakeOpenAi,
  type FakeHandler,
  type FakeOpenAi,
  type FakeReply,
  type FakeRequest,
} from './fake-openai-server';
export {
  gigachatCompletion,
  startFakeGigaChat,
  type FakeGigaChat,
  type FakeGigaChatOptions,
  type FakeGigaChatRequest,
} from './fake-gigachat-server';
export { evaluateBanking77, loadBanking77, parseCsv, type Banking77Result } from './banking77';
export { docxFile, pdfFile, zipFile, type ZipInput } from './hostile-files';
export { tinyTopics, writeTinyOnnxModel, type TinyModelOptions } from './tiny-onnx-model';
export { copyTemplate, dataTemplate, type DataTemplate } from './data-template';
export { freePort, onFreePort, PortTaken } from './ports';
export { createMemoryStore, type MemoryStore } from './memory-store';
export { deliverDue, type DeliveryPass } from './delivery-simulation';
