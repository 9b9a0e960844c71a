import { Worker } from '@temporalio/worker';
import request from 'supertest';
import { hello } from '../fixtures/plumbing-workflows';
import { TOKENS, useServiceStack } from '../support/service-stack';
import { openingBody } from '../support/api-helpers';

const stack = useServiceStack();

describe('the real dev server', () => {
  it('runs a trivial workflow to completion', async () => {
    const worker = await Worker.create({
      connection: stack.env.nativeConnection,
      namespace: stack.env.namespace,
      taskQueue: 'plumbing-dev',
      workflowsPath: require.resolve('../fixtures/plumbing-workflows'),
    });
    const result = await worker.runUntil(
      stack.env.client.workflow.execute(hello, {
        taskQueue: 'plumbing-dev',
        workflowId: `hello-${Date.now()}`,
        args: ['Temporal'],
      }),
    );
    expect(result).toBe('hello Temporal');
  });

  it('opens a case through the API and mails the Immigration Office', async () => {
    const res = await request(stack.app)
      .post('/v1/cases')
      .set('Authorization', `Bearer ${TOKENS.payoke}`)
      .send(openingBody());
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/v1/cases/${res.body.caseId}`);
    await stack.smtp.waitFor(1, 10_000);
    expect(stack.smtp.messages[0]?.to).toMatchObject({ text: 'office-etrangers@example.org' });
    const status = await request(stack.app)
      .get(`/v1/cases/${res.body.caseId}`)
      .set('Authorization', `Bearer ${TOKENS.payoke}`);
    expect(status.body).toMatchObject({ stage: 'REFLECTION', centre: 'PAYOKE' });
  });
});
