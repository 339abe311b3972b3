// @app/bot/testing: test doubles for other packages' end-to-end tests.
export * from './fake-telegram';
export type { Failure, FaultMatch } from './fake-faults';
export { FakeCustomer } from './fake-updates';
export type { ContactInit, DocumentInit, FakeFile, FakeUserInit, PhotoInit } from './fake-updates';
export { createManualClock, type ManualClock } from './manual-clock';
export { createMemorySink, type MemorySink } from './memory-ports';
