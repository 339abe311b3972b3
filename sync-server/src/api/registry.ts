// Every API route is added through a registry that keeps its description beside its handlers, so the
// OpenAPI document is generated from the same zod schemas that parse the requests.
import type { RequestHandler, Router } from 'express';
import type { z } from 'zod';
import type { Role } from '../context';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type BodySpec =
  z.ZodType | { mediaType: string; description: string } | { jsonSchema: object; description: string };

export type RouteSpec = {
  method: Method;
  /** Express-style path below /api/v1, e.g. `/contacts/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it: `public` needs no token. */
  access: Role | 'public';
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
    router[spec.method](spec.path, ...handlers);
  }

  /** Describes routes another module mounts (the core's auth routes). */
  describe(spec: RouteSpec): void {
    this.specs.push(spec);
  }
}
