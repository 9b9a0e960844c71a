/**
 * The codec's check of a Web UI user's OIDC access token (issue 15): against a real JWKS served over HTTP by an
 * issuer in this process, with real signatures.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { AccessTokenVerifier } from '../../src/identity/access-tokens';
import { AesGcmCodec } from '../../src/crypto/aes-gcm-codec';
import { openCaseKeys } from '../../src/crypto/case-keys';
import { PayloadKeys } from '../../src/crypto/payload-keys';
import { caseIdsOfDecoded } from '../../src/http/codec-audit';

let server: Server;
let issuer: string;
let key: KeyLike;
let stranger: KeyLike;
beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  stranger = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/.well-known/openid-configuration')
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    else if (req.url === '/jwks') res.end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const token = (
  claims: Record<string, unknown>,
  o: { signer?: KeyLike; iss?: string; exp?: number; aud?: string } = {},
) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(o.iss ?? issuer)
    .setAudience(o.aud ?? 'urn:victim-cases:temporal')
    .setIssuedAt()
    .setExpirationTime(o.exp ?? Math.floor(Date.now() / 1000) + 300)
    .sign(o.signer ?? key);

describe("a Web UI user's access token at the codec", () => {
  it('names the user when the issuer signed it for the audience, and nobody otherwise', async () => {
    const verifier = new AccessTokenVerifier(issuer, 'urn:victim-cases:temporal');
    const valid = await token({ sub: 'immigration-office', email: 'io@dev.invalid', email_verified: true });
    await expect(verifier.identity(`Bearer ${valid}`)).resolves.toEqual({
      sub: 'immigration-office',
      email: 'io@dev.invalid',
      emailVerified: true,
    });
    const refused = [
      `Bearer ${await token({ sub: 'x' }, { signer: stranger })}`,
      `Bearer ${await token({ sub: 'x' }, { iss: 'http://elsewhere.invalid' })}`,
      `Bearer ${await token({ sub: 'x' }, { exp: Math.floor(Date.now() / 1000) - 60 })}`,
      `Bearer ${await token({ sub: 'x' }, { aud: 'urn:another-service' })}`,
      `Bearer ${await token({})}`,
      `Basic ${valid}`,
      'Bearer not-a-jwt',
      undefined,
    ];
    for (const authorization of refused) await expect(verifier.identity(authorization)).resolves.toBeUndefined();
  });
});

describe('the case of a decode, for its audit line', () => {
  const json = (value: unknown) => ({
    metadata: { [METADATA_ENCODING_KEY]: Buffer.from('json/plain') },
    data: Buffer.from(JSON.stringify(value)),
  });
  const caseId = 'case-0f6f3c57-5bb5-4c4e-9d3b-8f2b9a4e7d10';
  const master = new PayloadKeys('k1', new Map([['k1', randomBytes(32)]]));
  const caseKeys = openCaseKeys(':memory:', master);
  afterAll(() => caseKeys.close());
  /** A decode of payloads from before case keys (no case key id): only what they name. */
  const named = (plain: Payload[]) => caseIdsOfDecoded(caseKeys, plain, plain);

  it("is the case of each payload's case key, whatever they hold (an event names no case), every one", async () => {
    const codec = new AesGcmCodec(master, caseKeys);
    const other = 'case-1f6f3c57-5bb5-4c4e-9d3b-8f2b9a4e7d11';
    const event = json({ actor: { role: 'centre' }, event: { type: 'identity-documented' } });
    const inCase = (workflowId: string) => ({ type: 'workflow', namespace: 'default', workflowId }) as const;
    const [ofOne] = await codec.encode([event], inCase(caseId));
    const [ofOther] = await codec.encode([event], inCase(other));
    await expect(caseIdsOfDecoded(caseKeys, [ofOne!], [event])).resolves.toEqual([caseId]);
    // A batch of two cases is audited under both.
    await expect(caseIdsOfDecoded(caseKeys, [ofOne!, ofOther!, ofOne!], [event, event, event])).resolves.toEqual([
      caseId,
      other,
    ]);
  });

  it('is, before case keys, the case a start, a carried state or a status names, and none for what names no case', async () => {
    await expect(named([json({ caseId, centre: 'PAYOKE' })])).resolves.toEqual([caseId]);
    await expect(named([json({ type: 'complaint-filed' }), json({ carried: { v: 3, caseId } })])).resolves.toEqual([
      caseId,
    ]);
    await expect(named([json({ actor: { role: 'centre' }, event: { type: 'identity-documented' } })])).resolves.toEqual(
      [],
    );
    await expect(named([json({ caseId: 'Robert; DROP TABLE' })])).resolves.toEqual([]);
    await expect(
      named([{ metadata: { [METADATA_ENCODING_KEY]: Buffer.from('binary/plain') }, data: Buffer.from(caseId) }]),
    ).resolves.toEqual([]);
  });
});
