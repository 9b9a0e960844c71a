/**
 * Issue 17, "a document that client generators and linters accept without a warning": the documents the API
 * serves pass Redocly CLI (recommended rules) and Spectral (spectral:oas) with no problem at all, and a typed
 * client generated from the served document (openapi-typescript + openapi-fetch, no hand-written types) opens a
 * case, reports a complaint and answers the status query, as a centre's and a prosecutor's developers would.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { today } from '../support/api-helpers';
import { createTestApp, TOKENS, useServiceStack } from '../support/service-stack';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

const stack = useServiceStack();
let dir: string;
beforeAll(async () => {
  // In the project (.tools/ is git-ignored), so that the client finds openapi-fetch and TypeScript in node_modules.
  mkdirSync(join(ROOT, '.tools'), { recursive: true });
  dir = mkdtempSync(join(ROOT, '.tools', 'api-clients-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the served OpenAPI documents, linted', () => {
  // As a deployment serves them: with its public address as the server (npm start's is localhost, which linters flag).
  const served = async () => {
    const app = createTestApp({
      client: stack.client,
      keys: stack.keys,
      caseKeys: stack.caseKeys,
      publicBaseUrl: 'https://cases.belgium.test',
    });
    const files: string[] = [];
    for (const path of ['/openapi.json', '/openapi-3.0.json']) {
      const file = join(dir, path.slice(1));
      writeFileSync(file, JSON.stringify((await request(app).get(path)).body));
      files.push(file);
    }
    return files;
  };

  it('Redocly CLI, recommended rules: no error, no warning', async () => {
    for (const file of await served()) {
      const { stdout } = await run(bin('redocly'), ['lint', file, '--format=json'], { cwd: dir });
      const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: unknown[] };
      expect({ file, totals: report.totals, problems: report.problems }).toMatchObject({
        file,
        totals: { errors: 0, warnings: 0 },
        problems: [],
      });
    }
  });

  it('Spectral, spectral:oas: no problem of any severity', async () => {
    const { stdout } = await run(
      bin('spectral'),
      ['lint', ...(await served()), '--ruleset', join(ROOT, '.spectral.yaml'), '--format=json', '--quiet'],
      { cwd: dir },
    ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
    expect(JSON.parse(stdout || '[]')).toEqual([]);
  });
});

describe('a typed client generated from the served document', () => {
  let server: Server;
  let baseUrl: string;
  beforeAll(async () => {
    server = createServer(stack.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('opens a case, reports a complaint and answers the query, type-checked against the document', async () => {
    // The types: generated from what the API serves, nothing written by hand.
    await run(bin('openapi-typescript'), [`${baseUrl}/openapi.json`, '--output', join(dir, 'schema.d.ts')], {
      cwd: dir,
    });
    writeFileSync(join(dir, 'client.ts'), CLIENT);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noUncheckedIndexedAccess: true,
          target: 'ES2022',
          module: 'commonjs',
          moduleResolution: 'node',
          lib: ['ES2022', 'DOM'],
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules', '@types')],
          skipLibCheck: true,
          outDir: 'out',
        },
        files: ['client.ts'],
      }),
    );
    // A type error (a wrong field, a path that does not exist) fails here, as in the centre's build.
    await run(bin('tsc'), ['-p', join(dir, 'tsconfig.json')], { cwd: dir });
    const { stdout } = await run(
      process.execPath,
      [join(dir, 'out', 'client.js'), baseUrl, TOKENS.payoke, TOKENS.antwerpen, today()],
      { cwd: dir },
    );
    const result = JSON.parse(stdout) as { caseId: string; afterComplaint: string; afterAnswer: string };
    expect(result).toEqual({
      caseId: expect.stringMatching(/^case-/),
      afterComplaint: 'TEMPORARY_RESIDENCE',
      afterAnswer: 'IDENTIFIED_VICTIM',
    });
  });
});

/** What a centre's developer writes with the generated `paths`: no type of its own. */
const CLIENT = `
import createClient from 'openapi-fetch';
import type { paths } from './schema';

const [baseUrl, centreToken, prosecutorToken, today] = process.argv.slice(2) as [string, string, string, string];
const api = createClient<paths>({ baseUrl });
const bearer = (token: string) => ({ Authorization: \`Bearer \${token}\` });

async function main(): Promise<void> {
  const opened = await api.POST('/v1/cases', {
    headers: bearer(centreToken),
    body: {
      openedOn: today,
      unaccompaniedMinor: false,
      victim: { pseudonym: 'Typed-Client-Pseudonym', dateOfBirth: '1998-03-02', language: 'ro' },
      exploitation: 'labour',
      caseworkerEmail: 'caseworker@payoke.example.org',
    },
  });
  if (!opened.data) throw new Error(\`open: \${JSON.stringify(opened.error)}\`);
  const caseId = opened.data.caseId;

  const complaint = await api.POST('/v1/cases/{caseId}/events', {
    params: { path: { caseId } },
    headers: bearer(centreToken),
    body: { type: 'complaint-filed', on: today, kind: 'complaint', prosecutorOffice: 'ANTWERPEN' },
  });
  if (!complaint.data) throw new Error(\`complaint: \${JSON.stringify(complaint.error)}\`);
  const queryId = complaint.data.prosecutorQuery?.queryId;
  if (!queryId) throw new Error('no status query after the complaint');

  const answer = await api.POST('/v1/prosecutor/queries/{queryId}/answer', {
    params: { path: { queryId } },
    headers: bearer(prosecutorToken),
    body: { consideredVictim: true, proceedingsOngoing: true, cooperating: true, tiesSevered: true },
  });
  if (!answer.data) throw new Error(\`answer: \${JSON.stringify(answer.error)}\`);
  process.stdout.write(
    JSON.stringify({ caseId, afterComplaint: complaint.data.stage, afterAnswer: answer.data.stage }),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(String(err));
  process.exit(1);
});
`;
