// Configuration parsed once at process start by a schema: defaults < config file < environment.
// A bad value fails fast with a message naming the variable; secrets never appear in that message.
import { z } from 'zod';
import { DomainError } from './errors';

export type ConfigSource = Record<string, string | undefined>;

/** Variables whose values must never be printed. */
const secretPattern = /(SECRET|TOKEN|PASSWORD|API_KEY|KEY)$/;

export class ConfigError extends DomainError<'config-invalid'> {
  readonly variables: string[];
  constructor(problems: { variable: string; message: string }[]) {
    super(
      'config-invalid',
      `Invalid configuration: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`,
    );
    this.name = 'ConfigError';
    this.variables = problems.map((p) => p.variable);
  }
}

/**
 * Parses configuration with `schema` (a zod object whose keys are environment variable names).
 * `file` holds values from a config file; `env` wins over it. Empty strings count as unset.
 */
export function parseConfig<S extends z.ZodObject>(
  schema: S,
  env: ConfigSource,
  file: ConfigSource = {},
): z.infer<S> {
  const merged: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key] !== undefined && env[key] !== '' ? env[key] : file[key];
    if (value !== undefined && value !== '') merged[key] = value;
  }
  const result = schema.safeParse(merged);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(config)');
    const secret = secretPattern.test(variable);
    return { variable, message: secret ? 'is invalid (value hidden)' : issue.message };
  });
  throw new ConfigError(problems);
}

/** Reusable field parsers for environment strings. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  url: () => z.string().url({ message: 'must be a URL such as http://localhost:5984' }),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  int: (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
    z.coerce.number().int().min(min).max(max).default(fallback),
};
