// Integrations: a team's task tracker, calendar, webhook tools and MCP servers (settings.ts), the API
// that configures them (routes.ts), and the tools its agents get from them (team-tools.ts, build.ts).
export { outboundDeps, type IntegrationOptions, type OutboundDeps } from './build';
export { integrationRoutes, type IntegrationRouteOptions } from './routes';
export { startTeamTools, type TeamTools } from './team-tools';
export { loadMcpStdioServers, MCP_CONFIG_FILE, type McpStdioServer } from './stdio-config';
