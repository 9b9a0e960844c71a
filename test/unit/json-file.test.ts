import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { loadPrincipals, PrincipalsFileError } from '../../src/identity/principals';
import { readJsonFile } from '../../src/json-file';

const dir = mkdtempSync(join(tmpdir(), 'json-file-'));
const HASH = 'a'.repeat(64);
const fail = (problem: string) => new Error(`test file: ${problem}`);

describe('the JSON files the service reads (one reader, one way to say what is wrong)', () => {
  it('names each bad path with its message, never the value', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ port: 'Zorya', list: [1, 'x'] }));
    const schema = z.strictObject({ port: z.number(), list: z.array(z.number()) });
    expect(() => readJsonFile(path, schema, fail)).toThrow(/^test file: port: .+; list\.1: .+$/);
    expect(() => readJsonFile(path, schema, fail)).not.toThrow(/Zorya/);
    writeFileSync(path, '[]');
    expect(() => readJsonFile(path, schema, fail)).toThrow(/^test file: \(root\): /);
  });

  it('says a file is missing or not JSON without quoting it', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, `{ "secret": "${HASH}"`);
    expect(() => readJsonFile(path, z.unknown(), fail)).toThrow(/^test file: not valid JSON$/);
    expect(() => readJsonFile(join(dir, 'absent.json'), z.unknown(), fail)).toThrow(
      'test file: cannot be read (ENOENT)',
    );
  });

  it('refuses a principals file naming the file and the bad entry, never a token hash', () => {
    const path = join(dir, 'principals.json');
    writeFileSync(
      path,
      JSON.stringify([
        { tokenSha256: HASH, role: 'admin' },
        { tokenSha256: HASH, role: 'centre', centre: 'NOWHERE' },
      ]),
    );
    let error: unknown;
    try {
      loadPrincipals(path);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PrincipalsFileError);
    expect((error as Error).message).toMatch(new RegExp(`^PRINCIPALS_FILE ${path}: 1\\.centre: `));
    expect((error as Error).message).not.toContain(HASH);
  });
});
