import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { AesGcmCodec, ENCRYPTED_ENCODING, METADATA_KEY_ID } from '../../src/crypto/aes-gcm-codec';
import { AuthenticatingCodec } from '../../src/crypto/authenticating-codec';
import { openCaseKeys } from '../../src/crypto/case-keys';
import { PayloadDecryptionError, UnknownPayloadKeyError } from '../../src/crypto/errors';
import { dataConverterFor, workerDataConverterFor } from '../../src/crypto/data-converter';
import {
  addAndActivateKey,
  ensureDevPayloadKeys,
  loadPayloadKeys,
  PayloadKeys,
  PayloadKeysError,
} from '../../src/crypto/payload-keys';
import { payloadConverter, RefusedPayload } from '../../src/domain/refused-payload';

const PSEUDONYM = 'Zorya-Kestrel-4471';
const NOTE = 'met her brother at the bus station';
const caseInput = { victim: { pseudonym: PSEUDONYM, dateOfBirth: '2008-02-29' }, note: NOTE };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payload-keys-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const text = (b: Uint8Array | null | undefined): string => Buffer.from(b ?? new Uint8Array()).toString('utf8');
const plain = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const value = (p: Payload | undefined): unknown => defaultPayloadConverter.fromPayload(p as Payload);

function devKeys(): { path: string; codec: AesGcmCodec } {
  const path = join(dir, 'nested', 'payload-keys.json');
  ensureDevPayloadKeys(path);
  return { path, codec: new AesGcmCodec(loadPayloadKeys(path)) };
}

describe('key file', () => {
  it('creates a dev key file once, owner-only, in a new directory', () => {
    const path = join(dir, 'a', 'b', 'keys.json');
    expect(ensureDevPayloadKeys(path)).toEqual({ created: true });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const before = readFileSync(path, 'utf8');
    expect(ensureDevPayloadKeys(path)).toEqual({ created: false });
    expect(readFileSync(path, 'utf8')).toBe(before);
    const keys = loadPayloadKeys(path);
    expect(keys.ids).toEqual([keys.encryptWith]);
    expect(keys.key(keys.encryptWith)).toHaveLength(32);
  });

  it('never shows key material when logged or serialised', () => {
    const { path } = devKeys();
    const material = (JSON.parse(readFileSync(path, 'utf8')) as { keys: { key: string }[] }).keys[0]!.key;
    const keys = loadPayloadKeys(path);
    expect(JSON.stringify(keys)).not.toContain(material);
    expect(inspect(keys, { showHidden: true, depth: 5 })).not.toContain(material);
    expect(inspect({ keys }, { depth: 5 })).toContain(keys.encryptWith);
  });

  const secret = Buffer.alloc(32, 7).toString('base64');
  it.each([
    ['is not JSON', `{"encryptWith": "k1", "keys": [{"id": "k1", "key": "${secret}"}`, /not valid JSON/],
    [
      'has a key of the wrong length',
      JSON.stringify({ encryptWith: 'k1', keys: [{ id: 'k1', key: secret.slice(0, 20) }] }),
      /keys\.0\.key: key must be 32 bytes/,
    ],
    [
      'has a key that is not base64',
      JSON.stringify({ encryptWith: 'k1', keys: [{ id: 'k1', key: `!${secret}` }] }),
      /keys\.0\.key: key must be base64/,
    ],
    [
      'encrypts with an unknown id',
      JSON.stringify({ encryptWith: 'k2', keys: [{ id: 'k1', key: secret }] }),
      /encryptWith: "k2" is not one of the key ids/,
    ],
    [
      'repeats a key id',
      JSON.stringify({
        encryptWith: 'k1',
        keys: [
          { id: 'k1', key: secret },
          { id: 'k1', key: secret },
        ],
      }),
      /duplicate key id "k1"/,
    ],
    ['has no keys', JSON.stringify({ encryptWith: 'k1', keys: [] }), /at least one key/],
  ])('refuses a file that %s, naming the file and never the key', (_what, content, problem) => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, content);
    let error: unknown;
    try {
      loadPayloadKeys(path);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PayloadKeysError);
    const message = (error as Error).message;
    expect(message).toContain(path);
    expect(message).toMatch(problem);
    expect(message).not.toContain(secret.slice(4, 24));
  });

  it('refuses a missing file, naming it', () => {
    const path = join(dir, 'absent.json');
    expect(() => loadPayloadKeys(path)).toThrow(`payload key file ${path}: cannot be read (ENOENT)`);
  });
});

