// Composition root of the sync server process: reads the environment once (DATA_DIR/config.json
// holds optional defaults), starts the server, prints the demo login once, and shuts down gracefully
// on SIGTERM/SIGINT.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { ConfigError } from '@app/shared/config';
import { loadServerConfig } from './config';
import { startServer } from './server';

function fileConfig(dataDir: string): Record<string, string> {
  const path = join(dataDir, 'config.json');
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError([{ variable: path, message: `is not JSON (${(e as Error).message})` }]);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ConfigError([{ variable: path, message: 'must hold a JSON object of variables' }]);
  // Structured values (LLM_FALLBACKS as an array) are kept as the JSON text the schema reads.
  return Object.fromEntries(
    Object.entries(parsed).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]),
  );
}

async function main(): Promise<void> {
  let config;
  try {
    // `npm start` at the root runs this in sync-server/; ./data means the folder npm was started in.
    const env = { ...process.env };
    if (!env.DATA_DIR && env.INIT_CWD) env.DATA_DIR = join(env.INIT_CWD, 'data');
    config = loadServerConfig(env, fileConfig(env.DATA_DIR || './data'));
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const log = pino({
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  });
  const server = await startServer(config, { log });
  if (server.seeded) {
    process.stdout.write(
      [
        '',
        '  Demo team created. Sign in with:',
        `    e-mail:   ${server.seeded.email}`,
        `    password: ${server.seeded.password}`,
        '  Events agency demo team (the events pack):',
        `    e-mail:   ${server.seeded.events.email}`,
        `    password: ${server.seeded.events.password}`,
        `  Workspace: ${server.url}/app   API: ${server.url}/api/v1   (this is shown only once)`,
        '',
        '',
      ].join('\n'),
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
