// The OpenAPI 3.1 document, generated from the route registry: the same zod schemas that parse the
// requests describe them here, and collection docs are described by their shared JSON schemas.
import { z } from 'zod';
import { requiredRole, type BodySpec, type RouteSpec } from '../http/registry';

type Json = Record<string, unknown>;

const toSchema = (schema: z.ZodType): Json =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Json;

function content(spec: BodySpec): Json {
  if (spec instanceof z.ZodType) return { 'application/json': { schema: toSchema(spec) } };
  if ('jsonSchema' in spec) return { 'application/json': { schema: spec.jsonSchema } };
  return {
    [spec.mediaType]: { schema: { type: 'string', format: 'binary', description: spec.description } },
  };
}

function parameters(spec: RouteSpec): Json[] {
  const params: Json[] = [...spec.path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string', maxLength: 128 },
  }));
  if (spec.query) {
    const schema = toSchema(spec.query) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, s] of Object.entries(schema.properties ?? {})) {
      params.push({
        name,
        in: 'query',
        required: schema.required?.includes(name) === true && !('default' in s),
        schema: s,
      });
    }
  }
  return params;
}

export const openApiPath = (path: string) => `/api/v1${path.replace(/:(\w+)/g, '{$1}')}`;

export function buildOpenApi(specs: RouteSpec[]): Json {
  const paths: Record<string, Json> = {};
  for (const spec of specs) {
    const status = String(spec.status ?? 200);
    const op: Json = {
      operationId: `${spec.method}${spec.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: spec.summary,
      tags: [spec.tag],
      security: spec.access === 'public' ? [] : [{ bearer: [] }],
      'x-required-role': requiredRole(spec.access),
      parameters: parameters(spec),
      responses: {
        [status]: {
          description: status === '204' ? 'No content' : 'OK',
          ...(spec.response && status !== '204' ? { content: content(spec.response) } : {}),
        },
        '4XX': { $ref: '#/components/responses/Error' },
      },
    };
    if (spec.body) op.requestBody = { required: true, content: content(spec.body) };
    const key = openApiPath(spec.path);
    paths[key] = { ...paths[key], [spec.method]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sales workspace sync server API',
      version: '1.0.0',
      description:
        'JSON API of a team. Every route except auth and this document needs `Authorization: Bearer <accessToken>`; roles are viewer < rep < admin and `x-required-role` is the least role the access table (`@app/shared/access`) lets call a route. Errors: `{error:{code,message}}` with 4xx for caller mistakes.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
            },
          },
        },
      },
      responses: {
        Error: {
          description: 'A caller mistake',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
    paths,
  };
}
