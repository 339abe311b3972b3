// The sync server as main.ts runs it (config from the environment, the demo login printed once,
// SIGTERM a graceful stop), for suites outside sync-server (the desktop e2e) whose fake services, an
// admin's webhook and MCP server, listen on loopback: it passes `integrations.allowHosts:
// ['127.0.0.1']`, the test-only start option integrations-e2e.test.ts uses, which the server's config
// never sets. Production is started by src/main.ts, whose SSRF guard lets no private address through.
// `TEST_SERVICES_URL` (tests only) points the task trackers' and Google Calendar's API roots at one
// loopback fake, as integrations-e2e.test.ts's `baseUrls` do.
// Run: `tsx sync-server/test/loopback-server-cli.ts` with the environment main.ts reads.
import { pino } from 'pino';
import { loadServerConfig } from '../src/config';
import { startServer } from '../src/server';

const config = loadServerConfig({ ...process.env });
const log = pino({ level: config.LOG_LEVEL });
const services = process.env.TEST_SERVICES_URL;
const server = await startServer(config, {
  log,
  integrations: {
    allowHosts: ['127.0.0.1'],
    ...(services
      ? {
          baseUrls: {
            notion: services,
            asana: services,
            trello: services,
            github: services,
            google: services,
          },
          retryEveryMs: 1_000,
        }
      : {}),
  },
});
if (server.seeded)
  process.stdout.write(
    `\n  e-mail:   ${server.seeded.email}\n  password: ${server.seeded.password}\n  Workspace: ${server.url}/app\n`,
  );
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
