// Entry of `npm run models -- ...` (commands.ts says what it does).
import { runModelsCli } from './commands';

process.exitCode = await runModelsCli(process.argv.slice(2), {
  out: process.stdout,
  err: process.stderr,
  env: process.env,
});
