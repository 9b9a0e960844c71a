import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { z } from 'zod';

/**
 * What is wrong with a file or the environment, said one way everywhere: each path and its message,
 * never the value (a key file holds keys, a principals file token hashes).
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** Validates already-parsed data; on failure `fail` receives the issues as `describeIssues` says them. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  data: unknown,
  fail: (problem: string) => Error,
): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw fail(describeIssues(parsed.error.issues));
  return parsed.data;
}

/**
 * Reads a JSON file and validates it with `schema`. `fail` turns each problem into the loader's own error,
 * usually `<what> <path>: <problem>`: "cannot be read (ENOENT)", "not valid JSON", or the issues.
 */
export function readJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  fail: (problem: string) => Error,
): z.output<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw fail(`cannot be read (${(err as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // Not JSON.parse's message: V8 quotes the text around the error, which may be a key or a token hash.
    throw fail('not valid JSON');
  }
  return parseWith(schema, data, fail);
}

/**
 * Writes `data` as JSON to a file readable by its owner only, then renames it into place: a crash never leaves a
 * truncated file, and a reader never sees half of one.
 */
export function replaceJsonFile(path: string, data: unknown): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}
