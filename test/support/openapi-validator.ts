import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export interface OpenApiValidation {
  valid: boolean;
  version: string | undefined;
  errors: unknown;
}

/**
 * Validates a document with @seriousme/openapi-schema-validator (the OpenAPI
 * Initiative's JSON schemas). The package is ESM only and jest here runs
 * CommonJS, so it runs in a child Node process.
 */
export function validateOpenApi(document: unknown): OpenApiValidation {
  const entry = pathToFileURL(require.resolve('@seriousme/openapi-schema-validator')).href;
  const script = `
    import { Validator } from ${JSON.stringify(entry)};
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(text));
    process.stdout.write(JSON.stringify({ valid: result.valid, errors: result.errors ?? null, version: validator.version }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    input: JSON.stringify(document),
    timeout: 30_000,
  });
  return JSON.parse(out.toString('utf8')) as OpenApiValidation;
}
