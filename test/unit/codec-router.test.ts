import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import express from 'express';
import request from 'supertest';
import { AesGcmCodec } from '../../src/crypto/aes-gcm-codec';
import { PayloadKeys } from '../../src/crypto/payload-keys';
import { createCodecRouter, type CodecPrincipal } from '../../src/http/codec-router';
import { codecJson } from '../support/codec-json';

const WEB_UI = 'http://localhost:8233';
const PSEUDONYM = 'Zorya-Kestrel-4471';

const principals: Record<string, CodecPrincipal> = {
  'Bearer admin-token': { id: 'admin-1', role: 'admin' },
  'Bearer ibz-token': { id: 'ibz-1', role: 'immigration-office' },
  'Bearer centre-token': { id: 'payoke-1', role: 'centre' },
  'Bearer prosecutor-token': { id: 'pk-antwerp', role: 'prosecutor' },
};

const codec = new AesGcmCodec(new PayloadKeys('k1', new Map([['k1', randomBytes(32)]])));

function app(allowTokenlessLoopback: boolean, webUiOrigin = WEB_UI): express.Express {
  const a = express();
  a.use(
    createCodecRouter({
      codec,
      resolvePrincipal: async (h) => (h ? principals[h] : undefined),
      webUiOrigin,
      allowTokenlessLoopback,
    }),
  );
  return a;
}
const deployed = app(false);
const devStack = app(true);

const fromJson = (p: { metadata: Record<string, string>; data: string }): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data, 'base64'),
});
const body = { payloads: [codecJson(defaultPayloadConverter.toPayload({ pseudonym: PSEUDONYM }))] };

async function encrypted(): Promise<{ payloads: ReturnType<typeof codecJson>[] }> {
  return {
    payloads: (await codec.encode([defaultPayloadConverter.toPayload({ pseudonym: PSEUDONYM })])).map(codecJson),
  };
}

function expectProblem(res: request.Response, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(
    Object.keys(res.body as object)
      .filter((k) => k !== 'href' && k !== 'issues')
      .sort(),
  ).toEqual(['detail', 'instance', 'status', 'title', 'type']);
  expect(res.body).toMatchObject({ status });
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
}

describe('codec endpoint protocol', () => {
  it.each(['Bearer admin-token', 'Bearer ibz-token'])('decodes payloads over HTTP for %s', async (auth) => {
    const dec = await request(deployed)
      .post('/codec/decode')
      .set('Authorization', auth)
      .set('X-Namespace', 'default')
      .send(await encrypted());
    expect(dec.status).toBe(200);
    expect(dec.headers['cache-control']).toBe('no-store');
    expect(dec.body).toEqual(body);
    const [decoded] = (dec.body as { payloads: { metadata: Record<string, string>; data: string }[] }).payloads;
    expect(defaultPayloadConverter.fromPayload(fromJson(decoded!))).toEqual({ pseudonym: PSEUDONYM });
  });

  it('encodes nothing for anyone: ciphertext the worker accepts is made by the service alone', async () => {
    for (const auth of ['Bearer admin-token', 'Bearer ibz-token']) {
      const res = await request(devStack).post('/codec/encode').set('Authorization', auth).send(body);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('binary/encrypted');
    }
  });

  it('decodes what the workers encrypted', async () => {
    const res = await request(deployed)
      .post('/codec/decode')
      .set('Authorization', 'Bearer admin-token')
      .send(await encrypted());
    expect(res.status).toBe(200);
    expect(res.body).toEqual(body);
  });

  it('names the missing key id instead of returning garbage', async () => {
    const other = new AesGcmCodec(new PayloadKeys('retired-2024', new Map([['retired-2024', randomBytes(32)]])));
    const payloads = (await other.encode([defaultPayloadConverter.toPayload('x')])).map(codecJson);
    const res = await request(deployed)
      .post('/codec/decode')
      .set('Authorization', 'Bearer admin-token')
      .send({ payloads });
    expectProblem(res, 422);
    expect((res.body as { detail: string }).detail).toContain('"retired-2024"');
  });

  it('answers a malformed body with a problem that does not echo the body', async () => {
    const bad = await request(deployed)
      .post('/codec/decode')
      .set('Authorization', 'Bearer admin-token')
      .send({ payloads: 'no' });
    expectProblem(bad, 400);
    const broken = await request(deployed)
      .post('/codec/decode')
      .set('Authorization', 'Bearer admin-token')
      .set('Content-Type', 'application/json')
      .send(`{"payloads": [${PSEUDONYM}`);
    expectProblem(broken, 400);
    expect(JSON.stringify(broken.body)).not.toContain(PSEUDONYM);
  });
});

