// Team members: list, invite (an invite token the invitee redeems with a password at
// POST /auth/accept-invite), change roles and remove; who may is the access table's `members` row.
// The core's MembersService does the work and scopes everything to the caller's team.
import type { Router } from 'express';
import { z } from 'zod';
import type { MembersService, PlanPolicy } from '../context';
import { roles } from '@app/shared/access';
import { cleanDisplayName } from '../auth/docs';
import { authOf, parse, route } from '../http/route';
import type { RouteRegistry, RouteSpec } from '../http/registry';

const role = z.enum(roles);
const inviteBody = z.strictObject({ email: z.email().max(254), role });
const memberBody = z
  .strictObject({ role: role.optional(), displayName: z.string().max(200).nullable().optional() })
  .refine((b) => b.role !== undefined || b.displayName !== undefined, 'Send a role or a displayName');
const userId = z.string().min(1).max(128);
const inviteId = z.string().regex(/^[0-9a-f]{64}$/, 'not an invite id');
const pendingInvite = z.object({
  id: z.string(),
  email: z.string(),
  role,
  createdAt: z.string(),
  expiresAt: z.string(),
});
const member = z.object({
  id: z.string(),
  email: z.string(),
  role,
  teamId: z.string(),
  createdAt: z.string(),
  displayName: z.string().optional(),
});
const invite = z.object({
  inviteToken: z.string(),
  email: z.string(),
  role,
  expiresAt: z.string(),
  /** The link went to the invitee by e-mail (the team's e-mail channel); else the admin passes it on. */
  emailed: z.boolean(),
});

export function addMemberRoutes(
  router: Router,
  registry: RouteRegistry,
  members: MembersService | undefined,
  plans?: PlanPolicy,
): void {
  const tag = 'members';
  const specs = {
    list: {
      method: 'get',
      path: '/members',
      summary: 'Members of your team',
      tag,
      access: { resource: 'members', op: 'read' },
      response: z.object({ items: z.array(member) }),
    },
    invite: {
      method: 'post',
      path: '/members/invite',
      summary:
        'Invite a member with a role: answers a one-time invite token (7 days) to redeem at POST /auth/accept-invite ' +
        '(the same for any e-mail; one with an account elsewhere joins when its owner accepts with their password)',
      tag,
      access: { resource: 'members', op: 'create' },
      body: inviteBody,
      response: invite,
      status: 201,
    },
    invites: {
      method: 'get',
      path: '/members/invites',
      summary: 'Pending invites of your team (not accepted, not expired); the tokens are not shown again',
      tag,
      access: { resource: 'members', op: 'create' },
      response: z.object({ items: z.array(pendingInvite) }),
    },
    revokeInvite: {
      method: 'delete',
      path: '/members/invites/:inviteId',
      summary: 'Withdraw a pending invite (its token stops working)',
      tag,
      access: { resource: 'members', op: 'create' },
      status: 204,
    },
    setRole: {
      method: 'patch',
      path: '/members/:userId',
      summary:
        "Change a member's role and/or display name (the name that signs their messages to customers; " +
        'null clears it; not an e-mail address)',
      tag,
      access: { resource: 'members', op: 'update' },
      body: memberBody,
      response: member,
    },
    remove: {
      method: 'delete',
      path: '/members/:userId',
      summary: 'Remove a member (ends their sessions)',
      tag,
      access: { resource: 'members', op: 'delete' },
      status: 204,
    },
  } as const;
  if (!members) {
    // Not wired (router tests without the core): documented, not mounted.
    for (const spec of Object.values(specs)) registry.describe(spec);
    return;
  }
  /** A GET of the caller's team's `items` (its members, its pending invites). */
  const addItems = (spec: RouteSpec, items: (teamId: string) => Promise<unknown[]>) =>
    registry.add(
      router,
      spec,
      route(async (_req, res) => {
        res.json({ items: await items(authOf(res).teamId) });
      }),
    );
  addItems(specs.list, (teamId) => members.list(teamId));
  registry.add(
    router,
    specs.invite,
    route(async (req, res) => {
      const body = parse(inviteBody, req.body);
      // A seat more than the plan has: 402, nothing is created.
      const invite = () => members.invite(authOf(res), body);
      res.status(201).json(await (plans ? plans.withSeat(authOf(res).teamId, invite) : invite()));
    }),
  );
  addItems(specs.invites, (teamId) => members.pendingInvites(teamId));
  registry.add(
    router,
    specs.revokeInvite,
    route(async (req, res) => {
      await members.revokeInvite(authOf(res), parse(inviteId, req.params.inviteId));
      res.status(204).end();
    }),
  );
  registry.add(
    router,
    specs.setRole,
    route(async (req, res) => {
      const body = parse(memberBody, req.body);
      const id = parse(userId, req.params.userId);
      const name = body.displayName === undefined ? undefined : cleanDisplayName(body.displayName);
      let view = body.role ? await members.setRole(authOf(res), id, body.role) : undefined;
      if (body.displayName !== undefined) view = await members.setDisplayName(authOf(res), id, name);
      res.json(view);
    }),
  );
  registry.add(
    router,
    specs.remove,
    route(async (req, res) => {
      await members.remove(authOf(res), parse(userId, req.params.userId));
      res.status(204).end();
    }),
  );
}
