import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ensureDevPayloadKeys, loadPayloadKeys, loadServiceKey } from '../../src/crypto/payload-keys';
import { normaliseReference, ReferenceIndex } from '../../src/crypto/reference-index';

const KEY = Buffer.alloc(32, 1);

describe('the reference index', () => {
  const index = new ReferenceIndex(KEY);

  it('finds a file number however it is typed: case, spaces, dots, slashes and dashes do not count', () => {
    const typed = ['BR.12.L3.104578/26', 'br 12 l3 104578 26', 'BR-12-L3-104578-26', 'ＢＲ１２Ｌ３１０４５７８２６'];
    expect(new Set(typed.map(normaliseReference))).toEqual(new Set(['BR12L310457826']));
    expect(new Set(typed.map((t) => index.keyOf(t))).size).toBe(1);
  });

  it('tells different numbers apart', () => {
    expect(index.keyOf('BR.12.L3.104578/26')).not.toBe(index.keyOf('BR.12.L3.104578/25'));
  });

  it('holds a keyed hash, never the number, and another index key gives other hashes', () => {
    const key = index.keyOf('BR.12.L3.104578/26');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain('104578');
    expect(new ReferenceIndex(Buffer.alloc(32, 2)).keyOf('BR.12.L3.104578/26')).not.toBe(key);
  });

  it('takes the numbers an opening names and the one an event reports, and no other', () => {
    const opening = { references: { prosecutorFile: 'BR.1/26', immigrationOfficeFile: '9876543' } };
    expect(index.ofOpening(opening)).toEqual([index.keyOf('BR.1/26'), index.keyOf('9876543')]);
    expect(index.ofOpening({})).toEqual([]);
    const complaint = {
      type: 'complaint-filed',
      on: '2026-11-10',
      kind: 'complaint',
      prosecutorOffice: 'BRUSSEL',
      prosecutorFile: 'BR.1/26',
    } as const;
    expect(index.ofEvent(complaint)).toEqual([index.keyOf('BR.1/26')]);
    expect(index.ofEvent({ type: 'voluntary-return', on: '2026-11-10' })).toEqual([]);
  });

  it('never shows its key when logged or serialised', () => {
    const hex = KEY.toString('hex');
    expect(JSON.stringify({ index })).not.toContain(hex);
    expect(inspect(index, { showHidden: true, depth: 5 })).not.toContain(KEY.toString('base64'));
  });
});

describe('the index key in the key file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'index-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created with the dev key file, apart from the payload keys', () => {
    const path = join(dir, 'keys.json');
    ensureDevPayloadKeys(path);
    const indexKey = loadServiceKey(path, 'indexKey');
    expect(indexKey).toHaveLength(32);
    const keys = loadPayloadKeys(path);
    expect(keys.ids.map((id) => keys.key(id)!.equals(indexKey))).toEqual([false]);
  });

  it('is added to a dev key file from before the index, keeping its payload keys', () => {
    const path = join(dir, 'keys.json');
    ensureDevPayloadKeys(path);
    const { indexKey: _dropped, ...older } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify(older));
    ensureDevPayloadKeys(path);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject(older);
    expect(loadServiceKey(path, 'indexKey')).toHaveLength(32);
  });

  it('is asked for by name when a production key file has none', () => {
    const path = join(dir, 'keys.json');
    ensureDevPayloadKeys(path);
    const { indexKey: _dropped, ...older } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify(older));
    expect(() => loadServiceKey(path, 'indexKey')).toThrow(/no indexKey .*openssl rand -base64 32/);
  });
});