describe('codec endpoint access', () => {
  it.each(['Bearer centre-token', 'Bearer prosecutor-token'])(
    'refuses %s with 403, even on the dev stack',
    async (auth) => {
      for (const a of [deployed, devStack]) {
        const res = await request(a)
          .post('/codec/decode')
          .set('Authorization', auth)
          .set('Origin', WEB_UI)
          .send(await encrypted());
        expectProblem(res, 403);
        expect(JSON.stringify(res.body)).not.toContain(PSEUDONYM);
      }
    },
  );

  it('refuses an unknown token with 401', async () => {
    const res = await request(devStack)
      .post('/codec/decode')
      .set('Authorization', 'Bearer nope')
      .set('Origin', WEB_UI)
      .send(body);
    expectProblem(res, 401);
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('refuses a tokenless request in the deployment configuration, even from loopback and the Web UI', async () => {
    expectProblem(await request(deployed).post('/codec/decode').set('Origin', WEB_UI).send(body), 401);
    expectProblem(await request(deployed).post('/codec/decode').send(body), 401);
  });

  it('answers a tokenless loopback request from the Web UI on the dev stack', async () => {
    const res = await request(devStack)
      .post('/codec/decode')
      .set('Origin', WEB_UI)
      .set('X-Namespace', 'default')
      .send(await encrypted());
    expect(res.status).toBe(200);
    expect(res.body).toEqual(body);
  });

  it('on the dev stack still wants a token without the Web UI origin or through a proxy', async () => {
    expectProblem(await request(devStack).post('/codec/decode').send(body), 401);
    const proxied = await request(devStack)
      .post('/codec/decode')
      .set('Origin', WEB_UI)
      .set('X-Forwarded-For', '203.0.113.9')
      .send(body);
    expectProblem(proxied, 401);
  });

  it('refuses a foreign origin with 403, with or without a token', async () => {
    for (const [a, auth] of [
      [devStack, undefined],
      [deployed, 'Bearer admin-token'],
    ] as const) {
      const req = request(a).post('/codec/decode').set('Origin', 'http://evil.example');
      const res = await (auth ? req.set('Authorization', auth) : req).send(await encrypted());
      expectProblem(res, 403);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  const lan = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  (lan ? it : it.skip)('refuses a tokenless request that does not come from loopback', async () => {
    const server: Server = createServer(devStack);
    await new Promise<void>((resolve) => server.listen(0, lan, resolve));
    try {
      const { port } = server.address() as { port: number };
      const res = await request(`http://${lan}:${port}`).post('/codec/decode').set('Origin', WEB_UI).send(body);
      expectProblem(res, 401);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('codec endpoint CORS', () => {
  it('gives CORS headers to the Web UI origin only', async () => {
    const ok = await request(deployed)
      .post('/codec/decode')
      .set('Origin', WEB_UI)
      .set('Authorization', 'Bearer admin-token')
      .send(body);
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(WEB_UI);
    expect(ok.headers['vary']).toMatch(/Origin/);

    const refused = await request(deployed).post('/codec/decode').set('Origin', WEB_UI).send(body);
    expect(refused.status).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(WEB_UI); // so the Web UI can read why

    const noOrigin = await request(deployed)
      .post('/codec/decode')
      .set('Authorization', 'Bearer admin-token')
      .send(body);
    expect(noOrigin.status).toBe(200);
    expect(noOrigin.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers the Web UI preflight with the headers it sends', async () => {
    const res = await request(deployed)
      .options('/codec/decode')
      .set('Origin', WEB_UI)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,x-namespace');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(WEB_UI);
    expect(res.headers['access-control-allow-methods']).toBe('POST');
    const allowed = (res.headers['access-control-allow-headers'] as string).toLowerCase().split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-namespace']));
  });

  it('refuses a foreign preflight without CORS headers', async () => {
    const res = await request(deployed)
      .options('/codec/decode')
      .set('Origin', 'http://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-headers']).toBeUndefined();
  });

  it('tolerates a trailing slash in the configured origin', async () => {
    const res = await request(app(true, `${WEB_UI}/`))
      .post('/codec/decode')
      .set('Origin', WEB_UI)
      .send(body);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(WEB_UI);
  });
});

describe('what a decode tells the audit', () => {
  it('is only what was decrypted: a payload sent in clear comes back as it was and names no case', async () => {
    const told: unknown[][] = [];
    const a = express();
    a.use(
      createCodecRouter({
        codec,
        resolvePrincipal: async (h) => (h ? principals[h] : undefined),
        webUiOrigin: WEB_UI,
        allowTokenlessLoopback: false,
        decoded: (_res, _ciphertexts, plain) => {
          told.push(plain.map((p) => defaultPayloadConverter.fromPayload(p)));
          return Promise.resolve();
        },
      }),
    );
    const sealed = await codec.encode([defaultPayloadConverter.toPayload({ caseId: 'case-sealed' })]);
    const inClear = defaultPayloadConverter.toPayload({ caseId: 'case-claimed-by-the-caller' });
    const res = await request(a)
      .post('/codec/decode')
      .set('Authorization', 'Bearer admin-token')
      .send({ payloads: [inClear, ...sealed].map(codecJson) });
    expect(res.status).toBe(200);
    expect(told).toEqual([[{ caseId: 'case-sealed' }]]);
  });
});