describe('AES-GCM codec', () => {
  it('round-trips a payload through ciphertext that contains no plaintext', async () => {
    const { codec } = devKeys();
    const [encrypted] = await codec.encode([plain(caseInput)]);
    expect(text(encrypted?.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encrypted?.metadata?.[METADATA_KEY_ID])).toMatch(/^key-/);
    const wire = Buffer.concat([encrypted!.data!, ...Object.values(encrypted!.metadata!)]);
    for (const secret of [PSEUDONYM, NOTE, '2008-02-29', 'json/plain']) expect(wire.includes(secret)).toBe(false);

    const [decrypted] = await codec.decode([encrypted!]);
    expect(value(decrypted)).toEqual(caseInput);
    expect(text(decrypted?.metadata?.encoding)).toBe('json/plain');
  });

  it('uses a fresh IV for every payload', async () => {
    const { codec } = devKeys();
    const [a, b] = await codec.encode([plain(caseInput), plain(caseInput)]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
    expect(Buffer.from(a!.data!).subarray(0, 12).equals(Buffer.from(b!.data!).subarray(0, 12))).toBe(false);
  });

  it('passes unencrypted payloads through decode unchanged', async () => {
    const { codec } = devKeys();
    const unencrypted = plain({ hello: 'world' });
    const [out] = await codec.decode([unencrypted]);
    expect(out).toBe(unencrypted);
  });

  it('keeps old payloads readable after a rotation and encrypts new ones with the new key', async () => {
    const { path, codec: before } = devKeys();
    const oldId = loadPayloadKeys(path).encryptWith;
    const [old] = await before.encode([plain(caseInput)]);

    const { id: newId } = addAndActivateKey(path);
    expect(newId).not.toBe(oldId);
    const keys = loadPayloadKeys(path);
    expect(keys.encryptWith).toBe(newId);
    expect(keys.ids).toEqual([oldId, newId]);
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const after = new AesGcmCodec(keys);
    const [fresh] = await after.encode([plain('after rotation')]);
    expect(text(fresh?.metadata?.[METADATA_KEY_ID])).toBe(newId);
    expect(value((await after.decode([old!]))[0])).toEqual(caseInput);
    expect(value((await after.decode([fresh!]))[0])).toBe('after rotation');
  });

  it('names the key id when a payload was encrypted with a key it does not have', async () => {
    const { path, codec: before } = devKeys();
    addAndActivateKey(path);
    const [fromNewKey] = await new AesGcmCodec(loadPayloadKeys(path)).encode([plain(caseInput)]);
    const newId = text(fromNewKey?.metadata?.[METADATA_KEY_ID]);

    const attempt = before.decode([fromNewKey!]);
    await expect(attempt).rejects.toBeInstanceOf(UnknownPayloadKeyError);
    await expect(before.decode([fromNewKey!])).rejects.toThrow(`key id "${newId}"`);
  });

  it('refuses tampered ciphertext and a relabelled key id rather than returning garbage', async () => {
    const { path } = devKeys();
    addAndActivateKey(path);
    const rotated = new AesGcmCodec(loadPayloadKeys(path));
    const [encrypted] = await rotated.encode([plain(caseInput)]);

    const flipped = Buffer.from(encrypted!.data!);
    flipped[20] = flipped[20]! ^ 1;
    await expect(rotated.decode([{ ...encrypted!, data: flipped }])).rejects.toBeInstanceOf(PayloadDecryptionError);

    const oldId = loadPayloadKeys(path).ids[0]!;
    const relabelled = { ...encrypted!, metadata: { ...encrypted!.metadata, [METADATA_KEY_ID]: Buffer.from(oldId) } };
    await expect(rotated.decode([relabelled])).rejects.toThrow(`key id "${oldId}" failed to decrypt`);
  });

  it('is what the data converter installs', () => {
    const { path } = devKeys();
    const keys = loadPayloadKeys(path);
    const converter = dataConverterFor(keys, openCaseKeys(':memory:', keys));
    expect(converter.payloadCodecs).toHaveLength(1);
    expect(converter.payloadCodecs[0]).toBeInstanceOf(AesGcmCodec);
  });
});

describe("the worker's codec (issue 15)", () => {
  const readBack = (p: Payload | undefined): unknown => payloadConverter.fromPayload(p as Payload);

  it('reads the service’s ciphertext, and hands everything else to the workflow as refused, never failing', async () => {
    const { path, codec: before } = devKeys();
    const [old] = await before.encode([plain(caseInput)]);
    const [flipped] = await before.encode([plain(caseInput)]);
    const bytes = flipped!.data!;
    bytes[20] = bytes[20]! ^ 1;
    addAndActivateKey(path);
    const keys = loadPayloadKeys(path);
    const worker = new AuthenticatingCodec(keys, openCaseKeys(':memory:', keys));
    const [fresh] = await new AesGcmCodec(loadPayloadKeys(path)).encode([plain('after rotation')]);
    const stranger = new AesGcmCodec(new PayloadKeys('elsewhere', new Map([['elsewhere', randomBytes(32)]])));
    const [foreign] = await stranger.encode([plain(caseInput)]);

    const out = await worker.decode([old!, fresh!, plain(caseInput), flipped!, foreign!]);
    expect(out.map(readBack)).toEqual([
      caseInput,
      'after rotation',
      new RefusedPayload('not-encrypted'),
      new RefusedPayload('not-authentic'),
      new RefusedPayload('unknown-key'),
    ]);
  });

  it('is what the worker’s data converter installs, with the sandbox converter that reads refused payloads', () => {
    const keys = loadPayloadKeys(devKeys().path);
    const converter = workerDataConverterFor(keys, openCaseKeys(':memory:', keys));
    expect(converter.payloadCodecs[0]).toBeInstanceOf(AuthenticatingCodec);
    expect(converter.payloadConverterPath).toBe(require.resolve('../../src/domain/refused-payload'));
  });
});

describe('codec errors', () => {
  it('repeats only a well-formed key id read from a payload', async () => {
    const path = join(dir, 'keys.json');
    ensureDevPayloadKeys(path);
    const codec = new AesGcmCodec(loadPayloadKeys(path));
    const forged = (id: string): Payload => ({
      metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING), [METADATA_KEY_ID]: Buffer.from(id) },
      data: Buffer.alloc(40),
    });
    await expect(codec.decode([forged(`${PSEUDONYM} ${NOTE}`)])).rejects.toThrow('key id (missing or malformed)');
    const noId: Payload = { metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING) }, data: Buffer.alloc(40) };
    await expect(codec.decode([noId])).rejects.toBeInstanceOf(PayloadDecryptionError);
  });
});
