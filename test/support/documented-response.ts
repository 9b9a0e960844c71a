import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type request from 'supertest';
import { openApiDocument } from '../../src/http/api-document';

type Doc = ReturnType<typeof openApiDocument>;
const doc = openApiDocument() as Doc & {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
};
// With formats: a link must be a URI, a date a date.
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));

/** The response is one the document gives for the operation: status, media type and schema; never a 500. */
export function expectDocumented(method: string, pathTemplate: string, res: request.Response): void {
  const op = doc.paths[pathTemplate]?.[method.toLowerCase()];
  if (!op) throw new Error(`${method} ${pathTemplate} is not in the document`);
  const documented = Object.keys(op.responses);
  expect({ status: res.status, documented: documented.includes(String(res.status)) }).toEqual({
    status: res.status,
    documented: true,
  });
  expect(res.status).not.toBe(500);
  const content = op.responses[String(res.status)]!.content ?? {};
  const mediaType = String(res.headers['content-type'] ?? '').split(';')[0]!;
  expect(Object.keys(content)).toContain(mediaType);
  const validate = ajv.compile({ ...content[mediaType]!.schema, components: doc.components });
  const ok = validate(res.body);
  expect({ body: res.body, errors: ok ? null : validate.errors }).toEqual({ body: res.body, errors: null });
}
