// `npm run bench -w shared [-- --quick | --smoke]`: the shared package's benchmarks (search, agents,
// contact extraction, the events intents, catalog search and quotes).
import * as agents from './agents';
import * as catalog from './catalog';
import * as extraction from './extraction';
import * as intents from './intents';
import { benchMode } from './report';
import * as search from './search';

const mode = benchMode();
for (const suite of [search, agents, extraction, intents, catalog]) await suite.run(mode);
