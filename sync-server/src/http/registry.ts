// Every API route is added through a registry that keeps its description beside its handlers, so the
// OpenAPI document is generated from the same zod schemas that parse the requests, and who may call
// it from the same access table (`@app/shared/access`) that the check before its handlers asks.
import type { RequestHandler, Router } from 'express';
import type { z } from 'zod';
import { leastRole, roles, type Permission, type Role } from '@app/shared/access';
import { requireAccess } from './route';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type BodySpec =
  z.ZodType | { mediaType: string; description: string } | { jsonSchema: object; description: string };

export type RouteSpec = {
  method: Method;
  /** Express-style path below /api/v1, e.g. `/contacts/:id`. */
  path: string;
  summary: string;
  tag: string;
  /**
   * Who may call it: `public` needs no token, `member` any member of the team; otherwise what the
   * access table allows for a resource and operation (all of them, when several are listed).
   */
  access: 'public' | 'member' | Permission | readonly Permission[];
  query?: z.ZodType;
  /** A zod schema for JSON bodies, or a media type and description for uploads. */
  body?: BodySpec;
  /** A zod schema of the JSON answer, a JSON schema literal, or a media type for files. */
  response?: BodySpec;
  status?: number;
};

export class RouteRegistry {
  readonly specs: RouteSpec[] = [];

  add(router: Router, spec: RouteSpec, ...handlers: RequestHandler[]): void {
    this.specs.push(spec);
    const needs = permissionsOf(spec.access);
    router[spec.method](spec.path, ...(needs.length ? [requireAccess(...needs), ...handlers] : handlers));
  }

  /** Describes routes another module mounts (the core's auth routes). */
  describe(spec: RouteSpec): void {
    this.specs.push(spec);
  }
}

function permissionsOf(access: RouteSpec['access']): Permission[] {
  if (access === 'public' || access === 'member') return [];
  return Array.isArray(access) ? [...(access as readonly Permission[])] : [access as Permission];
}

/** The least trusted role that may call a route (`x-required-role` in the OpenAPI document). */
export function requiredRole(access: RouteSpec['access']): Role | 'public' | 'nobody' {
  if (access === 'public') return 'public';
  const needs = permissionsOf(access).map((p) => leastRole(p.resource, p.op));
  if (needs.includes(undefined)) return 'nobody';
  return needs.reduce<Role>((most, r) => (roles.indexOf(r!) > roles.indexOf(most) ? r! : most), 'viewer');
}

/** A feature's routes, added to a router and described in the registry (so in OpenAPI). */
export type RouteModule<Deps> = (router: Router, registry: RouteRegistry, deps: Deps) => void;
