// Two ways to define a tool's arguments: a zod schema (built-in tools) or a JSON schema from
// configuration (webhook and MCP tools), checked by ajv. Either way validation runs before the effect.
import Ajv from 'ajv';
import { z } from 'zod';
import type { AgentTool, ToolContext, ToolValidation } from './types';

export function defineZodTool<S extends z.ZodType>(def: {
  name: string;
  description: string;
  schema: S;
  execute(args: z.infer<S>, ctx: ToolContext): Promise<unknown>;
}): AgentTool {
  const parameters = z.toJSONSchema(def.schema) as Record<string, unknown>;
  delete parameters.$schema;
  return {
    name: def.name,
    description: def.description,
    parameters,
    validate(args): ToolValidation {
      const r = def.schema.safeParse(args);
      if (r.success) return { ok: true, value: r.data };
      return {
        ok: false,
        message: r.error.issues.map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`).join('; '),
      };
    },
    execute: (args, ctx) => def.execute(args as z.infer<S>, ctx),
  };
}

const ajv = new Ajv({ allErrors: true, strict: false });

export function jsonSchemaValidator(schema: Record<string, unknown>): (args: unknown) => ToolValidation {
  const fn = ajv.compile(schema);
  return (args) =>
    fn(args)
      ? { ok: true, value: args }
      : {
          ok: false,
          message: (fn.errors ?? [])
            .slice(0, 5)
            .map((e) => `${e.instancePath || '(arguments)'} ${e.message ?? e.keyword}`)
            .join('; '),
        };
}
