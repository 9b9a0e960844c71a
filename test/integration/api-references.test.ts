/**
 * Which case is whose (issue 14): the status names the victim's pseudonym and the file numbers of the
 * other administrations, and a case is found by one of them, by exact match through the keyed-hash
 * index, within what each role may see. The search attribute holds a keyed hash, never the number.
 */
import { boundUpdate } from '../../src/cases/inputs';
import { randomUUID } from 'node:crypto';
import { SA } from '../../src/domain/search-attribute-keys';
import { recordEvent, status, type RecordEventInput } from '../../workflows/messages';
import type { CaseStatus } from '../../src/domain/schemas/case';
import { waitUntil } from '../../tools/stack/wait';
import {
  as,
  caseInTemporaryResidence,
  expectProblem,
  issuesOf,
  openCase,
  openingBody,
  recordOk,
  SECRET,
  today,
} from '../support/api-helpers';
import { complaintFiled } from '../support/fixtures';
import { useServiceStack } from '../support/service-stack';

const stack = useServiceStack();

/** A file number no other test uses, as a prosecutor's office prints it. */
const fileNumber = () => `AN.12.L3.${randomUUID().slice(0, 8).toUpperCase()}/26`;

/** The case ids a principal finds by a file number, once the case index has caught up with `expected`. */
async function found(who: Parameters<typeof as>[1], reference: string, expected: string[]): Promise<string[]> {
  let ids: string[] = [];
  await waitUntil(
    `the list to show ${expected.length} case(s)`,
    async () => {
      const res = await as(stack.app, who).post('/v1/cases/search', { reference });
      expect(res.status).toBe(200);
      ids = (res.body.items as { caseId: string }[]).map((c) => c.caseId);
      return ids.length === expected.length;
    },
    15_000,
    200,
  );
  return ids;
}

describe('which case is whose', () => {
  it('the status names the pseudonym and the file numbers the opening gave', async () => {
    const references = { prosecutorFile: fileNumber(), immigrationOfficeFile: '8.123.456' };
    const opened = await openCase(stack.app, 'payoke', openingBody({ references }));
    expect(opened).toMatchObject({ victim: { pseudonym: SECRET.pseudonym }, references });
    const read = await as(stack.app, 'immigration').get(`/v1/cases/${opened.caseId}`);
    expect(read.body).toMatchObject({ victim: { pseudonym: SECRET.pseudonym }, references });
  });

  it('takes the file number a complaint reports and the one a document reports', async () => {
    const opened = await openCase(stack.app);
    expect(opened.references).toEqual({});
    const prosecutorFile = fileNumber();
    const afterComplaint = await recordOk(stack.app, 'payoke', opened.caseId, {
      ...complaintFiled(today()),
      prosecutorFile,
    });
    expect(afterComplaint.references).toEqual({ prosecutorFile });
    const afterDocument = await recordOk(stack.app, 'immigration', opened.caseId, {
      type: 'document-issued',
      on: today(),
      document: 'ATTESTATION_OF_IMMATRICULATION',
      issuedOn: today(),
      validUntil: afterComplaint.document!.validUntil,
      immigrationOfficeFile: '8.765.432',
    });
    expect(afterDocument.references).toEqual({ prosecutorFile, immigrationOfficeFile: '8.765.432' });
    expect(await found('admin', prosecutorFile, [opened.caseId])).toEqual([opened.caseId]);
    expect(await found('admin', '8 765 432', [opened.caseId])).toContain(opened.caseId);
  });

  it('refuses an Update whose reference keys are not keyed hashes (only the API computes them), changing nothing', async () => {
    const opened = await openCase(stack.app);
    const handle = stack.client.workflow.getHandle(opened.caseId);
    const forged: RecordEventInput = {
      actor: { id: 'caseworker-payoke', role: 'centre', centre: 'PAYOKE' },
      event: complaintFiled(today()),
      referenceKeys: ['AN.12.L3.1/26'],
    };
    await expect(handle.executeUpdate(recordEvent, boundUpdate(forged))).rejects.toMatchObject({
      cause: { type: 'EventRejected', details: [{ code: 'malformed-reference-keys' }] },
    });
    expect(await handle.query(status)).toMatchObject({ stage: 'REFLECTION', references: {} });
  });

  it('refuses a file number with characters no administration prints, naming the field', async () => {
    const res = await as(stack.app, 'payoke').post(
      '/v1/cases',
      openingBody({ references: { prosecutorFile: "x' OR 1=1 --" } }),
    );
    expectProblem(res, 400);
    expect(issuesOf(res)).toEqual([
      expect.objectContaining({
        in: 'body',
        name: 'references.prosecutorFile',
        detail: expect.stringContaining('letters, digits'),
      }),
    ]);
  });
});

describe('finding a case by a file number', () => {
  let mine: CaseStatus;
  let prosecutorFile: string;
  beforeAll(async () => {
    prosecutorFile = fileNumber();
    mine = await caseInTemporaryResidence(stack.app, 'payoke', {
      opening: openingBody({ references: { prosecutorFile } }),
    });
  });

  it('finds it by exact match however the number is typed, and nothing for another number', async () => {
    expect(await found('immigration', prosecutorFile, [mine.caseId])).toEqual([mine.caseId]);
    const retyped = prosecutorFile.toLowerCase().replace(/[./]/g, ' ');
    expect(await found('admin', retyped, [mine.caseId])).toEqual([mine.caseId]);
    expect(await found('immigration', `${prosecutorFile}9`, [])).toEqual([]);
  });

  it("lets a centre find its own cases only, and a prosecutor's office the cases it was queried on", async () => {
    expect(await found('payoke', prosecutorFile, [mine.caseId])).toEqual([mine.caseId]);
    expect(await found('pagasa', prosecutorFile, [])).toEqual([]);
    expect(await found('antwerpen', prosecutorFile, [mine.caseId])).toEqual([mine.caseId]);
    expect(await found('liege', prosecutorFile, [])).toEqual([]);
  });

  it('keeps the number out of Temporal: the search attribute holds a keyed hash', async () => {
    const described = await stack.client.workflow.getHandle(mine.caseId).describe();
    const held = described.typedSearchAttributes.get(SA.references) ?? [];
    expect(held).toHaveLength(1);
    expect(held[0]).toMatch(/^[0-9a-f]{64}$/);
    const digits = prosecutorFile.slice(9, 17);
    expect(JSON.stringify(described.typedSearchAttributes.getAll())).not.toContain(digits);
  });
});
