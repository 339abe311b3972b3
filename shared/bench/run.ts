// `npm run bench -w shared [-- --quick]`: the shared package's benchmarks (search, agents).
import * as agents from './agents';
import * as search from './search';

const quick = process.argv.includes('--quick');
for (const suite of [search, agents]) await suite.run({ quick });
