// `npm run bench -w shared [-- --quick | --smoke]`: the shared package's benchmarks (search, agents).
import * as agents from './agents';
import { benchMode } from './report';
import * as search from './search';

const mode = benchMode();
for (const suite of [search, agents]) await suite.run(mode);
