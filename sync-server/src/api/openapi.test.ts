// The OpenAPI document describes every route the API and the core's auth router mount, and nothing
// that is not mounted.
import type { Router } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthRouter } from '../auth/auth-router';
import type { PasswordReset } from '../auth/password-reset';
import type { AuthService } from '../auth/auth-service';
import type { MembersService } from '../context';
import { telegramCheckRoutes } from '../channels/telegram/check-route';
import { channelStatusRoutes } from '../channels/channel-status';
import { widgetRoutes } from '../channels/webchat/widgets-router';
import type { Widgets } from '../channels/webchat/widgets';
import { vkSettingsRoutes } from '../channels/vk/settings-routes';
import { vkSocialRoutes } from '../social/social-routes';
import { emailSettingsRoutes } from '../channels/email/settings-routes';
import { integrationRoutes, outboundDeps } from '../integrations/index';
import { createApiRouter } from './index';
import { modelProviderRoutes } from '../models/routes';
import { testChatRoutes, type TestChatDeps } from '../models/test-chat';
import type { LlmClient } from '@app/shared/llm';
import type { UsageMeters } from '../models/usage';
import { embeddingsRoutes } from '../models/embeddings-routes';
import { companyRoutes } from '../proposals/company-routes';
import { proposalRoutes } from '../proposals/proposal-routes';
import { billingPublicRoutes, billingRoutes, type BillingHttpDeps } from '../billing/routes';
import type { ProposalRenderer } from '../proposals/proposal-renderer';
import { conversationTypingRoutes } from './conversation-typing';
import { openApiPath } from './openapi';
import { startApiTestServer, type ApiTestServer } from '../../test/api-kit';

type Layer = { route?: { path: string; methods: Record<string, boolean> } };

function mounted(router: Router, prefix = ''): string[] {
  return (router.stack as Layer[]).flatMap((l) =>
    l.route
      ? Object.keys(l.route.methods)
          .filter((m) => m !== '_all')
          .map((m) => `${m} ${openApiPath(`${prefix}${l.route!.path}`)}`)
      : [],
  );
}

let t: ApiTestServer;
beforeAll(async () => {
  t = await startApiTestServer();
});
afterAll(() => t?.close());

describe('openapi.json', () => {
  it('is served without a token and lists exactly the mounted routes', async () => {
    const res = await fetch(`${t.base}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: object; 'x-required-role': string }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );

    const noop = () => undefined;
    const members = { list: noop, invite: noop, setRole: noop, remove: noop } as unknown as MembersService;
    const api = createApiRouter({
      store: t.server.store,
      log: pino({ level: 'silent' }),
      encryptionKey: Buffer.alloc(32),
      now: () => new Date(),
      members,
      requireAuth: (_q, _s, n) => n(),
      routes: [
        widgetRoutes({} as Widgets),
        telegramCheckRoutes({ apiRoot: 'http://127.0.0.1:9' }, Buffer.alloc(32)),
        vkSettingsRoutes('http://127.0.0.1:9'),
        vkSocialRoutes('http://127.0.0.1:9'),
        emailSettingsRoutes({}),
        channelStatusRoutes([]),
        integrationRoutes({ outbound: outboundDeps() }),
        modelProviderRoutes({ usage: {} as UsageMeters, hasDefault: false, policy: {} }),
        embeddingsRoutes({ knowledgeFor: () => undefined }),
        testChatRoutes({
          llmFor: () => ({}) as LlmClient,
          aiReplies: {} as TestChatDeps['aiReplies'],
          instanceId: () => 'test',
        }),
        conversationTypingRoutes({ read: () => undefined }),
        companyRoutes,
        proposalRoutes({ renderer: {} as ProposalRenderer }),
        billingRoutes({} as BillingHttpDeps),
      ],
    });
    const auth = createAuthRouter({
      auth: {} as AuthService,
      acceptInvite: async () => undefined,
      passwordReset: {} as PasswordReset,
      requireAuth: (_q, _s, n) => n(),
    });
    // Billing's public routes (the providers' webhooks, the operator's plan route), mounted by the app
    // below /api/v1 before the API's parser and auth.
    const billingPublic = billingPublicRoutes({
      billing: { options: { graceDays: 7 } },
    } as unknown as BillingHttpDeps).flatMap((r) =>
      mounted(r.handler as Router, r.path.slice('/api/v1'.length)),
    );
    expect(billingPublic).toHaveLength(3);
    const routes = [...mounted(api), ...mounted(auth), ...billingPublic];
    expect(routes.length).toBeGreaterThan(35);
    expect([...routes].sort()).toEqual([...documented].sort());
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.responses, `${method} ${path}`).toHaveProperty('4XX');
        expect(['public', 'viewer', 'rep', 'admin']).toContain(op['x-required-role']);
      }
    }
    expect(doc.paths['/api/v1/contacts/{id}']?.patch).toBeDefined();
    expect(doc.paths['/api/v1/auth/login']?.post).toBeDefined();
    expect(doc.paths['/api/v1/channels/webchat/{key}']?.patch).toBeDefined();
  });
});
