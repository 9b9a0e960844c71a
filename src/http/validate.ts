import type { z } from 'zod';
import { HttpProblem } from './problem';

/** Parses once with the schema; a failure lists every invalid field by path, never echoing values. */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: 'body' | 'query' | 'path' | 'header',
): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const invalidParams = parsed.error.issues.map((i) => ({
    name: [where, ...i.path.map(String)].join('.'),
    reason: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
  }));
  throw new HttpProblem(400, `invalid ${where}: ${invalidParams.map((p) => p.name).join(', ')}`, { invalidParams });
}
