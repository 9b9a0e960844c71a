/**
 * The production worker as deployed: `node dist/worker.js` runs the workflow bundle the
 * build made (dist/workflow-bundle.js, no webpack run at start), and a case opened through
 * the API gets its first notice from it. Real processes (tools/stack/process-stack.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startProcessStack, type ProcessStack } from '../../tools/stack/process-stack';
import { waitUntil } from '../../tools/stack/wait';
import { openingBody } from '../support/api-helpers';

jest.setTimeout(180_000);

const BUNDLE = join(__dirname, '..', '..', 'dist', 'workflow-bundle.js');

let stack: ProcessStack;
beforeAll(async () => {
  if (!existsSync(BUNDLE)) throw new Error('dist/workflow-bundle.js is missing: run npm run build');
  stack = await startProcessStack();
}, 180_000);
afterAll(() => stack?.close());

const logLines = () =>
  stack.worker.lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as { msg?: string; workflowCode?: string }];
    } catch {
      return [];
    }
  });

it('runs the prebuilt workflow bundle, and a case opened through the API gets its first notice', async () => {
  const running = await waitUntil('"worker running"', () => logLines().find((l) => l.msg === 'worker running'), 10_000);
  expect(running.workflowCode).toBe('prebuilt-bundle');
  expect(logLines().filter((l) => l.msg?.includes('bundling the workflows at start'))).toEqual([]);

  const res = await stack.request('POST', '/v1/cases', {
    token: stack.tokens['centre-PAYOKE'],
    body: openingBody(),
  });
  expect(res.status).toBe(201);
  const { caseId } = res.body as { caseId: string };
  const opened = await waitUntil(
    'the case-opened mail',
    () => stack.smtp.deliveries.find((d) => d.messageId.startsWith(`<${caseId}=2F`)),
    30_000,
  );
  expect(opened.to).toEqual(['office-etrangers@example.org']);
});
